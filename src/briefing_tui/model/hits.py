"""Search hits: one result of :class:`~briefing_tui.model.search.SearchIndex`.

A :class:`Hit` computes its label, snippet and highlight spans lazily, when
first read, so a ``limit`` keeps a search cheap however many items match. The
field layout (:data:`FIELDS`) and the per-field text of an item
(:func:`_segments`) live here because both the index and the hits use them.

This module imports neither textual nor rich, and not
:mod:`briefing_tui.model.search`, not even for type checking (search imports
this module): what a hit reads of its index is the protocol :class:`IndexView`,
which :class:`~briefing_tui.model.search.SearchIndex` satisfies.
"""

from __future__ import annotations

from array import array
from functools import cached_property
from itertools import compress, count, islice
from typing import Protocol, cast

from briefing_tui.model.dates import event_when, format_date
from briefing_tui.model.items import KIND_LABELS, AnyItem, Kind, item_body, item_title
from briefing_tui.model.query import SearchKind
from briefing_tui.model.schema import Event, Recommendation
from briefing_tui.model.snippets import Compiled, Element, Span, scan, snippet_at
from briefing_tui.model.text import token_pattern

__all__ = ["FIELDS", "Hit", "IndexView"]

#: Field names, by field number.
FIELDS: tuple[str, ...] = ("title", "body", "date", "tags", "actors", "footnotes")
_TITLE, _BODY = 0, 1


def _segments(kind: Kind, item: AnyItem) -> list[list[str]]:
    """The item's text per field (see FIELDS), each a list of separate segments."""
    body = item_body(kind, item)
    date = [format_date(cast(Event, item).date, cast(Event, item).date_label)] if kind == "event" else []
    tags = list(getattr(item, "tags", None) or getattr(item, "themes", None) or [])
    notes = [f.text for f in getattr(item, "footnotes", [])]
    return [[item_title(kind, item)], [body] if body else [], date, tags, list(getattr(item, "actors", [])), notes]


def _find(seq: array, elements: tuple[Element, ...], lo: int, hi: int) -> int:
    """Index in `seq[lo:hi]` (stem ids) where `elements` first match, or -1."""
    window, first, n = seq[lo:hi], elements[0].ids, len(elements)
    if first.isdisjoint(window):
        return -1
    if n == 1:
        if len(first) == 1:
            return lo + window.index(next(iter(first)))
        return lo + next(compress(count(), map(first.__contains__, window)))
    (head,) = first  # only the last word of a phrase can be a prefix
    i = window.index(head)
    while i <= len(window) - n:
        if all(window[i + k] in el.ids for k, el in enumerate(elements[1:], 1)):
            return lo + i
        try:
            i = window.index(head, i + 1)
        except ValueError:
            break
    return -1


class IndexView(Protocol):
    """What a :class:`Hit` reads of the index that found it (a SearchIndex)."""

    #: Per document (in briefing order): its kind, item and item id.
    _kinds: list[Kind]
    _items: list[AnyItem]
    _ids: list[str]
    #: Document of each item id.
    _doc_of: dict[str, int]
    #: All fields of all documents as stem ids; field f of document d is
    #: ``_seq[_slots[6d+f]:_slots[6d+f+1]]``.
    _seq: array[int]
    _slots: array[int]
    #: Note text by item id.
    _notes: dict[str, str]


class Hit:
    """One search result. Label, snippet and spans are computed when first read.

    Spans are ``(start, end)`` offsets into the original strings: `title_spans`
    into `title`, `snippet_spans` into `snippet`, `body_spans` into `body` (the
    item's full body text, or the note's text).
    """

    __slots__ = ("_index", "_doc", "_terms", "kind", "score", "__dict__")

    def __init__(self, index: IndexView, kind: SearchKind, doc: int, score: int,
                 terms: Compiled, note_id: str | None = None) -> None:  # fmt: skip
        self._index, self._doc, self._terms, self.kind, self.score = index, doc, terms, kind, score
        if note_id is not None:
            self.item_id = note_id

    @cached_property
    def item_id(self) -> str:
        """The id of the item (for a note: of the item it is attached to; "" general)."""
        return self._index._ids[self._doc]

    @cached_property
    def _firsts(self) -> dict[int, tuple[int, int] | None]:
        return {}

    def __repr__(self) -> str:
        return f"Hit({self.kind!r}, {self.item_id!r}, score={self.score})"

    @cached_property
    def title(self) -> str:
        """The item's title; for a note, the title of the item it is attached to."""
        doc = self._doc if self.kind != "note" else self._index._doc_of.get(self.item_id, -1)
        if doc < 0:
            return "General note" if self.item_id == "" else self.item_id
        return item_title(self._index._kinds[doc], self._index._items[doc])

    @cached_property
    def label(self) -> str:
        """ "4." for a recommendation, the shown date for an event, else the kind."""
        if self.kind == "note":
            return "Note"
        item = self._index._items[self._doc]
        if self.kind == "recommendation":
            return f"{cast(Recommendation, item).number}."
        if self.kind == "event":
            event = cast(Event, item)
            return event_when(event.date, event.date_label, short=True)
        return KIND_LABELS[self.kind]

    @cached_property
    def _texts(self) -> list[list[str]]:
        if self.kind == "note":
            return [[], [self._index._notes.get(self.item_id, "")], [], [], [], []]
        return _segments(self._index._kinds[self._doc], self._index._items[self._doc])

    @property
    def body(self) -> str:
        """The full text `body_spans` point into."""
        return self._texts[_BODY][0] if self._texts[_BODY] else ""

    def _first(self, fid: int) -> tuple[int, int] | None:
        """(token index, length) of the first match in field `fid`, or None."""
        if fid not in self._firsts:
            found = None
            if self.kind == "note":
                found = (0, 0) if fid == _BODY and self._terms else None
            else:
                seq, slots, slot = self._index._seq, self._index._slots, self._doc * len(FIELDS) + fid
                lo, hi = slots[slot], slots[slot + 1]
                found = min(((i - lo, len(t)) for t in self._terms if (i := _find(seq, t, lo, hi)) >= 0), default=None)
            self._firsts[fid] = found
        return self._firsts[fid]

    @property
    def fields(self) -> tuple[str, ...]:
        """Names of the fields where the query's words match, in FIELDS order."""
        return tuple(name for fid, name in enumerate(FIELDS) if self._first(fid) is not None)

    @property
    def field(self) -> str:
        """Where the match is: "title" when the title matches, else the field
        the snippet shows ("body", "tags", ...); "" for a filter-only query."""
        return "title" if "title" in self.fields else (self.snippet_field if self.fields else "")

    @property
    def order(self) -> int:
        """The item's position in briefing order (-1: general or orphan note)."""
        return self._doc

    @cached_property
    def title_spans(self) -> list[Span]:
        return scan(self.title, self._terms) if self.kind != "note" and self._first(_TITLE) else []

    @cached_property
    def body_spans(self) -> list[Span]:
        return scan(self.body, self._terms) if self._first(_BODY) else []

    @cached_property
    def _snippet(self) -> tuple[str, list[Span], str]:
        terms, body = self._terms, self.body
        first = self._first(_BODY)
        if first is not None and self.kind != "note":
            matches = list(islice(token_pattern(body).finditer(body), first[0], first[0] + first[1]))
            return (*snippet_at(body, (matches[0].start(), matches[-1].end()), terms), "body")
        for fid in range(_BODY, len(FIELDS)):
            if self._first(fid) is not None:
                for seg in self._texts[fid]:
                    spans = scan(seg, terms)
                    if spans:
                        return (*snippet_at(seg, spans[0], terms), FIELDS[fid])
        return (*snippet_at(body, None, terms), "body") if body else ("", [], "")

    @property
    def snippet(self) -> str:
        """About 100 characters of context around the first match, one line."""
        return self._snippet[0]

    @property
    def snippet_spans(self) -> list[Span]:
        return self._snippet[1]

    @property
    def snippet_field(self) -> str:
        """The field the snippet is cut from: usually "body"; "" when none."""
        return self._snippet[2]
