"""The briefing screen: panes of lists on the left, the detail pane on the right."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from briefing_tui import keys
from briefing_tui.model.items import ItemIndex, Kind
from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import one_line
from briefing_tui.widgets.detail import DetailPane
from briefing_tui.widgets.overview_pane import OverviewPane
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.recommendations_pane import RecommendationsPane
from briefing_tui.widgets.render import header_subtitle
from briefing_tui.widgets.sources_pane import SourcesPane
from briefing_tui.widgets.timeline_pane import TimelinePane

#: Pane id -> (tab label, pane class), in tab order.
PANES: dict[str, tuple[str, type[BriefingPane]]] = {
    "overview": ("Overview", OverviewPane),
    "timeline": ("Timeline", TimelinePane),
    "recommendations": ("Recommendations", RecommendationsPane),
    "sources": ("Sources", SourcesPane),
}
PANE_OF_KIND: dict[Kind, str] = {
    "fact": "overview",
    "section": "overview",
    "event": "timeline",
    "recommendation": "recommendations",
    "source": "sources",
}
FIRST_PANE = "recommendations"


class BriefingScreen(Screen[None]):
    """One briefing. Recommendations are shown first: they are what readers come for."""

    BINDINGS = keys.BRIEFING

    def __init__(self, briefing: Briefing, path: Path | None = None, *, can_go_back: bool = False) -> None:
        super().__init__()
        self.briefing = briefing
        self.path = path
        self.index = ItemIndex(briefing)
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with TabbedContent(initial=FIRST_PANE, id="panes"):
                for pane_id, (label, pane_class) in PANES.items():
                    with TabPane(label, id=pane_id):
                        yield pane_class(self.index, id=f"{pane_id}-pane")
            yield DetailPane(self.index, id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = one_line(self.briefing.meta.title)
        self.sub_title = header_subtitle(self.briefing)
        pane = self.active_pane
        pane.ensure_built()
        pane.focus_list()

    # -- panes -------------------------------------------------------------------

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one("#panes", TabbedContent)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def pane(self, pane_id: str) -> BriefingPane:
        return self.query_one(f"#{pane_id}-pane", BriefingPane)

    @property
    def active_pane(self) -> BriefingPane:
        return self.pane(self.tabs.active or FIRST_PANE)

    @on(TabbedContent.TabActivated, "#panes")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane = self.active_pane
        pane.ensure_built()
        self.detail.show(pane.current_id())

    @on(BriefingPane.Highlighted)
    def _highlighted(self, event: BriefingPane.Highlighted) -> None:
        if event.pane is self.active_pane:
            self.detail.show(event.item_id)

    @on(BriefingPane.Chosen)
    def _chosen(self, event: BriefingPane.Chosen) -> None:
        self.detail.show(event.item_id)
        self.detail.focus()

    @on(DetailPane.JumpRequested)
    def _jump_requested(self, event: DetailPane.JumpRequested) -> None:
        self.jump_to(event.item_id)

    def jump_to(self, item_id: str) -> bool:
        """Show `item_id`: switch to its pane, select it, show it in the detail pane."""
        ref = self.index.get(item_id)
        if ref is None:
            return False
        pane_id = PANE_OF_KIND[ref.kind]
        self.tabs.active = pane_id
        pane = self.pane(pane_id)
        pane.select(item_id)
        pane.focus_list()
        self.detail.show(item_id)
        return True

    # -- actions -----------------------------------------------------------------

    def action_show_pane(self, pane_id: str) -> None:
        if pane_id in PANES:
            self.tabs.active = pane_id
            self.active_pane.focus_list()

    def action_focus_detail(self) -> None:
        self.detail.focus()

    def action_back(self) -> None:
        focused = self.focused
        if focused is not None and self.detail in focused.ancestors_with_self:
            self.active_pane.focus_list()
        elif self.can_go_back:
            self.dismiss()
