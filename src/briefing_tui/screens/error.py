"""A modal that shows why something could not be loaded or done."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from briefing_tui import keys
from briefing_tui.textsafe import one_line, present


class ErrorScreen(ModalScreen[None]):
    """Title, a list of problems shown literally, and a Close button."""

    BINDINGS = keys.DIALOG

    def __init__(self, title: str, problems: list[str]) -> None:
        super().__init__()
        self.error_title = title
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(one_line(self.error_title)), id="error-title")
            with VerticalScroll():
                yield Static(Content(present("\n".join(self.problems))), id="error-problems")
            yield Button("Close", variant="error", id="error-close")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
