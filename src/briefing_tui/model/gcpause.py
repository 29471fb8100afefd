"""Pause Python's cyclic garbage collector while a briefing is built.

Parsing and validating create millions of short-lived objects, none of them
cyclic garbage; the collector runs over and over while they are made (loading
a 10,000-event briefing: 3.3 s with it, 0.8 s without).

When the last pause ends, every object the collector tracks is moved into its
oldest generation (``gc.freeze()`` then at once ``gc.unfreeze()``: two list
splices, whatever the heap's size). The young collections that follow never
walk the new briefing, and since the move does not count as objects
surviving into the oldest generation, it does not bring on a full collection
either (CPython runs one only when a quarter as many objects as that
generation held after the last full collection have survived into it since).
This used to be ``gc.freeze()`` alone, which keeps the objects out of full
collections too; but it also kept out, for good, everything else alive at
that moment, such as a briefing screen closed a moment before, that was
waiting for the collector: opening six briefings one after another kept
five in memory. Here nothing is pinned: full collections still come, rarely,
and free what is no longer used.

:func:`release` is for the app to call once a briefing has been closed (its
screen removed): one full collection, so that its memory is free at once
rather than at the next full collection.

Thread-safe and reentrant: the collector is enabled again when the last
pause ends; it is never enabled here if it was off to begin with.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _promote()
                if _was_enabled:
                    gc.enable()


def _promote() -> None:
    """Move every tracked object into the oldest generation, without a collection.

    ``gc.unfreeze()`` also gives back to the collector whatever an earlier
    ``gc.freeze()`` (ours, before this change, or anyone's) kept out of it.
    """
    gc.freeze()
    gc.unfreeze()


def release() -> int:
    """A full collection, for after a briefing was closed; the number of
    unreachable objects found. Does nothing (returns 0) while a briefing is
    being built, or if the collector is off."""
    with _lock:
        if _depth or not gc.isenabled():
            return 0
    return gc.collect()
