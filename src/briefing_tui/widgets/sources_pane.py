"""Sources: every document the briefing cites."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from briefing_tui.model.schema import Source
from briefing_tui.widgets.item_list import ItemList, Option
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
        self.item_list.set_options(Option(partial(self._prompt, source), id=source.id) for source in sources)
        self.item_list.highlighted = 0

    def _prompt(self, source: Source) -> Content:
        return source_prompt(source, source.id in self.noted)
