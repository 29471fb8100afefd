"""The notes side of the briefing screen: markers, the note section, the Notes
pane, deleting and exporting. Mixed into :class:`BriefingScreen`; the store is
the app's (opened after the first paint), the widgets only get sessions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.widgets.notes_pane import GENERAL_ID, ORPHAN_PREFIX, NotesPane

if TYPE_CHECKING:
    from briefing_tui.notes.session import NoteSession
    from briefing_tui.widgets.note_editor import NoteSection


class NotesMixin:
    """Needs: briefing, index, detail, noted, notes_ready, pane(), app, notify()."""

    @property
    def note_section(self) -> NoteSection:
        return self.query_one("#note")  # type: ignore[attr-defined, no-any-return]

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
        self.notes_changed(notes)
        if not self.notes_ready:
            self.notes_ready = True
            if store.problem:
                self.notify(store.problem, title="Notes", severity="warning", timeout=10, markup=False)
            self._bind_note()

    def _refresh_mark(self, item_id: str) -> None:
        ref = self.index.get(item_id)
        if ref is not None:
            self.pane(self.PANE_OF_KIND[ref.kind]).refresh_mark(item_id)

    def on_note_section_saved(self, event: NoteSection.Saved) -> None:
        self.app.unsaved.pop((self.briefing.meta.id, event.item_id), None)
        self.load_notes()

    def on_note_section_failed(self, event: NoteSection.Failed) -> None:
        label = self.note_section.session.label if self.note_section.session else event.item_id
        self.app.unsaved[(self.briefing.meta.id, event.item_id)] = (label, event.text)
        self.notify(
            f"{event.message} Your text is kept: it stays in the editor and goes to a recovery file when you quit.",
            title="Note not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    def ensure_notes(self) -> None:
        """Read the notes now if the start-up has not yet."""
        if not self.notes_ready:
            self.load_notes()

    async def action_edit_note(self) -> None:
        await self.ready()
        self.ensure_notes()
        await self.note_section.edit()

    async def on_note_section_delete_requested(self) -> None:
        await self.action_delete_note()

    async def action_delete_note(self) -> None:
        from briefing_tui.screens.dialogs import ConfirmScreen

        await self.ready()
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

    def _delete_note(self, session: NoteSession) -> None:
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

    async def action_export_notes(self) -> None:
        from briefing_tui.notes.export import default_export_name
        from briefing_tui.screens.dialogs import ExportScreen

        await self.ready()
        self.ensure_notes()
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
        noun = "note" if len(notes) == 1 else "notes"
        self.notify(f"Exported {len(notes)} {noun} to {written}", title="Export", markup=False)
