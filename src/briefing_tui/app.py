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
from briefing_tui.palette import ActionCommands, JumpCommands

if TYPE_CHECKING:
    from briefing_tui.notes.recovery import Recovery
    from briefing_tui.notes.store import NoteStore

#: Signals after which what is typed is saved (or kept) before the app exits
#: with 128 + the signal's number. SIGKILL cannot be caught: for it, the
#: autosave's maximum wait is the guarantee.
SAVING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT")


class BriefingApp(App[int]):
    """Opens one briefing, or a library screen listing a folder of them."""

    CSS_PATH = "app.tcss"
    BINDINGS = keys.APP
    COMMANDS = App.COMMANDS | {ActionCommands, JumpCommands}
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
        super().__init__(driver_class=_terminal_driver())
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
        self._recovery: Recovery | None = None
        #: Where unsaved notes were written on exit, if any.
        self.recovery_file: Path | None = None

    @property
    def notes(self) -> NoteStore:
        """The notes database, opened on first use (after the first paint)."""
        if self._notes is None:
            from briefing_tui.notes.store import NoteStore, default_notes_path

            self._notes = NoteStore.open(self.notes_path or default_notes_path())
        return self._notes

    @property
    def recovery(self) -> Recovery:
        """Notes the store could not take, kept on disk as they change (see
        :mod:`briefing_tui.notes.recovery`)."""
        if self._recovery is None:
            from briefing_tui.notes.recovery import Recovery, default_places

            folder = self.briefing_path.parent if self.briefing_path is not None else self.library
            self._recovery = Recovery(default_places(folder))
        return self._recovery

    @property
    def notes_unsaved(self) -> bool:
        """Whether any typed note is not in the notes store (it is in the recovery)."""
        return self._recovery is not None and bool(self._recovery)

    def get_default_screen(self) -> Screen:
        if self.briefing is not None:
            from briefing_tui.screens.briefing import BriefingScreen

            return BriefingScreen(self.briefing, self.briefing_path, finish=self.finish)
        from briefing_tui.screens.library import LibraryScreen

        assert self.library is not None
        return LibraryScreen(self.library)

    def on_mount(self) -> None:
        self._catch_signals()
        # Without colour, a selection is shown by reverse video (app.tcss).
        self.set_class(self.no_color, "-no-color")
        if self.keymap:
            self.set_keymap(self.keymap)
        if self._keymap_problems:
            from briefing_tui.widgets.safe import notify_safe

            notify_safe(self, "BRIEFING_TUI_KEYS: " + "; ".join(self._keymap_problems), severity="warning")

    async def action_quit(self) -> None:
        self._save_and_exit(0)

    def _save_and_exit(self, code: int) -> None:
        """Save what is typed (or keep it in the recovery file), then exit:
        with `code`, or 1 if any note is not in the store."""
        self._keep_typed()
        self.recovery_file = self._write_recovery()
        self.exit(return_code=1 if self.notes_unsaved and code == 0 else code)

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal closed), SIGINT, SIGQUIT: save first."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in SAVING_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:  # not on this platform
                continue
            try:
                loop.add_signal_handler(number, self._on_signal, int(number))
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such support
                continue

    def _on_signal(self, number: int) -> None:
        if self._exiting_for is not None:  # a second signal (or the hang-up's EIO after its SIGHUP)
            return
        self._exiting_for = number
        self._save_and_exit(128 + number)

    #: The signal the app is exiting for, once one came.
    _exiting_for: int | None = None

    def on_hangup(self) -> None:
        """The terminal hung up (the driver saw EIO): as SIGHUP, which the kernel
        sends too, whichever comes first. Called from the driver's threads."""
        import signal

        self._from_driver(self._on_signal, int(signal.SIGHUP))

    def on_driver_failure(self, error: BaseException) -> None:
        """The driver failed to read or write the terminal: a crash, with this
        app's handler. Called from the driver's threads."""
        crash = error if isinstance(error, Exception) else RuntimeError(f"the terminal driver stopped: {error!r}")
        self._from_driver(self._handle_exception, crash)

    def _from_driver(self, callback: Callable[..., None], *args: object) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # the loop closed meanwhile: the app is gone already
            pass

    def _keep_typed(self) -> None:
        """Save every note being edited; what could not be saved (a failed write,
        a conflict not yet answered) goes to the recovery file.

        The editors report a failed save with a message, which the app has no
        time to handle when it is quitting or crashing: so their text is taken here.
        """
        from briefing_tui.widgets.note_editor import NoteSection

        for screen in self.screen_stack:
            for section in screen.query(NoteSection):
                section.flush(ask=False)
                session = section.session
                if section.editing and session is not None and (section.conflict or session.dirty(section.editor_text)):
                    self.recovery.keep(session.briefing_id, session.item_id, session.label, section.editor_text)

    def _write_recovery(self) -> Path | None:
        """The recovery file, written once more (None: no notes are unsaved, or
        no place would take it: then launch prints them on stderr)."""
        if not self.notes_unsaved:
            return None
        return self.recovery.write()

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
        if problems or self.notes_unsaved:
            return "Typed notes may be lost: " + ("; ".join(problems) or "no recovery file could be written") + "."
        return "Typed notes were saved."

    def _note_texts(self) -> list[str]:
        """Every note text the app holds: being typed, unsaved, read from the database."""
        from briefing_tui.components.notes import NotesKeeper
        from briefing_tui.widgets.note_editor import NoteSection

        texts = [text for _label, text in self._recovery.notes.values()] if self._recovery is not None else []
        for screen in self.screen_stack:
            try:
                texts += [section.editor_text for section in screen.query(NoteSection)]
                for keeper in screen.query(NotesKeeper):
                    texts += keeper.bodies().values()
            except Exception:
                continue
        return texts


def _terminal_driver() -> type | None:
    """The driver that survives a hung-up terminal (:mod:`briefing_tui.driver`),
    where Textual uses its Linux driver; elsewhere Textual's own choice."""
    import sys

    from textual import constants

    if sys.platform == "win32" or constants.DRIVER:  # TEXTUAL_DRIVER (textual serve, a custom driver) wins
        return None
    from briefing_tui.driver import HangupSafeDriver

    return HangupSafeDriver


def make_app(
    *,
    briefing: Briefing | None = None,
    path: Path | None = None,
    library: Path | None = None,
    notes_path: Path | None = None,
    finish: Callable[[], Briefing] | None = None,
) -> BriefingApp:
    return BriefingApp(briefing=briefing, path=path, library=library, notes_path=notes_path, finish=finish)
