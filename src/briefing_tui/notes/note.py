"""A stored note, as the notes store returns it.

A module of its own, importing nothing of the notes package, so that
:mod:`briefing_tui.notes.errors` (whose :class:`NoteConflict` carries a note)
and :mod:`briefing_tui.notes.store` (which raises the errors and imports
:mod:`briefing_tui.notes.db`, which raises them too) form no cycle. Both names
are re-exported by :mod:`briefing_tui.notes.store`.

No textual, no rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["GENERAL_NOTE", "Note"]

#: The item id of the general note on a briefing as a whole.
GENERAL_NOTE = ""


@dataclass(frozen=True, slots=True)
class Note:
    """One stored note. ``body`` is Markdown exactly as typed."""

    briefing_id: str
    item_id: str
    body: str
    created_at: datetime
    updated_at: datetime
    version: int
    #: The item's heading when the note was last saved ("" if never given).
    item_label: str = ""

    @property
    def is_general(self) -> bool:
        """Whether this is the general note on the briefing itself."""
        return self.item_id == GENERAL_NOTE
