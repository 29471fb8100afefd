"""Small dialogs with typed results: confirm, resolve a note conflict, export notes.

Each collects an answer and dismisses with it; the caller acts (a modal
collects, a pure module acts).
"""

from __future__ import annotations

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
    """Ask where to write the notes; confirm before overwriting a file."""

    BINDINGS = keys.DIALOG

    def __init__(self, default: Path, count: int) -> None:
        super().__init__()
        self.default = default
        self.count = count

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

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one("#export-problem", Static).update("Give a file name.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            problem = Content(f"{literal_line(text)} is a folder; give a file name.")
            self.query_one("#export-problem", Static).update(problem)
            return
        if path.exists():

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self.dismiss(path)

            self.app.push_screen(
                ConfirmScreen(
                    "Overwrite?", f"{literal_line(str(path))} exists. Replace it with the export?", yes="Overwrite"
                ),
                answered,
            )
            return
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        self.dismiss(None)
