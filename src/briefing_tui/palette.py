"""Command palette: jump to any item of the open briefing by its name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from briefing_tui.model.items import KIND_NOUNS, ItemRef, item_name
from briefing_tui.model.schema import Recommendation
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
        number = query.strip().lstrip("#")
        if number.isdigit():  # "6" or "#6": recommendation 6 first
            for ref, name, _ in self._names:
                if isinstance(ref.item, Recommendation) and str(ref.item.number) == number:
                    yield Hit(1.0, Content(name), partial(screen.jump_to, ref.id), text=name, help="Jump to it")
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


class ActionCommands(Provider):
    """The app's actions, each named in :data:`briefing_tui.keys.PALETTE`,
    with its key: everything a key does, found by words."""

    def _commands(self) -> list[tuple[str, str, str, bool]]:
        """(name, key shown, action, whether the app runs it) that apply now:
        the app's everywhere, the briefing's on a briefing."""
        from briefing_tui import keys
        from briefing_tui.screens.briefing import BriefingScreen

        screen = self.screen
        on_briefing = isinstance(screen, BriefingScreen)
        keymap = getattr(self.app, "keymap", None) or {}
        commands = []
        for group, on_app in ((keys.APP, True), (keys.BRIEFING, False), (keys.TIMELINE, False)):
            for binding in group:
                if not isinstance(binding, Binding) or binding.id not in keys.PALETTE:
                    continue
                if not on_app:
                    _, name, params = parse(binding.action)
                    if not on_briefing or screen.check_action(name, params) is False:
                        continue
                key = keys.shown_key(binding.id, keymap)
                commands.append((keys.PALETTE[binding.id], key, binding.action, on_app))
        return commands

    def _run(self, action: str, on_app: bool) -> None:
        from briefing_tui.screens.briefing import BriefingScreen

        if on_app:
            self.app.call_later(self.app.run_action, action)
            return
        screen = self.screen  # the screen the palette was opened over
        if action == "filter_tag" and isinstance(screen, BriefingScreen):
            self.app.call_later(self._filter_tag, screen)
        else:
            self.app.call_later(screen.run_action, action)

    async def _filter_tag(self, screen: BriefingScreen) -> None:
        await screen.action_show_pane("timeline")
        await screen.pane("timeline").run_action("filter_tag")

    async def discover(self) -> Hits:
        for name, key, action, on_app in self._commands():
            yield DiscoveryHit(Content(name), partial(self._run, action, on_app), text=name, help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, action, on_app in self._commands():
            score = matcher.match(name)
            if score > 0:
                run = partial(self._run, action, on_app)
                yield Hit(score, matcher.highlight(name), run, text=name, help=f"key: {key}")
