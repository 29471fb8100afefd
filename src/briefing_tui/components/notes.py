"""The notes of one briefing in one window, as a component of its screen.

:class:`NotesKeeper` reads the briefing's notes once, keeps them current one
note at a time as the editor saves, hands out a :class:`NoteSession` per item,
and runs the delete and export sequences with their dialogs. It shows nothing
itself: it posts :class:`NotesKeeper.Changed` and the screen updates the
markers, the Notes pane and the search index from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widget import Widget

from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import literal_line, one_line
from briefing_tui.widgets.safe import notify_safe

if TYPE_CHECKING:
    from briefing_tui.notes.recovery import Recovery
    from briefing_tui.notes.session import NoteSession
    from briefing_tui.notes.store import Note, NoteStore


class NotesHost(Protocol):
    """What the app gives the screens for notes (see BriefingApp)."""

    @property
    def notes(self) -> NoteStore: ...

    @property
    def recovery(self) -> Recovery:
        """Notes that could not be saved, kept on disk as they change."""
        ...


class NotesKeeper(Widget):
    """State and sequences of the notes on one briefing (no display)."""

    @dataclass
    class Changed(Message):
        """Notes were read or changed. `item_ids`: the items whose note
        appeared, changed or went; None when all of them may have."""

        keeper: NotesKeeper
        item_ids: frozenset[str] | None

    def __init__(self, briefing_id: str, path: Path | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The id the notes are kept under: the briefing's, or this file's own
        #: where another file has the same briefing id (notes.copies); known
        #: for sure once the notes are read.
        self.briefing_id = briefing_id
        #: The briefing's own id (from its file).
        self.meta_id = briefing_id
        self.path = path
        #: Other files with the same briefing id whose notes are kept apart.
        self.copies_apart: tuple[str, ...] = ()
        #: Notes ids of this briefing whose files are gone (notes.copies).
        self.stranded: tuple[str, ...] = ()
        #: The notes, by item id (the general note's is "").
        self.notes: dict[str, Note] = {}
        #: Ids of the items that have a note; the panes share this set.
        self.noted: set[str] = set()
        self.loaded = False
        #: The items whose marker the last full read turned on or off.
        self.marks_changed: frozenset[str] = frozenset()

    @property
    def host(self) -> NotesHost:
        return cast(NotesHost, self.app)

    @property
    def store(self) -> NoteStore:
        """The app's notes database (opened on first use, after the first paint)."""
        return self.host.notes

    def _say(
        self, message: str, *, title: str = "Notes", severity: SeverityLevel = "information", timeout: float = 5
    ) -> None:
        notify_safe(self, message, title=title, severity=severity, timeout=timeout)

    # -- reading -----------------------------------------------------------------

    def load(self) -> None:
        """Read every note of the briefing (again)."""
        from briefing_tui.notes.errors import NotesError

        store = self.store
        first = not self.loaded
        if first and self.path is not None:
            self._find_home(store)
        try:
            notes = store.list_notes(self.briefing_id)
        except NotesError as error:
            notes = []
            self._say(str(error), severity="error")
        before = set(self.noted)
        self.notes = {note.item_id: note for note in notes}
        self.noted.clear()
        self.noted.update(self.notes)
        self.marks_changed = frozenset(before ^ self.noted)
        if not self.loaded:
            self.loaded = True
            if store.problem:
                self._say(store.problem, severity="warning", timeout=10)
            if self.copies_apart:
                self._warn_copies()
            if self.stranded:
                self._say(
                    "Notes on this briefing kept for a file that is no longer there (moved, renamed or deleted) "
                    "are not shown here. To bring them into this file's notes, choose 'Share notes with the "
                    "other copies' in the command palette (ctrl+p).",
                    title="Notes of a file that is gone",
                    severity="warning",
                    timeout=15,
                )
        self.post_message(self.Changed(self, None))

    def _find_home(self, store: NoteStore) -> None:
        """Where this file's notes are kept (notes.copies), recorded in the store."""
        from briefing_tui.notes.copies import notes_home

        assert self.path is not None
        home = notes_home(store, self.meta_id, self.path, record=True)
        self.briefing_id = home.notes_id
        self.copies_apart = home.others if home.apart else ()
        self.stranded = home.stranded

    def _warn_copies(self) -> None:
        from briefing_tui.notes.copies import shown_path

        names = ", ".join(literal_line(shown_path(other, self.path)) for other in self.copies_apart)
        same = f"Another file has this briefing's id ({literal_line(self.meta_id)}): {names}."
        if self.briefing_id != self.meta_id:  # this is the copy
            advice = (
                "Your notes on this file are kept apart from its notes. If the two are versions of one "
                "briefing, choose 'Share notes with the other copies' in the command palette (ctrl+p)."
            )
        else:
            advice = (
                "Its notes are kept apart from this file's. If the two are versions of one briefing, "
                "open that file and choose 'Share notes with the other copies' there."
            )
        self._say(f"{same} {advice}", title="Same briefing id", severity="warning", timeout=15)

    @property
    def can_share(self) -> bool:
        """Whether this file's notes are apart from the briefing id's, or notes
        of a file that is gone wait to be brought in."""
        return self.path is not None and (self.briefing_id != self.meta_id or bool(self.stranded))

    def share_with_copies(self) -> None:
        """The reader says this file is a version of the briefing its copies are:
        its notes join theirs (notes.copies.share_notes), then are read again."""
        from briefing_tui.notes.copies import share_notes
        from briefing_tui.notes.errors import NotesError

        if self.path is None or not self.can_share:
            self._say("This file's notes are the briefing's own already: share them from the other copy.")
            return
        try:
            moved = share_notes(self.store, self.meta_id, self.path)
        except NotesError as error:
            self._say(str(error), title="Notes not shared", severity="error")
            return
        self.briefing_id = self.meta_id
        self.copies_apart = self.stranded = ()
        noun = "note" if moved == 1 else "notes"
        self._say(f"This file now shares its notes with the other copies ({moved} {noun} joined theirs).")
        self.load()

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    def bodies(self) -> dict[str, str]:
        """Item id -> note text, for the search index."""
        return {item_id: note.body for item_id, note in self.notes.items()}

    def session(self, item_id: str, label: str) -> NoteSession:
        from briefing_tui.notes.session import NoteSession

        return NoteSession(self.store, self.briefing_id, item_id, label)

    # -- one note at a time --------------------------------------------------------

    def saved(self, item_id: str, note: Note | None) -> None:
        """The editor stored `note` on `item_id` (None: it was deleted)."""
        self.host.recovery.saved(note.briefing_id if note is not None else self.briefing_id, item_id)
        if note is not None and note.briefing_id != self.briefing_id:
            return  # saved under this file's notes id before a share moved them: read again by then
        if note is None:
            self.notes.pop(item_id, None)
            self.noted.discard(item_id)
        else:
            self.notes[item_id] = note
            self.noted.add(item_id)
        self.post_message(self.Changed(self, frozenset((item_id,))))

    def failed(self, item_id: str, label: str, text: str, message: str) -> None:
        """A save did not go through: the text goes to the recovery file now."""
        recovery = self.host.recovery
        first = (self.briefing_id, item_id) not in recovery.notes
        where = recovery.keep(self.briefing_id, item_id, label, text)
        if first:  # said once, not at every autosave
            kept = f"it is kept in {where}" if where is not None else "it stays in the editor; quit to print it"
            self._say(f"{message} Your text is safe: {kept}.", title="Note not saved", severity="error", timeout=10)

    # -- deleting --------------------------------------------------------------------

    def delete(self, session: NoteSession | None) -> None:
        """Ask, then delete `session`'s note."""
        from briefing_tui.widgets.dialogs import ConfirmScreen

        if session is None or session.note is None:
            self._say("This item has no note to delete.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(session)

        self.app.push_screen(
            ConfirmScreen("Delete this note?", f"The note on {one_line(session.label)} will be deleted.", yes="Delete"),
            answered,
        )

    def _delete(self, session: NoteSession) -> None:
        from briefing_tui.notes.errors import NoteConflict, NotesError

        try:
            self.store.delete(session.briefing_id, session.item_id, expected_version=session.version)
        except NoteConflict:
            self._say("The note changed in another window; it was not deleted. Look at it again.", severity="warning")
            self.load()
        except NotesError as error:
            self._say(str(error), title="Note not deleted", severity="error")
        else:
            self._say("Note deleted.")
            self.saved(session.item_id, None)

    # -- exporting -------------------------------------------------------------------

    def export(self, briefing: Briefing, path: Path | None = None) -> None:
        """Ask where (suggesting a file beside the briefing at `path`, or in the
        documents folder), then export the notes (the sequence of notes.export)."""
        from briefing_tui.notes.export import default_export_folder, default_export_name
        from briefing_tui.widgets.dialogs import ExportScreen

        count = sum(1 for note in self.notes.values() if note.body.strip())
        if count == 0:
            self._say("There are no notes on this briefing to export yet.")
            return
        default = default_export_folder(path) / default_export_name(briefing)
        self.app.push_screen(ExportScreen(default, count, export=lambda path: self._export_to(briefing, path)))

    def _export_to(self, briefing: Briefing, path: Path) -> None:
        """Write the export (the dialog has asked before replacing anything). A
        NotesError goes up to the dialog, which shows it and stays open."""
        from briefing_tui.notes.export import export_notes

        done = export_notes(briefing, self.store, path, overwrite=True, notes_id=self.briefing_id)
        noun = "note" if done.count == 1 else "notes"
        message = f"Exported {done.count} {noun} to {literal_line(str(done.path))}."
        missing = [label for (bid, _), (label, _) in self.host.recovery.notes.items() if bid == self.briefing_id]
        if missing:  # typed here, not in the store: not in the file either
            names = "; ".join(one_line(label) for label in missing)
            message += f" Not in it, because they could not be saved: {names} (they are in the recovery file)."
            self._say(message, title="Export", severity="warning", timeout=15)
        else:
            self._say(message, title="Export")
