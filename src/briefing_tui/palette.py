"""Command palette: jump to any item of the open briefing by its name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from briefing_tui.model.items import KIND_NOUNS, ItemRef, item_name
from briefing_tui.textsafe import one_line

if TYPE_CHECKING:
    from briefing_tui.screens.briefing import BriefingScreen

MAX_HITS = 60


def command_name(ref: ItemRef) -> str:
    """ "Recommendation 4: <title>", "Event 20 Jan 2009: <title>", "Source: <title>"."""
    what, title = item_name(ref)
    return one_line(f"{what}: {title}")


class JumpCommands(Provider):
    """Items of the briefing on screen, matched by words in their names."""

    def _screen(self) -> BriefingScreen | None:
        from briefing_tui.screens.briefing import BriefingScreen

        screen = self.screen
        return screen if isinstance(screen, BriefingScreen) else None

    async def startup(self) -> None:
        """Every item's name, once per palette (not on each keystroke)."""
        screen = self._screen()
        self._names: list[tuple[ItemRef, str, str]] = []
        if screen is not None:
            await screen.completed.wait()  # the timeline's events come after the first paint
            for ref in screen.index.ordered:
                name = command_name(ref)
                self._names.append((ref, name, name.casefold()))

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            return
        for ref, name, _ in self._names:
            if ref.kind == "recommendation":
                yield DiscoveryHit(
                    Content(name), partial(screen.jump_to, ref.id), text=name, help="Jump to this recommendation"
                )

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        words = query.casefold().split()
        if screen is None or not words:
            return
        found = 0
        for ref, name, folded in self._names:
            if not all(word in folded for word in words):
                continue
            content = Content(name)
            for word in words if len(folded) == len(name) else ():
                start = folded.find(word)
                content = content.stylize("bold reverse", start, start + len(word))
            score = 1.0 if folded.startswith(words[0]) else 0.8 if ref.kind == "recommendation" else 0.6
            yield Hit(
                score,
                content,
                partial(screen.jump_to, ref.id),
                text=name,
                help=escape(f"Jump to this {KIND_NOUNS[ref.kind]}"),
            )
            found += 1
            if found >= MAX_HITS:
                return
