"""Editing one note: the version the editor started from, and what a save did.

The app's note editor holds a :class:`NoteSession`; it never touches SQLite
itself. A save never loses text: on a conflict or a failed write the session
keeps the text as unsaved and says why, and the caller decides (keep both,
reload, retry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing_tui.notes.errors import NoteConflict, NotesError
from briefing_tui.notes.store import Note, NoteStore

Outcome = Literal["saved", "unchanged", "conflict", "failed"]


@dataclass(frozen=True, slots=True)
class SaveResult:
    outcome: Outcome
    note: Note | None = None
    #: The other window's note on a conflict (None: it deleted the note).
    theirs: Note | None = None
    message: str = ""


#: What "keep both" writes between the two versions of a note.
MERGE_MARK = "\n\n---\n\n(From the other window:)\n\n"


class NoteSession:
    """One note being edited in one window."""

    def __init__(self, store: NoteStore, briefing_id: str, item_id: str, label: str) -> None:
        self.store = store
        self.briefing_id = briefing_id
        self.item_id = item_id
        self.label = label
        self.note: Note | None = None
        self.saved_text = ""
        self.load_problem = ""
        self.reload()

    @property
    def version(self) -> int:
        return self.note.version if self.note else 0

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def reload(self) -> Note | None:
        """Take the stored note as the new starting point."""
        try:
            self.note = self.store.get(self.briefing_id, self.item_id)
        except NotesError as error:
            self.note, self.load_problem = None, str(error)
        self.saved_text = self.note.body if self.note else ""
        return self.note

    def dirty(self, text: str) -> bool:
        return text != self.saved_text

    def save(self, text: str, *, force: bool = False) -> SaveResult:
        """Store `text` if it differs from what was last saved or loaded."""
        if not force and not self.dirty(text):
            return SaveResult("unchanged", self.note)
        try:
            note = self.store.save(
                self.briefing_id, self.item_id, text, expected_version=self.version, item_label=self.label
            )
        except NoteConflict as conflict:
            return SaveResult(
                "conflict",
                theirs=conflict.current,
                message="This note was changed in another window since you opened it.",
            )
        except NotesError as error:
            return SaveResult("failed", message=str(error))
        self.note = note
        self.saved_text = note.body if note else text
        return SaveResult("saved", note)

    def overwrite(self, text: str) -> SaveResult:
        """Save `text` over whatever the other window stored (after a conflict)."""
        self.reload()
        return self.save(text, force=True)

    @staticmethod
    def merged(mine: str, theirs: Note | None) -> str:
        """Both versions of a conflicting note, mine first: each block of text
        once, however often the two windows have merged before (a block is
        what lies between the markers an earlier merge wrote), never a merge
        inside a merge."""
        if theirs is None or not theirs.body.strip():
            return mine
        blocks: list[str] = []
        seen: set[str] = set()
        for block in [*mine.split(MERGE_MARK), *theirs.body.split(MERGE_MARK)]:
            if block.strip() and block.strip() not in seen:
                blocks.append(block.strip("\n"))
                seen.add(block.strip())
        return MERGE_MARK.join(blocks) if blocks else mine
