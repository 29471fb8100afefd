"""The Textual app: a thin shell over the pure core.

:func:`make_app` builds it for the command line and the tests alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

from briefing_tui import keys
from briefing_tui.model.schema import Briefing
from briefing_tui.palette import JumpCommands

if TYPE_CHECKING:
    from briefing_tui.notes.store import NoteStore


class BriefingApp(App[int]):
    """Opens one briefing, or a library screen listing a folder of them."""

    CSS_PATH = "app.tcss"
    BINDINGS = keys.APP
    COMMANDS = App.COMMANDS | {JumpCommands}
    TITLE = "briefing-tui"
    #: Below 110 columns the detail pane goes under the lists instead of beside
    #: them (beside, the five tabs need about 55 columns).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(
        self,
        *,
        briefing: Briefing | None = None,
        path: Path | None = None,
        library: Path | None = None,
        notes_path: Path | None = None,
        keymap: dict[str, str] | None = None,
        finish: Callable[[], Briefing] | None = None,
    ) -> None:
        """`briefing` may come without its timeline: `finish` then returns the
        whole briefing (see :class:`~briefing_tui.model.cache.Opened`)."""
        super().__init__()
        if (briefing is None) == (library is None):
            raise ValueError("give either a briefing or a library folder")
        self.briefing = briefing
        self.finish = finish
        self.briefing_path = path
        self.library = library
        self.notes_path = notes_path
        from_env, self._keymap_problems = keys.read_keymap(os.environ.get("BRIEFING_TUI_KEYS", ""))
        self.keymap = keymap if keymap is not None else from_env
        self._notes: NoteStore | None = None
        #: Notes that could not be saved: (briefing id, item id) -> (label, text).
        self.unsaved: dict[tuple[str, str], tuple[str, str]] = {}
        #: Where unsaved notes were written on exit, if any.
        self.recovery_file: Path | None = None

    @property
    def notes(self) -> NoteStore:
        """The notes database, opened on first use (after the first paint)."""
        if self._notes is None:
            from briefing_tui.notes.store import NoteStore, default_notes_path

            self._notes = NoteStore.open(self.notes_path or default_notes_path())
        return self._notes

    def get_default_screen(self) -> Screen:
        if self.briefing is not None:
            from briefing_tui.screens.briefing import BriefingScreen

            return BriefingScreen(self.briefing, self.briefing_path, finish=self.finish)
        from briefing_tui.screens.library import LibraryScreen

        assert self.library is not None
        return LibraryScreen(self.library)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        if self._keymap_problems:
            self.notify("BRIEFING_TUI_KEYS: " + "; ".join(self._keymap_problems), severity="warning", markup=False)

    def flush_notes(self) -> None:
        """Save every note being edited, in every screen."""
        from briefing_tui.widgets.note_editor import NoteSection

        for screen in self.screen_stack:
            for section in screen.query(NoteSection):
                section.flush()

    async def action_quit(self) -> None:
        self.flush_notes()
        self.recovery_file = self._write_recovery()
        self.exit(0)

    def _write_recovery(self) -> Path | None:
        """Write notes that could not be saved to a Markdown file, so no typing is lost."""
        if not self.unsaved:
            return None
        import tempfile
        from datetime import datetime

        lines = ["# briefing-tui: notes that could not be saved", ""]
        for (briefing_id, item_id), (label, text) in self.unsaved.items():
            lines += [f"## {briefing_id} / {item_id or 'general note'} — {label}", "", text, ""]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for folder in (Path.cwd(), Path(tempfile.gettempdir())):
            path = folder / f"briefing-tui-unsaved-notes-{stamp}.md"
            try:
                path.write_text("\n".join(lines), encoding="utf-8")
            except OSError:
                continue
            return path
        return None

    def action_help(self) -> None:
        from briefing_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))


def make_app(
    *,
    briefing: Briefing | None = None,
    path: Path | None = None,
    library: Path | None = None,
    notes_path: Path | None = None,
    finish: Callable[[], Briefing] | None = None,
) -> BriefingApp:
    return BriefingApp(briefing=briefing, path=path, library=library, notes_path=notes_path, finish=finish)
