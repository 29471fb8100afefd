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
            from briefing_tui.widgets.safe import notify_safe

            notify_safe(self, "BRIEFING_TUI_KEYS: " + "; ".join(self._keymap_problems), severity="warning")

    def flush_notes(self) -> None:
        """Save every note being edited, in every screen."""
        from briefing_tui.widgets.note_editor import NoteSection

        for screen in self.screen_stack:
            for section in screen.query(NoteSection):
                section.flush()

    async def action_quit(self) -> None:
        self._keep_typed()
        self.recovery_file = self._write_recovery()
        self.exit(0)

    def _keep_typed(self) -> None:
        """Save every note being edited; what could not be saved (a failed write,
        a conflict not yet answered) joins `unsaved`, for the recovery file.

        The editors report a failed save with a message, which the app has no
        time to handle when it is quitting or crashing: so their text is taken here.
        """
        from briefing_tui.widgets.note_editor import NoteSection

        self.flush_notes()
        for screen in self.screen_stack:
            for section in screen.query(NoteSection):
                session = section.session
                if section.editing and session is not None and session.dirty(section.editor_text):
                    self.unsaved[(session.briefing_id, session.item_id)] = (session.label, section.editor_text)

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

    # -- crashes -------------------------------------------------------------------
    # Every exception that escapes a handler, a worker, a timer or the compositor
    # reaches App._handle_exception: private, but the one choke point Textual
    # itself uses (there is no public hook). Textual's own prints a Rich traceback
    # with the frames' locals on exit, and they hold note text and connection
    # strings: this one never calls it.

    #: The crash report written, if the app crashed and a file could be written.
    crash_report: Path | None = None
    #: What the user is told after a crash (Textual prints it on stderr on exit).
    crash_message: str | None = None

    def _handle_exception(self, error: Exception) -> None:
        """Save what is typed, write a redacted report, exit 1 with a short message."""
        self._return_code = 1
        if self._exception is None:
            # As Textual does: App.run_test re-raises the first error in tests.
            self._exception = error
            self._exception_event.set()
        if self.crash_message is None:  # later errors, often caused by the first, add nothing
            try:
                self.crash_message = self._report_crash(error)
            except Exception as failure:  # the handler itself failing: still no locals
                self.crash_message = (
                    f"briefing-tui crashed: {type(error).__name__}; "
                    f"the crash handler failed too ({type(failure).__name__})."
                )
            from rich.text import Text

            self._exit_renderables.clear()
            self._exit_renderables.append(Text(self.crash_message))
            # Whole lines, not wrapped or cut at the terminal's width: paths stay whole.
            self.error_console.soft_wrap = True
        self._close_messages_no_wait()

    def _report_crash(self, error: Exception) -> str:
        from textual.worker import WorkerFailed

        from briefing_tui import crash

        cause: BaseException = error.error if isinstance(error, WorkerFailed) else error
        notes = self._save_after_crash()
        redactor = crash.Redactor(self._note_texts())
        report = crash.build_report(cause, redactor, context={"Typed notes": notes})
        self.crash_report = crash.write_report(report)
        line = crash.summary(cause, redactor)
        return crash.crash_message(line, report=self.crash_report, report_text=report, notes=notes)

    def _save_after_crash(self) -> str:
        """What action_quit saves, each step guarded: a failure here must not hide
        the crash. Says what became of the typed notes."""
        problems: list[str] = []
        try:
            self._keep_typed()
        except Exception as failure:
            problems.append(f"saving them failed ({type(failure).__name__})")
        try:
            self.recovery_file = self._write_recovery()
        except Exception as failure:
            problems.append(f"writing the recovery file failed ({type(failure).__name__})")
        if self.recovery_file is not None:
            return f"Typed notes that could not be saved are in {self.recovery_file}"
        if problems or self.unsaved:
            return "Typed notes may be lost: " + ("; ".join(problems) or "no recovery file could be written") + "."
        return "Typed notes were saved."

    def _note_texts(self) -> list[str]:
        """Every note text the app holds: being typed, unsaved, read from the database."""
        from briefing_tui.components.notes import NotesKeeper
        from briefing_tui.widgets.note_editor import NoteSection

        texts = [text for _label, text in self.unsaved.values()]
        for screen in self.screen_stack:
            try:
                texts += [section.editor_text for section in screen.query(NoteSection)]
                for keeper in screen.query(NotesKeeper):
                    texts += keeper.bodies().values()
            except Exception:
                continue
        return texts


def make_app(
    *,
    briefing: Briefing | None = None,
    path: Path | None = None,
    library: Path | None = None,
    notes_path: Path | None = None,
    finish: Callable[[], Briefing] | None = None,
) -> BriefingApp:
    return BriefingApp(briefing=briefing, path=path, library=library, notes_path=notes_path, finish=finish)
