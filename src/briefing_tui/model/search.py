"""Full-text search over one briefing and its notes: index, matching, ranking.

The query language is in :mod:`briefing_tui.model.query`; hits (and
:data:`FIELDS`) in :mod:`briefing_tui.model.hits`; highlight spans and
snippets (the text of one hit) in :mod:`briefing_tui.model.snippets`; folding and
tokens in :mod:`briefing_tui.model.text`. ``Hit``, ``FIELDS`` and ``make_snippet``
are re-exported here.

Index
    Every item is a document, numbered in briefing order. Its fields are
    ``title``, ``body`` (:func:`~briefing_tui.model.items.item_body`), ``date``
    (an event's shown date), ``tags`` (tags and themes), ``actors`` and
    ``footnotes``. Each word becomes the id of its stem, and all fields of all
    documents are kept as one array of stem ids (0 between segments, so a
    phrase never spans two fields, tags or footnotes). Per stem the index keeps
    the documents that have it, anywhere and in the title (turned into int bit
    sets on first use), and its positions in the array. Words AND by bit sets;
    phrases start from the positions of their rarest word and check the
    neighbours; prefixes are looked up in the sorted vocabulary of folded words
    with :mod:`bisect`. Building is one linear pass. Notes are few and change:
    they are kept apart and scanned.

Results
    Grouped by kind in :data:`~briefing_tui.model.query.RESULT_KINDS` order:
    recommendations, events, facts, sections, sources, notes. Within a kind the
    score is the number of the query's words and phrases that match in the
    title, highest first (title matches above body-only matches); ties keep
    briefing order. Notes have no title score and follow the order of the
    items they are attached to, the general note first. ``counts`` are full
    counts even when ``limit`` cuts the hits short.

An empty query (no words, no filters) has no hits. Hits compute labels,
snippets and highlight spans lazily, when first read, so a ``limit`` keeps a
search cheap however many items match.

This module imports neither textual nor rich.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict, deque
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, count, islice, repeat
from operator import add, floordiv, mod, not_, sub
from typing import cast

from briefing_tui.model.dates import year_of
from briefing_tui.model.hits import FIELDS, Hit, _segments
from briefing_tui.model.items import AnyItem, Kind, iter_items
from briefing_tui.model.query import RESULT_KINDS, Query, WordSeq, parse_query
from briefing_tui.model.schema import Briefing, Recommendation
from briefing_tui.model.snippets import Compiled, Element, make_snippet
from briefing_tui.model.text import fold, stem, token_pattern, tokenize

__all__ = ["FIELDS", "Hit", "SearchIndex", "SearchResult", "make_snippet"]


def _mask(docs: Sequence[int]) -> int:
    """An int bit set of the (ascending) document numbers `docs`."""
    if not docs:
        return 0
    digits = bytearray(b"0") * (docs[-1] + 1)
    deque(map(digits.__setitem__, docs, repeat(49)), maxlen=0)  # 49: "1"
    return int(digits[::-1], 2)


def _bits(mask: int) -> Iterator[int]:
    """Set bits of `mask`, lowest first (lazily)."""
    return compress(count(), map("1".__eq__, bin(mask)[:1:-1]))


def _contains(hay: tuple[str, ...], needle: WordSeq) -> bool:
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits in result order, and how many items of each kind matched in all."""

    query: Query
    hits: list[Hit]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def truncated(self) -> bool:
        """True when `limit` left some hits out."""
        return len(self.hits) < self.total


class SearchIndex:
    """The search index of one briefing and its notes (item id → text; id ``""``
    is the briefing's general note). Build once; keep notes current with
    :meth:`set_note` and :meth:`remove_note`."""

    def __init__(self, briefing: Briefing, notes: Mapping[str, str] | None = None) -> None:
        self.briefing = briefing
        self._kinds: list[Kind] = []
        self._items: list[AnyItem] = []
        self._ids: list[str] = []
        # All fields of all documents as one sequence of stem ids; 0 ends every
        # segment and field. Field f of document d is seq[slots[6d+f]:slots[6d+f+1]].
        self._seq = seq = array("I")
        self._slots = array("I")
        self._stem_id: dict[str, int] = {}
        raw_ids: dict[str, int] = {}  # raw token → stem id; 0 for tokens that fold to nothing
        surfaces: dict[str, str] = {}
        docs_of: list[list[int]] = [[]]  # stem id → documents, and in titles
        titles_of: list[list[int]] = [[]]
        attrs: dict[str, defaultdict[object, list[int]]] = {
            name: defaultdict(list) for name in ("tag", "actor", "place", "year", "number")
        }
        self._kind_range: dict[str, tuple[int, int]] = {}
        for doc, (kind, item) in enumerate(iter_items(briefing)):
            self._kinds.append(kind)
            self._items.append(item)
            self._ids.append(item.id)
            self._kind_range[kind] = (self._kind_range.get(kind, (doc, doc))[0], doc + 1)
            doc_start = len(seq)
            for segs in _segments(kind, item):
                self._slots.append(len(seq))
                for seg in segs:
                    raws = token_pattern(seg).findall(seg)
                    try:
                        seq.extend(list(map(raw_ids.__getitem__, raws)))
                    except KeyError:
                        for raw in raws:
                            if raw not in raw_ids:
                                surface = fold(raw)
                                term = stem(surface)
                                surfaces.setdefault(surface, term)
                                if surface and term not in self._stem_id:
                                    self._stem_id[term] = len(docs_of)
                                    docs_of.append([])
                                    titles_of.append([])
                                raw_ids[raw] = self._stem_id[term] if surface else 0
                        seq.extend(list(map(raw_ids.__getitem__, raws)))
                    seq.append(0)  # no phrase across segments
                if len(self._slots) % len(FIELDS) == 1:  # the title
                    title = set(seq[doc_start:])
                    deque(map(list.append, map(titles_of.__getitem__, title), repeat(doc)), maxlen=0)
            words = set(seq[doc_start:])
            deque(map(list.append, map(docs_of.__getitem__, words), repeat(doc)), maxlen=0)
            self._add_attrs(attrs, doc, kind, item)
        self._slots.append(len(seq))
        # positions of each stem id in seq, ascending
        positions: list[array] = [array("I") for _ in docs_of]
        deque(map(array.append, map(positions.__getitem__, seq), count()), maxlen=0)
        positions[0] = array("I")
        self._positions = positions
        self._docs_of = [array("I", d) for d in docs_of]
        self._titles_of = [array("I", d) for d in titles_of]
        self._masks: dict[tuple[bool, int], int] = {}
        self._phrases: dict[tuple[frozenset[int], ...], tuple[int, int]] = {}
        self._vocab = sorted(surfaces)
        self._vocab_terms = [surfaces[s] for s in self._vocab]
        self._attrs = {name: {k: _mask(v) for k, v in d.items()} for name, d in attrs.items()}
        self._doc_of = {item_id: doc for doc, item_id in enumerate(self._ids)}
        self._notes: dict[str, str] = {}
        self._note_tokens: dict[str, list[tuple[str, str]]] = {}
        self._prefix_cache: dict[str, frozenset[str]] = {}
        for item_id, body in (notes or {}).items():
            self.set_note(item_id, body)

    @staticmethod
    def _add_attrs(attrs: dict[str, defaultdict[object, list[int]]], doc: int, kind: Kind, item: AnyItem) -> None:
        for tag in getattr(item, "tags", None) or getattr(item, "themes", None) or []:
            attrs["tag"][tuple(stem(s) for s, _, _ in tokenize(tag))].append(doc)
        for actor in getattr(item, "actors", []):
            attrs["actor"][tuple(stem(s) for s, _, _ in tokenize(actor))].append(doc)
        for place in getattr(item, "places", []):
            attrs["place"][tuple(stem(s) for s, _, _ in tokenize(place))].append(doc)
        date = getattr(item, "date", None) if kind in ("event", "source") else None
        if date:
            attrs["year"][year_of(date)].append(doc)
        if isinstance(item, Recommendation):
            attrs["number"][item.number].append(doc)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def vocabulary_size(self) -> int:
        """How many distinct folded words the briefing has."""
        return len(self._vocab)

    def set_note(self, item_id: str, body: str) -> None:
        """Make the note on `item_id` searchable (or replace it); blank removes it."""
        if not body.strip():
            self.remove_note(item_id)
            return
        self._notes[item_id] = body
        self._note_tokens[item_id] = [(s, stem(s)) for s, _, _ in tokenize(body)]

    def remove_note(self, item_id: str) -> None:
        """Forget the note on `item_id`, if any."""
        self._notes.pop(item_id, None)
        self._note_tokens.pop(item_id, None)

    # -- matching ------------------------------------------------------------------

    def _any(self, title: bool, ids: Iterable[int]) -> int:
        """Bit set of the documents with any of the stem `ids` (in the title)."""
        mask = 0
        for i in ids:
            m = self._masks.get((title, i))
            if m is None:
                if len(self._masks) > 50_000:
                    self._masks.clear()
                m = self._masks[(title, i)] = _mask((self._titles_of if title else self._docs_of)[i])
            mask |= m
        return mask

    def _prefix_terms(self, word: str) -> frozenset[str]:
        found = self._prefix_cache.get(word)
        if found is None:
            i, terms = bisect_left(self._vocab, word), set()
            while i < len(self._vocab) and self._vocab[i].startswith(word):
                terms.add(self._vocab_terms[i])
                i += 1
            if len(self._prefix_cache) > 1000:
                self._prefix_cache.clear()
            found = self._prefix_cache[word] = frozenset(terms)
        return found

    def _compile(self, query: Query) -> Compiled:
        out = []
        for term in query.terms:
            elements = []
            for k, (word, st) in enumerate(zip(term.words, term.stems, strict=True)):
                prefix = term.prefix and k == len(term.words) - 1
                stems = (self._prefix_terms(word) | {st}) if prefix else frozenset((st,))
                ids = frozenset(self._stem_id[s] for s in stems if s in self._stem_id)
                elements.append(Element(word, st, prefix, stems, ids))
            out.append(tuple(elements))
        return tuple(out)

    def _phrase(self, elements: tuple[Element, ...], candidates: int) -> tuple[int, int]:
        """Documents among `candidates` with the phrase, and those with it in the title.

        Starts from the positions of the rarest exact word and checks the
        neighbours of each in the token sequence."""
        key = tuple(el.ids for el in elements)
        if key not in self._phrases:
            if len(self._phrases) > 200:
                self._phrases.clear()
            self._phrases[key] = self._find_phrase(elements)
        docs, title = self._phrases[key]
        return docs & candidates, title & candidates

    def _find_phrase(self, elements: tuple[Element, ...]) -> tuple[int, int]:
        if not all(el.ids for el in elements):
            return 0, 0
        n, seq = len(elements), self._seq
        k0 = min((k for k, el in enumerate(elements) if len(el.ids) == 1),
                 key=lambda k: len(self._positions[next(iter(elements[k].ids))]))  # fmt: skip
        ps = self._positions[next(iter(elements[k0].ids))]
        a = bisect_left(ps, k0)
        b = bisect_left(ps, len(seq) - n + k0 + 1, a)
        starts: list[int] = list(map(sub, ps[a:b], repeat(k0)))
        for k, el in enumerate(elements):
            if k != k0 and starts:
                near = map(seq.__getitem__, map(add, starts, repeat(k)))
                starts = list(compress(starts, map(el.ids.__contains__, near)))
        slots, width = self._slots, len(FIELDS)
        hit = list(map(sub, map(bisect_right, repeat(slots), starts), repeat(1)))
        titles = compress(hit, map(not_, map(mod, hit, repeat(width))))
        docs = _mask(sorted(set(map(floordiv, hit, repeat(width)))))
        return docs, _mask(sorted(set(map(floordiv, titles, repeat(width)))))

    def _attr_mask(self, name: str, values: Sequence[object]) -> int:
        """Documents with any of `values` of the attribute `name`."""
        mask = 0
        for key, docs in self._attrs[name].items():
            for v in values:
                # The keys and values of an attribute are of the types its name says.
                if name in ("tag", "actor", "place"):
                    hit = _contains(cast(tuple[str, ...], key), cast(WordSeq, v))
                elif name == "year":
                    hit = key in cast(Container[object], v)
                else:
                    low, high = cast(tuple[int, int], v)
                    hit = low <= cast(int, key) <= high
                if hit:
                    mask |= docs
                    break
        return mask

    def _kind_mask(self, kinds: Iterable[str]) -> int:
        mask = 0
        for kind in kinds:
            lo, hi = self._kind_range.get(kind, (0, 0))
            mask |= ((1 << hi) - 1) ^ ((1 << lo) - 1)
        return mask

    def _note_matches(self, item_id: str, terms: Compiled) -> bool:
        tokens = self._note_tokens[item_id]
        return all(
            any(
                all(el.matches(*tokens[i + k]) for k, el in enumerate(elements))
                for i in range(len(tokens) - len(elements) + 1)
            )
            for elements in terms
        )

    # -- search --------------------------------------------------------------------

    def search(self, query: str | Query, limit: int | None = None) -> SearchResult:
        """Hits for `query` (text is parsed: QueryError when malformed), at most
        `limit` of them, in result order (see the module docstring)."""
        q = parse_query(query) if isinstance(query, str) else query
        counts: dict[str, int] = dict.fromkeys(RESULT_KINDS, 0)
        if q.is_empty:
            return SearchResult(q, [], counts)
        terms = self._compile(q)
        attr = (1 << len(self._ids)) - 1
        for name, groups in (
            ("tag", q.tags),
            ("actor", q.actors),
            ("place", q.places),
            ("year", q.years),
            ("number", (q.numbers,)),
        ):
            for group in groups:
                if group:
                    attr &= self._attr_mask(name, group)
        kinds = q.kinds or frozenset(RESULT_KINDS)
        docs = attr & self._kind_mask(kinds)
        titles: list[int] = []
        for elements in terms:
            if len(elements) == 1:
                docs &= self._any(False, elements[0].ids)
                titles.append(self._any(True, elements[0].ids))
            elif docs:
                docs, title = self._phrase(elements, docs)
                titles.append(title)
            else:
                titles.append(0)
        at_least = [docs]  # at_least[s]: documents matching at least s terms in their title
        for title in titles:
            at_least = [docs] + [
                (at_least[s] if s < len(at_least) else 0) | (at_least[s - 1] & title)
                for s in range(1, len(at_least) + 1)
            ]
        at_least.append(0)
        hits: list[Hit] = []
        room = limit if limit is not None else len(self._ids) + len(self._notes)
        for kind in RESULT_KINDS[:-1]:
            kind_docs = docs & self._kind_mask((kind,))
            counts[kind] = kind_docs.bit_count()
            for score in range(len(at_least) - 2, -1, -1):
                if room <= 0 or not kind_docs:
                    break
                chosen = list(islice(_bits(kind_docs & at_least[score] & ~at_least[score + 1]), room))
                hits.extend([Hit(self, kind, doc, score, terms) for doc in chosen])
                room -= len(chosen)
        if "note" in kinds:
            filtered = bool(q.tags or q.actors or q.places or q.years or q.numbers)
            for item_id in sorted(self._notes, key=lambda i: (i != "", self._doc_of.get(i, len(self._ids)), i)):
                doc = self._doc_of.get(item_id, -1)
                if (filtered and (doc < 0 or not (attr >> doc) & 1)) or not self._note_matches(item_id, terms):
                    continue
                counts["note"] += 1
                if room > 0:
                    hits.append(Hit(self, "note", doc, 0, terms, note_id=item_id))
                    room -= 1
        return SearchResult(q, hits, counts)
