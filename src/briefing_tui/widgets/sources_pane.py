"""Sources: every document the briefing cites."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

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
        self.item_list.set_options(
            Option(source_prompt(source, source.id in self.noted), id=source.id) for source in sources
        )
        self.item_list.highlighted = 0

    def prompt_for(self, item_id: str) -> Content | None:
        ref = self.index.get(item_id)
        if ref is None or ref.kind != "source":
            return None
        return source_prompt(ref.item, item_id in self.noted)  # type: ignore[arg-type]
