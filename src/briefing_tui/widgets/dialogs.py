"""Small dialogs with typed results: confirm, resolve a note conflict, export notes.

Each collects an answer and dismisses with it; the caller acts (a modal
collects, a pure module acts).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from briefing_tui import keys
from briefing_tui.textsafe import literal_line, strip_control
from briefing_tui.widgets.safe import SafeInput


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no. Escape is no."""

    BINDINGS = keys.DIALOG

    def __init__(self, title: str, message: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.title_text, self.message, self.yes, self.no = title, message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(strip_control(self.title_text)), classes="dialog-title")
            yield Static(Content(strip_control(self.message)))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="confirm-no")
                yield Button(self.yes, variant="warning", id="confirm-yes")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_close(self) -> None:
        self.dismiss(False)


class ConflictScreen(ModalScreen[str]):
    """A note changed in another window: "both", "theirs" or "mine"."""

    BINDINGS = keys.DIALOG

    def __init__(self, label: str, theirs_preview: str) -> None:
        super().__init__()
        self.label = label
        self.theirs_preview = theirs_preview

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Content(strip_control(f"The note on {self.label} changed in another window")), classes="dialog-title"
            )
            yield Static(
                Content(
                    "Since you started editing, another window saved this note. "
                    "Nothing has been overwritten. The other window's version begins:\n\n"
                    + strip_control(self.theirs_preview)
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload theirs", id="conflict-theirs")
                yield Button("Keep mine", id="conflict-mine")
                yield Button("Keep both", variant="primary", id="conflict-both")

    def on_mount(self) -> None:
        self.query_one("#conflict-both", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "conflict-both").removeprefix("conflict-"))

    def action_close(self) -> None:
        self.dismiss("both")  # the safe default: nothing is lost


class ExportScreen(ModalScreen[Path | None]):
    """Ask where to write the notes; confirm before replacing anything.

    Only a regular file, a new name, or a link to one is accepted (see
    :func:`briefing_tui.notes.export.export_target`): a folder, a named pipe,
    a device or a missing folder is said in the dialog, which stays open with
    the typed path. Before replacing a file, or writing through a link (a
    dangling one too), it asks, naming the file that would be written.

    With ``export``, the dialog runs it on the path chosen and closes only
    when it succeeds: a :class:`~briefing_tui.notes.errors.NotesError` it
    raises (a full disk, say) is shown in the dialog, which stays open. It
    dismisses with the path (None: cancelled).
    """

    BINDINGS = keys.DIALOG

    def __init__(self, default: Path, count: int, *, export: Callable[[Path], object] | None = None) -> None:
        super().__init__()
        self.default = default
        self.count = count
        self.export = export

    def compose(self) -> ComposeResult:
        with Vertical():
            noun = "note" if self.count == 1 else "notes"
            yield Static(Content(f"Export {self.count} {noun} to Markdown"), classes="dialog-title")
            yield Label("File (Enter to export, Escape to cancel):")
            # The real path is the value; what is drawn of it is presented.
            yield SafeInput(str(self.default), id="export-path")
            yield Static("", id="export-problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="export-cancel")
                yield Button("Export", variant="primary", id="export-ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _problem(self, text: str) -> None:
        self.query_one("#export-problem", Static).update(Content(strip_control(text)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        from briefing_tui.notes.errors import ExportError
        from briefing_tui.notes.export import export_target

        text = self.query_one(Input).value.strip()
        if not text:
            self._problem("Give a file name.")
            return
        path = Path(text).expanduser()
        try:
            target = export_target(path)
        except ExportError as error:
            self._problem(str(error))
            return
        if not target.exists:
            self._accept(path)
            return

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self._accept(path)

        name, real = literal_line(str(path)), literal_line(str(target.real))
        if not target.link:
            question = ConfirmScreen("Overwrite?", f"{name} exists. Replace it with the export?", yes="Overwrite")
        elif target.real_exists:
            question = ConfirmScreen(
                "Overwrite the link's target?",
                f"{name} is a link to {real}. Replace {real} with the export? The link stays.",
                yes="Overwrite",
            )
        else:
            question = ConfirmScreen(
                "Write through the link?",
                f"{name} is a link to {real}, which does not exist yet. Write the export there? The link stays.",
                yes="Write",
            )
        self.app.push_screen(question, answered)

    def _accept(self, path: Path) -> None:
        from briefing_tui.notes.errors import NotesError

        if self.export is not None:
            try:
                self.export(path)
            except NotesError as error:
                self._problem(str(error))
                return
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        self.dismiss(None)
