"""A search index that the UI thread updates while a worker thread searches it.

The briefing screen builds one in a worker once the briefing is complete; the
search bar searches it in a worker on each keystroke, and every saved note
updates it from the UI thread. One lock makes the two safe together. No
textual, no rich.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TypeVar

from briefing_tui.model.schema import Briefing
from briefing_tui.model.search import SearchIndex, SearchResult

T = TypeVar("T")


class LiveIndex:
    """A :class:`SearchIndex` of one briefing and its notes, behind a lock."""

    def __init__(self, briefing: Briefing, notes: Mapping[str, str]) -> None:
        self.briefing = briefing
        self._notes = dict(notes)
        self._index = SearchIndex(briefing, self._notes)
        self._lock = threading.Lock()

    def search(self, text: str, limit: int, prepare: Callable[[SearchResult], T]) -> T:
        """Search and `prepare` the result under the lock (prepare builds what
        the UI shows from it, off the UI thread)."""
        with self._lock:
            return prepare(self._index.search(text, limit=limit))

    def set_notes(self, notes: Mapping[str, str]) -> None:
        """The notes are now `notes` (item id -> text): only the ones that
        changed are indexed again (a save while typing changes one)."""
        held = self._notes
        with self._lock:
            for item_id in held.keys() - notes.keys():
                self._index.remove_note(item_id)
            for item_id, body in notes.items():
                if held.get(item_id) != body:
                    self._index.set_note(item_id, body)
        self._notes = dict(notes)

    def set_note(self, item_id: str, body: str | None) -> None:
        """One note saved (None: deleted)."""
        if self._notes.get(item_id) == body:
            return
        with self._lock:
            if body is None:
                self._index.remove_note(item_id)
            else:
                self._index.set_note(item_id, body)
        if body is None:
            self._notes.pop(item_id, None)
        else:
            self._notes[item_id] = body
