"""Free a closed briefing's memory at once, not at the next full collection.

A briefing screen closed from the library is garbage in reference cycles;
the loader's collector pause (:mod:`briefing_tui.model.gcpause`) puts what a
load builds in the oldest generation, which the collector walks rarely. So
the screen asks for one full collection when it is removed.
"""

from __future__ import annotations

import weakref

from textual.app import App
from textual.screen import Screen

#: How many times a closed briefing screen is looked for, every RELEASE_EVERY s.
RELEASE_TRIES = 20
RELEASE_EVERY = 0.05


def release_memory() -> None:
    """Free what a closed briefing screen held, at once.

    Textual 8.2.8's ``StylesCache.get_inner_outer`` is an ``lru_cache`` whose
    keys keep up to 1,024 removed widgets (and their rendered lines) alive: it
    is cleared first (private, but there is no public way). Then one full
    collection (:func:`briefing_tui.model.gcpause.release`).
    """
    from textual._styles_cache import StylesCache

    from briefing_tui.model import gcpause

    StylesCache.get_inner_outer.cache_clear()
    gcpause.release()


def _release_when_gone(app: App[object], screen: weakref.ref[Screen[None]], tries: int) -> None:
    """Free a closed briefing screen, once Textual has let go of it.

    The screen's unmount handler runs inside the screen's own message loop,
    and the dismissal that removed it finishes after that; until both end they
    hold the screen (frames, a timer's bound method, the context they run in).
    So the collection runs from the app's loop, and again a moment later while
    the screen is still there (a few tries; each is one full collection).
    """
    release_memory()
    if screen() is not None and tries > 1:
        app.set_timer(RELEASE_EVERY, lambda: _release_when_gone(app, screen, tries - 1))


def free_when_gone(screen: Screen[None]) -> None:
    """For a screen's unmount handler: free it once Textual lets go of it."""
    screen.app.call_later(_release_when_gone, screen.app, weakref.ref(screen), RELEASE_TRIES)
