"""Recommendations: the numbered list."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from briefing_tui.model.schema import Recommendation
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.render import recommendation_prompt


class RecommendationsPane(BriefingPane):
    def compose(self) -> ComposeResult:
        yield ItemList(id="recommendations-list")

    def build(self) -> None:
        recs = self.briefing.recommendations
        item_list = self.item_list
        if not recs:
            item_list.display = False
            self.mount(Static("This briefing has no recommendations.", classes="empty"))
            return
        self._width = len(str(max(rec.number for rec in recs)))
        item_list.set_options(Option(partial(self._prompt, rec), id=rec.id) for rec in recs)  # made when drawn
        item_list.highlighted = 0

    def _prompt(self, rec: Recommendation) -> Content:
        return recommendation_prompt(rec, self._width, rec.id in self.noted)
