"""Sources: every document the briefing cites."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static
from textual.widgets.option_list import Option

from briefing_tui.widgets.item_list import ItemList
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.render import source_prompt


class SourcesPane(BriefingPane):
    def compose(self) -> ComposeResult:
        yield ItemList(id="sources-list")

    def build(self) -> None:
        sources = self.briefing.sources
        if not sources:
            self.item_list.display = False
            self.mount(Static("This briefing cites no sources.", classes="empty"))
            return
        self.item_list.set_options(Option(source_prompt(source), id=source.id) for source in sources)
        self.item_list.highlighted = 0
