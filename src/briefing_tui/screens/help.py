"""The help screen: every binding, built from the same lists that define them."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from briefing_tui import keys


def key_label(binding: Binding, keymap: dict[str, str]) -> str:
    key = keymap.get(binding.id or "", binding.key)
    if binding.key_display and binding.id not in keymap:
        return binding.key_display
    return key


class HelpScreen(ModalScreen[None]):
    BINDINGS = [*keys.DIALOG, *keys.HELP_DIALOG]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("briefing-tui — keys", id="help-title")
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Remap keys with BRIEFING_TUI_KEYS='binding-id=key,...' (ids in the second column). "
                "The mouse works too: click tabs, items and links; scroll with the wheel. Escape closes.",
                id="help-footer",
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Id", "Action")
        for section, bindings in keys.HELP_SECTIONS:
            table.add_row(Text(section, style="bold"), Text(""), Text(""))
            for binding in bindings:
                table.add_row(
                    Text(key_label(binding, self.keymap)),
                    Text(binding.id or "", style="dim"),
                    Text(binding.description),
                )
        table.add_row(Text("Built in", style="bold"), Text(""), Text(""))
        for key, description in keys.BUILTIN_HELP:
            table.add_row(Text(key), Text(""), Text(description))
        table.add_row(Text("Search queries (/)", style="bold"), Text(""), Text(""))
        for example, meaning in keys.QUERY_HELP:
            table.add_row(Text(example), Text(""), Text(meaning))
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
