"""The briefing screen: panes of lists on the left, the detail pane on the right.

The screen composes its parts and mediates between them: they post messages
up (a pane's highlight, the search bar's choice, the note editor's save, the
notes keeper's change) and the screen calls down. It holds no notes and no
search state of its own: :class:`NotesKeeper` and :class:`SearchPanel` do.

A briefing may open without its timeline (see cache.Opened): the screen
reads the rest in a worker after the first paint and sends
:class:`BriefingCompleted` to the panes and the detail pane.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from briefing_tui import keys
from briefing_tui.components.notes import NotesKeeper
from briefing_tui.model.items import ItemIndex, Kind
from briefing_tui.model.schema import Briefing
from briefing_tui.screens.release import free_when_gone
from briefing_tui.textsafe import one_line, present
from briefing_tui.widgets.detail import DetailPane
from briefing_tui.widgets.messages import BriefingCompleted
from briefing_tui.widgets.notes_pane import GENERAL_ID, ORPHAN_PREFIX, NotesPane, note_option_id
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.pane_switcher import PaneSwitcher
from briefing_tui.widgets.render import header_subtitle
from briefing_tui.widgets.safe import notify_safe

if TYPE_CHECKING:
    from briefing_tui.model.hits import Hit
    from briefing_tui.widgets.note_editor import NoteSection
    from briefing_tui.widgets.search_panel import SearchPanel

#: Pane id -> (tab label, "module:class" of the pane), in tab order. Panes other
#: than the first are imported and mounted right after the first paint.
PANES: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "briefing_tui.widgets.overview_pane:OverviewPane"),
    "timeline": ("Timeline", "briefing_tui.widgets.timeline_pane:TimelinePane"),
    "recommendations": ("Recommendations", "briefing_tui.widgets.recommendations_pane:RecommendationsPane"),
    "sources": ("Sources", "briefing_tui.widgets.sources_pane:SourcesPane"),
    "notes": ("Notes", "briefing_tui.widgets.notes_pane:NotesPane"),
}
PANE_OF_KIND: dict[Kind, str] = {
    "fact": "overview",
    "section": "overview",
    "event": "timeline",
    "recommendation": "recommendations",
    "source": "sources",
}
FIRST_PANE = "recommendations"


def pane_class(pane_id: str) -> type[BriefingPane]:
    module, _, name = PANES[pane_id][1].partition(":")
    cls = getattr(importlib.import_module(module), name)
    assert issubclass(cls, BriefingPane)
    return cls


#: How many links followed Escape can go back along.
MAX_JUMPS = 50


class BriefingScreen(Screen[None]):
    """One briefing. Recommendations are shown first: they are what readers come for."""

    BINDINGS = keys.BRIEFING

    def __init__(
        self,
        briefing: Briefing,
        path: Path | None = None,
        *,
        can_go_back: bool = False,
        finish: Callable[[], Briefing] | None = None,
    ) -> None:
        """`briefing` may come without its timeline: then `finish` returns the
        whole of it, and is called in a worker after the first paint."""
        super().__init__()
        self.path = path
        self.index = ItemIndex(briefing, complete=finish is None)
        self._finish = finish
        #: Set once the briefing is whole (at once when it came whole).
        self.completed = asyncio.Event()
        #: Why the timeline could not be read, if it could not.
        self.timeline_problem: str | None = None
        self.can_go_back = can_go_back
        self.keeper = NotesKeeper(briefing.meta.id, path, id="notes-keeper")
        #: Where the reader was before each link followed (Escape goes back).
        self._jumps: list[str] = []
        self._mounting = asyncio.Lock()
        #: Where the reader was when the search bar opened: (pane, item).
        self._before_search: tuple[str, str | None] = (FIRST_PANE, None)

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
        yield self.keeper

    @property
    def briefing(self) -> Briefing:
        """The briefing; without its timeline until :attr:`completed` is set."""
        return self.index.briefing

    def on_mount(self) -> None:
        self.title = one_line(self.briefing.meta.title)
        self.sub_title = header_subtitle(self.briefing, self.app.size.width)
        pane = self.active_pane
        pane.ensure_built()
        pane.focus_list()
        if self._finish is None:
            self.completed.set()
        # A worker, not a callback: a callback would hold the screen's message
        # queue while it runs, and the lists would not scroll meanwhile.
        self.call_after_refresh(lambda: self.run_worker(self._after_first_paint(), group="startup"))

    async def _after_first_paint(self) -> None:
        if self._finish is not None:
            self.run_worker(self._complete(self._finish), group="startup")
            self._finish = None
        for pane_id in PANES:
            if not self.tabs.page(pane_id).is_attached:
                return  # the app is closing
            await self._pane(pane_id)
        await self._note_section()
        self.keeper.ensure_loaded()  # opening the database is not on the critical path either

    async def _complete(self, finish: Callable[[], Briefing]) -> None:
        """Read the timeline in a thread; tell the panes."""
        from briefing_tui.model.problems import BriefingError

        try:
            index = await asyncio.to_thread(lambda: ItemIndex(finish()))
        except BriefingError as error:
            message = present(str(error))  # it names the file: shown literally
            self.timeline_problem = f"The timeline could not be read. {message}"
            notify_safe(self, message, title="Timeline", severity="error", timeout=15)
            index = ItemIndex(self.briefing)  # whole, as far as it goes
        self.index = index
        for node in (*self.query(BriefingPane), self.detail):
            node.post_message(BriefingCompleted(index, self.timeline_problem))
        if self._search_panel is not None:
            self._search_panel.index_briefing(index.briefing, self.keeper.bodies())
        self.completed.set()

    def on_resize(self, event: events.Resize) -> None:
        self.sub_title = header_subtitle(self.briefing, event.size.width)

    def on_unmount(self) -> None:
        if self.can_go_back:  # back to the library: free this briefing now
            free_when_gone(self)

    # -- parts -------------------------------------------------------------------

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

    def _new_pane(self, pane_id: str) -> BriefingPane:
        pane = pane_class(pane_id)(self.index, id=f"{pane_id}-pane", noted=self.keeper.noted)
        if pane_id == "timeline":
            pane.unavailable = self.timeline_problem
        if isinstance(pane, NotesPane) and self.keeper.loaded:
            pane.set_notes(self.keeper.notes.values())
        return pane

    async def _pane(self, pane_id: str) -> BriefingPane:
        """The pane, mounted first if it is not yet (right after the first paint)."""
        async with self._mounting:
            if not self.query(f"#{pane_id}-pane"):
                await self.tabs.page(pane_id).mount(self._new_pane(pane_id))
        return self.pane(pane_id)

    @property
    def notes_pane(self) -> NotesPane:
        return self.query_one(NotesPane)

    @property
    def note_section(self) -> NoteSection | None:
        """The note under the detail pane (mounted right after the first paint)."""
        from briefing_tui.widgets.note_editor import NoteSection

        found = self.query(NoteSection)
        return found.first() if found else None

    async def _note_section(self) -> NoteSection:
        from briefing_tui.widgets.note_editor import NoteSection

        async with self._mounting:
            section = self.note_section
            if section is None:
                section = NoteSection(id="note")
                await self.query_one("#side").mount(section)
        if self.keeper.loaded:
            self._bind_note()
        return section

    @property
    def _search_panel(self) -> SearchPanel | None:
        from briefing_tui.widgets.search_panel import SearchPanel

        found = self.query(SearchPanel)
        return found.first() if found else None

    @property
    def search_open(self) -> bool:
        panel = self._search_panel
        return panel is not None and bool(panel.display)

    # -- showing items ---------------------------------------------------------------

    def show_item(self, item_id: str | None) -> None:
        """Show an item (or the general note, or an orphaned note) in the detail pane."""
        if item_id and item_id.startswith(ORPHAN_PREFIX):
            orphan = item_id.removeprefix(ORPHAN_PREFIX)
            note = self.keeper.notes.get(orphan)
            self.detail.show_orphan(note.item_label if note and note.item_label else orphan, orphan)
        elif item_id == GENERAL_ID:
            self.detail.show_summary()
        else:
            self.detail.show(item_id)
        if self.keeper.loaded:
            self._bind_note()

    def _bind_note(self) -> None:
        """Hand the note section a session for what the detail pane shows."""
        from briefing_tui.notes.note import GENERAL_NOTE

        section = self.note_section
        if section is None:
            return
        detail = self.detail
        if detail.orphan_id is not None:
            item_id, label = detail.orphan_id, detail.orphan_label
        elif detail.item_id is None:
            item_id, label = GENERAL_NOTE, "the briefing (general note)"
        else:
            ref = self.index.by_id[detail.item_id]
            item_id, label = ref.id, ref.heading
        session = section.session
        if session is None or session.item_id != item_id or session.briefing_id != self.keeper.briefing_id:
            section.show_session(self.keeper.session(item_id, label))

    async def jump_to(self, item_id: str) -> bool:
        """Show `item_id`: switch to its pane, select it, show it in the detail pane."""
        ref = self.index.get(item_id)
        if ref is None:
            return False
        pane_id = PANE_OF_KIND[ref.kind]
        pane = await self._pane(pane_id)
        self.tabs.active = pane_id
        pane.select(item_id)
        pane.focus_list()
        self.show_item(item_id)
        return True

    @on(PaneSwitcher.Activated, "#panes")
    async def _tab_activated(self, event: PaneSwitcher.Activated) -> None:
        pane = await self._pane(event.pane_id)
        pane.ensure_built()
        self.show_item(pane.current_id())

    @on(BriefingPane.Highlighted)
    def _highlighted(self, event: BriefingPane.Highlighted) -> None:
        if event.pane is self.active_pane:
            self.show_item(event.item_id)

    @on(BriefingPane.Chosen)
    async def _chosen(self, event: BriefingPane.Chosen) -> None:
        if self.index.get(event.item_id) is None:
            self.show_item(event.item_id)
            await self.action_edit_note()  # the general note, an orphaned note
        elif isinstance(event.pane, NotesPane):
            await self.jump_to(event.item_id)
        else:
            self.show_item(event.item_id)
            self.detail.focus()

    @on(DetailPane.JumpRequested)
    async def _jump_requested(self, event: DetailPane.JumpRequested) -> None:
        """A link followed (Enter or a click): Escape comes back to where it was."""
        here = self.detail.item_id
        if await self.jump_to(event.item_id) and here is not None and here != event.item_id:
            self._jumps = [*self._jumps[-(MAX_JUMPS - 1) :], here]
            self.refresh_bindings()

    # -- notes -------------------------------------------------------------------

    @on(NotesKeeper.Changed)
    def _notes_changed(self, event: NotesKeeper.Changed) -> None:
        keeper = self.keeper
        changed = event.item_ids
        panes = list(self.query(BriefingPane))
        for item_id in changed if changed is not None else keeper.marks_changed:
            for pane in panes:
                pane.refresh_mark(item_id)
        if self.query(NotesPane):
            self.notes_pane.set_notes(keeper.notes.values())
        panel = self._search_panel
        if panel is not None:
            if changed is None:
                panel.set_notes(keeper.bodies())
            else:
                for item_id in changed:
                    note = keeper.notes.get(item_id)
                    panel.set_note(item_id, note.body if note is not None else None)
        section = self.note_section
        if section is not None:
            session = section.session
            if session is not None and not section.editing and (changed is None or session.item_id in changed):
                section.refresh_from_store()
            self._bind_note()

    def on_note_section_saved(self, event: NoteSection.Saved) -> None:
        self.keeper.saved(event.item_id, event.note)

    def on_note_section_failed(self, event: NoteSection.Failed) -> None:
        section = self.note_section
        label = section.session.label if section is not None and section.session else event.item_id
        self.keeper.failed(event.item_id, label, event.text, event.message)

    async def on_note_section_delete_requested(self) -> None:
        await self.action_delete_note()

    async def action_edit_note(self) -> None:
        section = await self._note_section()
        self.keeper.ensure_loaded()
        self._bind_note()
        await section.edit()

    async def action_annotate(self) -> None:
        await self.action_edit_note()

    async def action_delete_note(self) -> None:
        section = await self._note_section()
        self.keeper.ensure_loaded()
        self._bind_note()
        if section.editing:
            section.stop_editing()  # what is typed is saved first
        self.keeper.delete(section.session)

    async def action_export_notes(self) -> None:
        section = await self._note_section()
        section.flush()
        self.keeper.ensure_loaded()
        await self.completed.wait()  # a note on an event is exported under its event
        self.keeper.export(self.briefing, self.path)

    async def action_share_notes(self) -> None:
        """This file is a version of the briefing another file with its id is:
        share their notes (what is typed is saved first, and moves too)."""
        section = await self._note_section()
        if section.editing:
            section.stop_editing()
        self.keeper.ensure_loaded()
        self.keeper.share_with_copies()
        self._bind_note()

    # -- search ------------------------------------------------------------------

    async def action_open_search(self) -> None:
        from briefing_tui.widgets.search_panel import SearchPanel

        panel = self._search_panel
        if panel is None:  # the search bar and its code load on first use
            panel = SearchPanel(id="search")
            panel.display = False
            await self.query_one("#left").mount(panel)
        if not panel.display:
            self._before_search = (self.tabs.active, self.detail.item_id)
            self.tabs.display = False
        self._stop_stepping()
        if self.completed.is_set():
            self.keeper.ensure_loaded()
            panel.index_briefing(self.briefing, self.keeper.bodies())
        panel.open()

    async def action_go_to_number(self) -> None:
        """The search bar with "#" typed: a number and Enter open that recommendation."""
        await self.action_open_search()
        panel = self._search_panel
        if panel is not None:
            panel.input.select_on_focus = False  # "#" stays when the box takes the focus
            panel.input.value = "#"
            panel.input.cursor_position = 1
            self.call_after_refresh(setattr, panel.input, "select_on_focus", True)

    def _close_panel(self, panel: SearchPanel) -> None:
        panel.display = False
        self.tabs.display = True

    async def on_search_panel_closed(self, event: SearchPanel.Closed) -> None:
        """Escape: back where the reader was before searching."""
        self._close_panel(event.panel)
        self.detail.highlights = {}
        pane_id, item_id = self._before_search
        self.tabs.active = pane_id
        pane = await self._pane(pane_id)
        if item_id:
            pane.select(item_id)
        pane.focus_list()
        self.show_item(pane.current_id())

    def on_search_panel_highlighted(self, event: SearchPanel.Highlighted) -> None:
        """Preview the highlighted result in the detail pane."""
        if not event.panel.display:
            return  # a late preview after the bar closed
        if event.hit is None:
            self.detail.show_summary()
        else:
            self.call_later(self._show_hit, event.hit, False)

    async def on_search_panel_chosen(self, event: SearchPanel.Chosen) -> None:
        panel = event.panel
        self._close_panel(panel)
        panel.start_stepping(event.hit, event.hits)
        await self._show_hit(event.hit, True)
        self._mark_hits([hit.item_id for hit in event.hits])
        self.refresh_bindings()

    def _mark_hits(self, item_ids: list[str]) -> None:
        """The opened search's hits on the timeline's year strip (none: cleared)."""
        from briefing_tui.widgets.timeline_pane import TimelinePane

        for pane in self.query(TimelinePane):
            pane.show_hits(item_ids)

    async def _show_hit(self, hit: Hit, jump: bool) -> None:
        item_id = hit.item_id
        detail = self.detail
        if hit.kind != "note":
            detail.highlights = {item_id: (hit.title_spans, hit.body_spans)}
        if self.index.get(item_id) is not None:
            if jump:
                await self.jump_to(item_id)
            detail.show(item_id)
            return
        # A note on the briefing itself, or on an item that is gone.
        option_id = note_option_id(item_id, orphan=True)
        if jump:
            notes_pane = await self._pane("notes")
            self.tabs.active = "notes"
            notes_pane.select(option_id)
            notes_pane.focus_list()
        self.show_item(option_id)

    @property
    def stepping(self) -> bool:
        """Whether n/N step through the hits of an opened search."""
        panel = self._search_panel
        return panel is not None and bool(panel.stepping)

    async def _step(self, delta: int) -> None:
        panel = self._search_panel
        hit = panel.step(delta) if panel is not None else None
        if panel is None or hit is None:
            return
        await self._show_hit(hit, True)
        notify_safe(self, f"Hit {panel.position + 1} of {len(panel.stepping)}", timeout=1.5)

    async def action_next_hit(self) -> None:
        await self._step(1)

    async def action_previous_hit(self) -> None:
        await self._step(-1)

    def _stop_stepping(self) -> bool:
        """Escape after a search: drop the highlights. False when not stepping."""
        panel = self._search_panel
        if panel is None or not panel.stop_stepping():
            return False
        self._mark_hits([])
        self.detail.highlights = {}
        self.show_item(self.detail.item_id)
        self.refresh_bindings()
        return True

    # -- other actions ---------------------------------------------------------------

    async def action_show_pane(self, pane_id: str) -> None:
        if pane_id in PANES:
            pane = await self._pane(pane_id)
            self.tabs.active = pane_id
            pane.focus_list()

    def action_focus_detail(self) -> None:
        self.detail.focus()

    def action_focus_links(self) -> None:
        """To the detail pane's links (what the item cites, what cites a source)."""
        if not self.detail.focus_links():
            notify_safe(self, "This item cites nothing, and nothing cites it.", timeout=3)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_hit", "previous_hit"):
            return self.stepping
        if action == "edit_note":
            return not self.stepping
        if action == "share_notes":  # only where another file has this briefing's id
            return self.keeper.can_share
        if action == "back":  # shown only when there is somewhere to go back to
            return self._can_go_back_from_here()
        return True

    def _can_go_back_from_here(self) -> bool:
        focused = self.focused
        in_side = focused is not None and any(
            part is not None and part in focused.ancestors_with_self for part in (self.note_section, self.detail)
        )
        return in_side or self.stepping or bool(self._jumps) or self.can_go_back

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # Back comes and goes with the focus

    def refresh_bindings(self) -> None:
        super().refresh_bindings()
        section = self.note_section
        if section is not None:  # while n steps through hits, the note's key is the other one
            section.note_key = "note-edit-alt" if self.stepping else "note-edit"

    def action_back(self) -> None:
        focused = self.focused
        section = self.note_section
        if section is not None and focused is not None and section in focused.ancestors_with_self:
            section.stop_editing()
            self.active_pane.focus_list()
        elif focused is not None and self.detail in focused.ancestors_with_self:
            self.active_pane.focus_list()
        elif self._stop_stepping():
            pass
        elif self._jumps:  # back along the links followed
            self.call_later(self.jump_to, self._jumps.pop())
        elif self.can_go_back:
            if section is not None:
                section.flush()
            self.dismiss()
