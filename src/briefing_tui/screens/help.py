"""The help screen: every binding, built from the same lists that define them.

It reads fully at 80x24: two columns (the key, then what it does with the
binding id after it), wrapped to the width, scrolled up and down only.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing_tui import keys

FOOTER = (
    "Remap keys with BRIEFING_TUI_KEYS='binding-id=key,...' (the ids are in grey after each action). "
    "The mouse works too: click tabs, items and links; scroll with the wheel. Escape or ? closes."
)


def key_label(binding: Binding, keymap: dict[str, str]) -> str:
    key = keymap.get(binding.id or "", binding.key)
    if binding.key_display and binding.id not in keymap:
        return binding.key_display
    return key.replace(",", " ")


def _table() -> Table:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column("key", style="bold", width=15, overflow="fold")
    table.add_column("action", ratio=1, overflow="fold")
    return table


def help_renderable(keymap: dict[str, str]) -> RenderableType:
    """Every binding with its key (after `keymap`), id and description; the
    keys Textual provides; the query language."""
    parts: list[RenderableType] = [Text(FOOTER, style="dim")]
    for section, bindings in keys.HELP_SECTIONS:
        table = _table()
        for binding in bindings:
            action = Text(binding.description)
            action.append(f"  {binding.id}", style="dim")
            table.add_row(Text(key_label(binding, keymap)), action)
        parts += [Text(""), Text(section, style="bold underline"), table]
    table = _table()
    for key, description in keys.BUILTIN_HELP:
        table.add_row(Text(key), Text(description))
    parts += [Text(""), Text("Built in", style="bold underline"), table]
    parts += [Text(""), Text("Search queries (/)", style="bold underline")]
    for example, meaning in keys.QUERY_HELP:
        parts.append(Text(example, style="bold"))
        parts.append(Text("    " + meaning))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [*keys.DIALOG, *keys.HELP_DIALOG]

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("briefing-tui — keys", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_renderable(self.keymap), id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss()
