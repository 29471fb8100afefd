"""The search side of the briefing screen: the index, the search bar, jumping to
hits with their matches highlighted, and n/N through the hits afterwards.
Mixed into :class:`BriefingScreen`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import work

from briefing_tui.widgets.notes_pane import note_option_id

if TYPE_CHECKING:
    from briefing_tui.model.search import Hit, SearchIndex, SearchResult
    from briefing_tui.notes.store import Note
    from briefing_tui.widgets.search_panel import SearchPanel


T = TypeVar("T")


class SearchMixin:
    """Needs: briefing, index, tabs, detail, jump_to(), show_item(), app, notify()."""

    def init_search(self) -> None:
        self.search_index: SearchIndex | None = None
        #: The notes the index holds, by item id.
        self.search_index_notes: dict[str, str] = {}
        #: The hits of the last opened search; n/N step through them until Escape.
        self.search_hits: list[Hit] = []
        self.hit_position = 0
        self.search_mode = False
        self._indexing = False
        self._search_lock = threading.Lock()
        self._before_search: tuple[str, str | None] = ("recommendations", None)

    @property
    def search_panel(self) -> SearchPanel:
        return self.query_one("#search")  # type: ignore[attr-defined, no-any-return]

    @property
    def search_open(self) -> bool:
        panels = self.query("#search")  # type: ignore[attr-defined]
        return bool(panels) and panels.first().display

    # -- the index -------------------------------------------------------------------

    def _searcher(self, text: str, limit: int, prepare: Callable[[SearchResult], T]) -> T:
        """Search and prepare the result under the lock that guards the index
        (notes are added to it from the UI thread; searching runs in a worker)."""
        assert self.search_index is not None
        with self._search_lock:
            return prepare(self.search_index.search(text, limit=limit))

    @work(thread=True, exclusive=True, group="search-index")
    def _build_index(self, notes: dict[str, str]) -> None:
        from briefing_tui.model.search import SearchIndex

        index = SearchIndex(self.briefing, notes)  # type: ignore[attr-defined]
        self.app.call_from_thread(self._index_ready, index)  # type: ignore[attr-defined]

    def _index_ready(self, index: SearchIndex) -> None:
        self.search_index = index
        self._indexing = False
        self.notes_changed(self.notes_pane.notes)  # type: ignore[attr-defined]  # edits made while indexing
        if self.query("#search"):  # type: ignore[attr-defined]
            self.search_panel.set_searcher(self._searcher)

    def ensure_index(self) -> None:
        if self.search_index is None and not self._indexing:
            self.ensure_notes()  # type: ignore[attr-defined]
            self._indexing = True
            notes = {note.item_id: note.body for note in self.notes_pane.notes}  # type: ignore[attr-defined]
            self.search_index_notes = dict(notes)
            self._build_index(notes)

    def notes_changed(self, notes: list[Note]) -> None:
        """Keep the notes in the index current: only the ones that changed are
        indexed again (a save while typing changes one)."""
        if self.search_index is None:
            return
        current = {note.item_id: note.body for note in notes}
        held = self.search_index_notes
        with self._search_lock:
            for item_id in held.keys() - current.keys():
                self.search_index.remove_note(item_id)
            for item_id, body in current.items():
                if held.get(item_id) != body:
                    self.search_index.set_note(item_id, body)
        self.search_index_notes = current

    # -- the bar ---------------------------------------------------------------------

    async def action_open_search(self) -> None:
        await self.ready()  # type: ignore[attr-defined]
        if not self.query("#search"):  # type: ignore[attr-defined]
            # The search bar and the search code load on first use, not at start-up.
            from briefing_tui.widgets.search_panel import SearchPanel

            panel = SearchPanel(id="search")
            panel.display = False
            await self.query_one("#left").mount(panel)  # type: ignore[attr-defined]
        panel = self.search_panel
        if not panel.display:
            pane_id = self.tabs.active  # type: ignore[attr-defined]
            self._before_search = (pane_id, self.detail.item_id)  # type: ignore[attr-defined]
            self.tabs.display = False  # type: ignore[attr-defined]
        self.search_mode = False
        self.ensure_index()
        panel.open(self._searcher if self.search_index is not None else None)

    def _close_panel(self) -> None:
        self.search_panel.display = False
        self.tabs.display = True  # type: ignore[attr-defined]

    async def on_search_panel_closed(self) -> None:
        """Escape: back where the reader was before searching."""
        self._close_panel()
        self.detail.highlights = {}  # type: ignore[attr-defined]
        pane_id, item_id = self._before_search
        self.tabs.active = pane_id  # type: ignore[attr-defined]
        pane = self.pane(pane_id)  # type: ignore[attr-defined]
        if item_id:
            pane.select(item_id)
        pane.focus_list()
        self.show_item(pane.current_id())  # type: ignore[attr-defined]

    def on_search_panel_highlighted(self, event: SearchPanel.Highlighted) -> None:
        """Preview the highlighted result in the detail pane."""
        if not self.search_open:
            return  # a late preview after the bar closed
        if event.hit is None:
            self.detail.show_summary()  # type: ignore[attr-defined]
        else:
            self.call_later(self._show_hit, event.hit, False)

    async def on_search_panel_chosen(self, event: SearchPanel.Chosen) -> None:
        self._close_panel()
        self.search_hits = event.hits
        self.hit_position = event.hits.index(event.hit) if event.hit in event.hits else 0
        self.search_mode = len(event.hits) > 0
        await self._show_hit(event.hit, True)
        self.refresh_bindings()  # type: ignore[attr-defined]

    async def _show_hit(self, hit: Hit, jump: bool) -> None:
        item_id = hit.item_id
        detail = self.detail  # type: ignore[attr-defined]
        if hit.kind != "note":
            detail.highlights = {item_id: (hit.title_spans, hit.body_spans)}
        if self.index.get(item_id) is not None:  # type: ignore[attr-defined]
            if jump:
                await self.jump_to(item_id)  # type: ignore[attr-defined]
            detail.show(item_id)
            return
        # A note on the briefing itself, or on an item that is gone.
        option_id = note_option_id(item_id, orphan=True)
        if jump:
            self.tabs.active = "notes"  # type: ignore[attr-defined]
            self.notes_pane.select(option_id)  # type: ignore[attr-defined]
            self.notes_pane.focus_list()  # type: ignore[attr-defined]
        self.show_item(option_id)  # type: ignore[attr-defined]

    # -- n / N -----------------------------------------------------------------------

    async def _step(self, delta: int) -> None:
        if not self.search_hits:
            return
        self.hit_position = (self.hit_position + delta) % len(self.search_hits)
        await self._show_hit(self.search_hits[self.hit_position], True)
        self.notify(f"Hit {self.hit_position + 1} of {len(self.search_hits)}", timeout=1.5, markup=False)  # type: ignore[attr-defined]

    async def action_next_hit(self) -> None:
        await self._step(1)

    async def action_previous_hit(self) -> None:
        await self._step(-1)

    def end_search_mode(self) -> bool:
        """Escape after a search: drop the highlights. False when not searching."""
        if not self.search_mode:
            return False
        self.search_mode = False
        self.detail.highlights = {}  # type: ignore[attr-defined]
        self.show_item(self.detail.item_id)  # type: ignore[attr-defined]
        self.refresh_bindings()  # type: ignore[attr-defined]
        return True
