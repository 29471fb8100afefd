"""The briefing screen: panes of lists on the left, the detail pane on the right."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from briefing_tui import keys
from briefing_tui.model.items import ItemIndex, Kind
from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import one_line, strip_control
from briefing_tui.widgets.detail import DetailPane
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.pane_switcher import PaneSwitcher
from briefing_tui.widgets.render import header_subtitle
from briefing_tui.screens.notes_mixin import NotesMixin
from briefing_tui.screens.search_mixin import SearchMixin
from briefing_tui.widgets.notes_pane import NotesPane

#: Pane id -> (tab label, "module:class" of the pane), in tab order. Panes other
#: than the first are imported and mounted right after the first paint.
PANES: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "briefing_tui.widgets.overview_pane:OverviewPane"),
    "timeline": ("Timeline", "briefing_tui.widgets.timeline_pane:TimelinePane"),
    "recommendations": ("Recommendations", "briefing_tui.widgets.recommendations_pane:RecommendationsPane"),
    "sources": ("Sources", "briefing_tui.widgets.sources_pane:SourcesPane"),
    "notes": ("Notes", "briefing_tui.widgets.notes_pane:NotesPane"),
}


def pane_class(pane_id: str) -> type[BriefingPane]:
    module, _, name = PANES[pane_id][1].partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
PANE_OF_KIND: dict[Kind, str] = {
    "fact": "overview",
    "section": "overview",
    "event": "timeline",
    "recommendation": "recommendations",
    "source": "sources",
}
FIRST_PANE = "recommendations"


class BriefingScreen(NotesMixin, SearchMixin, Screen[None]):
    """One briefing. Recommendations are shown first: they are what readers come for."""

    BINDINGS = keys.BRIEFING
    PANE_OF_KIND = PANE_OF_KIND

    def __init__(
        self,
        briefing: Briefing,
        path: Path | None = None,
        *,
        can_go_back: bool = False,
        finish: Callable[[], Briefing] | None = None,
    ) -> None:
        """`briefing` may come without its timeline (see cache.Opened): then
        `finish` returns the whole of it, and is called in a worker after the
        first paint."""
        super().__init__()
        self.path = path
        self.index = ItemIndex(briefing)
        self._finish = finish
        #: Why the timeline could not be read, if it could not.
        self.timeline_problem: str | None = None
        self.can_go_back = can_go_back
        #: Ids of the items that have a note; panes share this set.
        self.noted: set[str] = set()
        self.notes_ready = False
        self._ready = False
        self._ready_lock = asyncio.Lock()
        self.init_search()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                labels = {pane_id: label for pane_id, (label, _) in PANES.items()}
                # The other panes are mounted right after the first paint.
                yield PaneSwitcher(labels, FIRST_PANE, self._new_pane(FIRST_PANE), id="panes")
            with Vertical(id="side"):
                yield DetailPane(self.index, id="detail")
        yield Footer()

    @property
    def briefing(self) -> Briefing:
        """The briefing; without its timeline until :meth:`ready` has run."""
        return self.index.briefing

    def _new_pane(self, pane_id: str) -> BriefingPane:
        pane = pane_class(pane_id)(self.index, id=f"{pane_id}-pane")
        pane.noted = self.noted
        if pane_id == "timeline":
            pane.unavailable = self.timeline_problem
        return pane

    async def ready(self) -> None:
        """Complete what the first paint left out: the briefing's timeline (when
        it came without), the other panes, the note section.

        Runs right after the first paint; actions that need any of it await it.
        """
        if self._ready:
            return
        async with self._ready_lock:
            if self._ready:
                return
            if self._finish is not None:
                await self._complete_briefing(self._finish)
                self._finish = None
            for pane_id in PANES:
                page = self.tabs.page(pane_id)
                if not page.is_attached:  # the app is closing
                    return
                if not self.query(f"#{pane_id}-pane"):
                    await page.mount(self._new_pane(pane_id))
            from briefing_tui.widgets.note_editor import NoteSection

            await self.query_one("#side").mount(NoteSection(id="note"))
            self._ready = True

    async def _complete_briefing(self, finish: Callable[[], Briefing]) -> None:
        from briefing_tui.model.problems import BriefingError

        def whole_index() -> ItemIndex:
            return ItemIndex(finish())

        try:
            index = await asyncio.to_thread(whole_index)
        except BriefingError as error:
            message = strip_control(str(error))  # it names the file: shown literally
            self.timeline_problem = f"The timeline could not be read. {message}"
            self.notify(message, title="Timeline", severity="error", timeout=15, markup=False)
        else:
            self.index.become(index)

    async def _finish_startup(self) -> None:
        await self.ready()
        if self._ready:  # else the app is closing
            self.load_notes()  # opening the database is not on the critical path either

    def on_mount(self) -> None:
        self.title = one_line(self.briefing.meta.title)
        self.sub_title = header_subtitle(self.briefing)
        pane = self.active_pane
        pane.ensure_built()
        pane.focus_list()
        # A worker, not a callback: a callback would hold the screen's message
        # queue while the events are read, and the lists would not scroll.
        self.call_after_refresh(lambda: self.run_worker(self._finish_startup(), group="startup"))

    # -- panes -------------------------------------------------------------------

    @property
    def tabs(self) -> PaneSwitcher:
        return self.query_one("#panes", PaneSwitcher)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    def pane(self, pane_id: str) -> BriefingPane:
        return self.query_one(f"#{pane_id}-pane", BriefingPane)

    @property
    def active_pane(self) -> BriefingPane:
        return self.pane(self.tabs.active)

    @on(PaneSwitcher.Activated, "#panes")
    async def _tab_activated(self, event: PaneSwitcher.Activated) -> None:
        await self.ready()
        pane = self.active_pane
        pane.ensure_built()
        self.show_item(pane.current_id())

    @on(BriefingPane.Highlighted)
    def _highlighted(self, event: BriefingPane.Highlighted) -> None:
        if event.pane is self.active_pane:
            self.show_item(event.item_id)

    @on(BriefingPane.Chosen)
    async def _chosen(self, event: BriefingPane.Chosen) -> None:
        await self.ready()
        if self.index.get(event.item_id) is None:
            self.show_item(event.item_id)
            await self.note_section.edit()  # the general note, an orphaned note
        elif isinstance(event.pane, NotesPane):
            await self.jump_to(event.item_id)
        else:
            self.show_item(event.item_id)
            self.detail.focus()

    @on(DetailPane.JumpRequested)
    async def _jump_requested(self, event: DetailPane.JumpRequested) -> None:
        await self.jump_to(event.item_id)

    async def jump_to(self, item_id: str) -> bool:
        """Show `item_id`: switch to its pane, select it, show it in the detail pane."""
        await self.ready()  # the item may be an event, which comes after the first paint
        ref = self.index.get(item_id)
        if ref is None:
            return False
        pane_id = PANE_OF_KIND[ref.kind]
        self.tabs.active = pane_id
        pane = self.pane(pane_id)
        pane.select(item_id)
        pane.focus_list()
        self.show_item(item_id)
        return True

    # -- actions -----------------------------------------------------------------

    async def action_show_pane(self, pane_id: str) -> None:
        await self.ready()
        if pane_id in PANES:
            self.tabs.active = pane_id
            self.active_pane.focus_list()

    def action_focus_detail(self) -> None:
        self.detail.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "previous_hit"):
            return self.search_mode
        if action == "edit_note":
            return not self.search_mode
        return True

    async def action_annotate(self) -> None:
        await self.action_edit_note()

    def action_back(self) -> None:
        focused = self.focused
        if not self._ready:
            return
        if focused is not None and self.note_section in focused.ancestors_with_self:
            self.note_section.stop_editing()
            self.active_pane.focus_list()
        elif focused is not None and self.detail in focused.ancestors_with_self:
            self.active_pane.focus_list()
        elif self.end_search_mode():
            pass
        elif self.can_go_back:
            self.note_section.flush()
            self.dismiss()
