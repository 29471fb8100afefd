"""The briefing screen: panes of lists on the left, the detail pane on the right."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
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
from briefing_tui.widgets.note_editor import NoteSection
from briefing_tui.widgets.notes_pane import GENERAL_ID, ORPHAN_PREFIX, NotesPane

#: Pane id -> (tab label, pane class), in tab order.
PANES: dict[str, tuple[str, type[BriefingPane]]] = {
    "overview": ("Overview", OverviewPane),
    "timeline": ("Timeline", TimelinePane),
    "recommendations": ("Recommendations", RecommendationsPane),
    "sources": ("Sources", SourcesPane),
    "notes": ("Notes", NotesPane),
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
        #: Ids of the items that have a note; panes share this set.
        self.noted: set[str] = set()
        self.notes_ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with TabbedContent(initial=FIRST_PANE, id="panes"):
                for pane_id, (label, pane_class) in PANES.items():
                    with TabPane(label, id=pane_id):
                        pane = pane_class(self.index, id=f"{pane_id}-pane")
                        pane.noted = self.noted
                        yield pane
            with Vertical(id="side"):
                yield DetailPane(self.index, id="detail")
                yield NoteSection(id="note")
        yield Footer()

    def on_mount(self) -> None:
        self.title = one_line(self.briefing.meta.title)
        self.sub_title = header_subtitle(self.briefing)
        pane = self.active_pane
        pane.ensure_built()
        pane.focus_list()
        # Notes after the first paint: opening the database is not on the critical path.
        self.call_after_refresh(self.load_notes)

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
        self.show_item(pane.current_id())

    @on(BriefingPane.Highlighted)
    def _highlighted(self, event: BriefingPane.Highlighted) -> None:
        if event.pane is self.active_pane:
            self.show_item(event.item_id)

    @on(BriefingPane.Chosen)
    def _chosen(self, event: BriefingPane.Chosen) -> None:
        if self.index.get(event.item_id) is None:
            self.show_item(event.item_id)
            self.note_section.edit()  # the general note, an orphaned note
        elif isinstance(event.pane, NotesPane):
            self.jump_to(event.item_id)
        else:
            self.show_item(event.item_id)
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
        self.show_item(item_id)
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
        if focused is not None and self.note_section in focused.ancestors_with_self:
            self.note_section.stop_editing()
            self.active_pane.focus_list()
        elif focused is not None and self.detail in focused.ancestors_with_self:
            self.active_pane.focus_list()
        elif self.can_go_back:
            self.note_section.flush()
            self.dismiss()

    # -- notes ---------------------------------------------------------------------

    @property
    def note_section(self) -> NoteSection:
        return self.query_one(NoteSection)

    @property
    def notes_pane(self) -> NotesPane:
        return self.query_one(NotesPane)

    def show_item(self, item_id: str | None) -> None:
        """Show an item (or the general note, or an orphaned note) in the detail pane."""
        orphan = item_id.removeprefix(ORPHAN_PREFIX) if item_id and item_id.startswith(ORPHAN_PREFIX) else None
        if orphan is not None:
            note = self.notes_pane.orphans.get(orphan)
            self.detail.show_orphan(note.item_label if note and note.item_label else orphan, orphan)
        elif item_id == GENERAL_ID:
            self.detail.show_summary()
        else:
            self.detail.show(item_id)
        if self.notes_ready:
            self._bind_note()

    def _bind_note(self) -> None:
        """Hand the note section a session for what the detail pane shows."""
        from briefing_tui.notes.session import NoteSession
        from briefing_tui.notes.store import GENERAL_NOTE

        detail = self.detail
        if detail.orphan_id is not None:
            item_id, label = detail.orphan_id, detail.orphan_label
        elif detail.item_id is None:
            item_id, label = GENERAL_NOTE, "the briefing (general note)"
        else:
            ref = self.index.by_id[detail.item_id]
            item_id, label = ref.id, ref.heading
        section = self.note_section
        if section.session is not None and section.session.item_id == item_id:
            return
        section.show_session(NoteSession(self.app.notes, self.briefing.meta.id, item_id, label))

    def load_notes(self) -> None:
        """Read this briefing's notes: markers in every list, the Notes pane."""
        from briefing_tui.notes.errors import NotesError

        store = self.app.notes
        try:
            notes = store.list_notes(self.briefing.meta.id)
        except NotesError as error:
            notes = []
            self.notify(str(error), title="Notes", severity="error", markup=False)
        before = set(self.noted)
        self.noted.clear()
        self.noted.update(note.item_id for note in notes)
        self.notes_pane.set_notes(notes)
        for item_id in before ^ self.noted:
            self._refresh_mark(item_id)
        if not self.notes_ready:
            self.notes_ready = True
            if store.problem:
                self.notify(store.problem, title="Notes", severity="warning", timeout=10, markup=False)
            self._bind_note()

    def _refresh_mark(self, item_id: str) -> None:
        ref = self.index.get(item_id)
        if ref is not None:
            self.pane(PANE_OF_KIND[ref.kind]).refresh_mark(item_id)

    @on(NoteSection.Saved)
    def _note_saved(self, event: NoteSection.Saved) -> None:
        self.app.unsaved.pop((self.briefing.meta.id, event.item_id), None)
        self.load_notes()

    @on(NoteSection.Failed)
    def _note_failed(self, event: NoteSection.Failed) -> None:
        label = self.note_section.session.label if self.note_section.session else event.item_id
        self.app.unsaved[(self.briefing.meta.id, event.item_id)] = (label, event.text)
        self.notify(
            f"{event.message} Your text is kept: it stays in the editor and goes to a recovery file when you quit.",
            title="Note not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    def action_edit_note(self) -> None:
        if not self.notes_ready:
            self.load_notes()
        self.note_section.edit()

    @on(NoteSection.DeleteRequested)
    def action_delete_note(self) -> None:
        from briefing_tui.screens.dialogs import ConfirmScreen

        session = self.note_section.session
        if session is None or session.note is None:
            self.notify("This item has no note to delete.", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_note(session)

        self.app.push_screen(
            ConfirmScreen("Delete this note?", f"The note on {session.label} will be deleted.", yes="Delete"),
            answered,
        )

    def _delete_note(self, session) -> None:  # type: ignore[no-untyped-def]
        from briefing_tui.notes.errors import NoteConflict, NotesError

        try:
            self.app.notes.delete(session.briefing_id, session.item_id, expected_version=session.version)
        except NoteConflict:
            self.notify("The note changed in another window; it was not deleted. Look at it again.", severity="warning", markup=False)
        except NotesError as error:
            self.notify(str(error), title="Note not deleted", severity="error", markup=False)
        else:
            self.notify("Note deleted.", markup=False)
        self.note_section.editing = False
        self.note_section.refresh_from_store()
        self.load_notes()

    def action_export_notes(self) -> None:
        from briefing_tui.notes.export import default_export_name
        from briefing_tui.screens.dialogs import ExportScreen

        self.note_section.flush()
        count = len(self.notes_pane.notes)
        if count == 0:
            self.notify("There are no notes on this briefing to export yet.", markup=False)
            return
        default = Path.cwd() / default_export_name(self.briefing)
        self.app.push_screen(ExportScreen(default, count), self._export_to)

    def _export_to(self, path: Path | None) -> None:
        from datetime import datetime, timezone

        from briefing_tui.notes.errors import NotesError
        from briefing_tui.notes.export import render_markdown, write_atomic

        if path is None:
            return
        try:
            notes = self.app.notes.list_notes(self.briefing.meta.id)
            text = render_markdown(self.briefing, notes, datetime.now(timezone.utc))
            written = write_atomic(path, text, overwrite=True)
        except NotesError as error:
            self.notify(str(error), title="Export failed", severity="error", markup=False)
            return
        self.notify(f"Exported {len(notes)} notes to {written}", title="Export", markup=False)
