"""The search query language: parsing query text into a :class:`Query`.

A query is a list of whitespace-separated parts:

``word``
    Every word must match (words are AND-ed). Matching ignores case, accents
    (``Łukašenka`` = ``lukasenka``, ``café`` = ``cafe``, ``ß`` = ``ss``) and
    light plural endings (``sanction`` = ``sanctions``, ``country`` =
    ``countries``, ``visa`` = ``visas``, ``EU's`` = ``EU``): see :func:`stem`.
    A word with inner punctuation (``Belarus-Netherlands``, with any dash) is
    the phrase of its parts.
``"a phrase"``
    The words must appear consecutively, in one field of one item. Straight
    and typographic double quotes (``" “ ” „``) both work.
*prefix rule*
    The very last part of the query, when it is a bare word and the query does
    not end in white space, matches as a prefix: ``sanc`` finds "sanctions"
    (search as you type). ``sanc `` (with a trailing space) is the whole word
    ``sanc`` again. Only the last word is a prefix; phrases never are.
``in:KIND``
    Only items of that kind: ``recommendations`` (rec, recs, recommendation, r),
    ``events`` (event, timeline, t, e), ``facts`` (fact, f), ``sections``
    (section, s), ``sources`` (source, src), ``notes`` (note, n). Several
    ``in:`` filters, or ``in:rec,events``, mean any of those kinds.
``tag:X`` / ``actor:X`` / ``place:X``
    Items with a tag (event and section tags, recommendation themes), an
    actor (a recommendation's addressees, an event's actors) or a place (an
    event's, format 2) containing the word(s) X as whole words, ignoring case,
    accents and plurals: ``tag:rights`` matches "Human rights", ``actor:EU``
    matches "EU" and "the EU", not "European Commission". Quote several words:
    ``tag:"human rights"``. Filter values are never prefixes.
``year:2008``, ``year:2006..2009``, ``year:..2009``, ``year:2006..``
    Events (and sources with a date) in that year or range, bounds included.
    A bare range ``2006..2009`` is the same filter; a bare ``2008`` is a word
    (it finds text saying 2008, events whose shown date says 2008 included).
``#4``, ``#3..5``
    Recommendation number 4 (or 3 to 5). Several mean any of them.

Different filters are AND-ed; a comma-separated value (``tag:visa,sanctions``)
means any of its parts. A query of only filters lists everything that passes
them. Notes are searched as kind "note" and pass ``tag:``/``actor:``/``place:``/
``year:``/``#N`` when the item they are attached to does.

Malformed queries raise :class:`QueryError` with a plain-words message and the
position of the problem; nothing else is ever raised for any input string.

Folding, stemming and tokens live in :mod:`briefing_tui.model.text`; they are
re-exported here (``fold``, ``stem``, ``tokenize``, ...) for existing callers.

This module imports neither textual nor rich.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from briefing_tui.model.text import fold, stem, tokenize

__all__ = [
    "FILTER_ALIASES",
    "KIND_ALIASES",
    "RESULT_KINDS",
    "FilterName",
    "Query",
    "QueryError",
    "SearchKind",
    "Term",
    "WordSeq",
    "YearRange",
    "fold",
    "parse_query",
    "stem",
    "tokenize",
]

SearchKind = Literal["recommendation", "event", "fact", "section", "source", "note"]

#: Kinds in the order search results list them: recommendations first.
RESULT_KINDS: tuple[SearchKind, ...] = ("recommendation", "event", "fact", "section", "source", "note")

#: Names accepted after ``in:``, to the kind they mean.
KIND_ALIASES: dict[str, SearchKind] = {
    **dict.fromkeys(("recommendations", "recommendation", "recs", "rec", "r"), "recommendation"),
    **dict.fromkeys(("events", "event", "timeline", "t", "e"), "event"),
    **dict.fromkeys(("facts", "fact", "f"), "fact"),
    **dict.fromkeys(("sections", "section", "s"), "section"),
    **dict.fromkeys(("sources", "source", "src"), "source"),
    **dict.fromkeys(("notes", "note", "n"), "note"),
}
_KIND_NAMES = "recommendations, events, facts, sections, sources, notes"

FilterName = Literal["in", "tag", "actor", "place", "year"]
#: Filter names (lowercase) to the filter they mean; the first four are documented.
FILTER_ALIASES: dict[str, FilterName] = {
    "in": "in",
    "tag": "tag",
    "actor": "actor",
    "place": "place",
    "year": "year",
    "kind": "in",
    "tags": "tag",
    "theme": "tag",
    "themes": "tag",
    "actors": "actor",
    "places": "place",
    "years": "year",
}
_FILTER_LIST = "filters are in:, tag:, actor:, place:, year:"

# --------------------------------------------------------------------------
# The parsed query
# --------------------------------------------------------------------------


class QueryError(ValueError):
    """A malformed query: `message` in plain words, `position` the 0-based
    index in the query text where the problem starts."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase that must match: consecutive folded words.

    `words` are folded surface forms, `stems` their stems. When `prefix` is
    true the last word also matches any word that starts with it.
    """

    raw: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    prefix: bool = False
    phrase: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class YearRange:
    """Years `start`..`end`, both included; None is open."""

    start: int | None
    end: int | None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, int):
            return False
        return (self.start is None or year >= self.start) and (self.end is None or year <= self.end)


#: The words of one tag/actor filter value, as stems.
WordSeq = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Each filter tuple is AND-ed; each inner tuple is OR-ed."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    kinds: frozenset[SearchKind] = field(default_factory=frozenset)
    tags: tuple[tuple[WordSeq, ...], ...] = ()
    actors: tuple[tuple[WordSeq, ...], ...] = ()
    places: tuple[tuple[WordSeq, ...], ...] = ()
    years: tuple[tuple[YearRange, ...], ...] = ()
    numbers: tuple[tuple[int, int], ...] = ()

    @property
    def has_filters(self) -> bool:
        return bool(self.kinds or self.tags or self.actors or self.places or self.years or self.numbers)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for: no terms and no filters."""
        return not self.terms and not self.has_filters


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------

_QUOTES = '"“”„‟'
_FILTER_RE = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_NUMBER_RE = re.compile(r"#([0-9]{1,7})(?:\.\.([0-9]{1,7}))?")
_YEAR_RANGE_RE = re.compile(r"([0-9]{4})?(?:\.\.|[-–—‑‐])([0-9]{4})?")
_BARE_RANGE_RE = re.compile(r"([0-9]{4})?\.\.([0-9]{4})?")


def _make_term(raw: str, position: int, *, prefix: bool, phrase: bool) -> Term | None:
    words = tuple(surface for surface, _, _ in tokenize(raw))
    if not words:
        return None
    return Term(
        raw=raw,
        words=words,
        stems=tuple(stem(w) for w in words),
        prefix=prefix,
        phrase=phrase or len(words) > 1,
        position=position,
    )


def _close_quote(text: str, start: int) -> int:
    """Index of the quote closing the one at `start`; QueryError when none."""
    for i in range(start + 1, len(text)):
        if text[i] in _QUOTES:
            return i
    raise QueryError('unclosed quote: add a closing " to end the phrase', start)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.terms: list[Term] = []
        self.kinds: set[SearchKind] = set()
        self.tags: list[tuple[WordSeq, ...]] = []
        self.actors: list[tuple[WordSeq, ...]] = []
        self.places: list[tuple[WordSeq, ...]] = []
        self.years: list[tuple[YearRange, ...]] = []
        self.numbers: list[tuple[int, int]] = []

    def build(self) -> Query:
        return Query(
            text=self.text,
            terms=tuple(self.terms),
            kinds=frozenset(self.kinds),
            tags=tuple(self.tags),
            actors=tuple(self.actors),
            places=tuple(self.places),
            years=tuple(self.years),
            numbers=tuple(self.numbers),
        )

    def add_filter(self, name: str, value: str, name_pos: int, value_pos: int) -> None:
        canonical = FILTER_ALIASES.get(name.lower())
        if canonical is None:
            hint = difflib.get_close_matches(name.lower(), list(FILTER_ALIASES), n=1, cutoff=0.6)
            suggestion = f" (did you mean {FILTER_ALIASES[hint[0]]}:?)" if hint else ""
            raise QueryError(f"unknown filter {name!r}{suggestion}; {_FILTER_LIST}", name_pos)
        parts: list[tuple[str, int]] = []
        offset = value_pos
        for part in value.split(","):
            parts.append((part, offset + len(part) - len(part.lstrip())))
            offset += len(part) + 1
        if not value.strip() or all(not p.strip() for p, _ in parts):
            raise QueryError(f"empty value for {canonical}:; write e.g. {_EXAMPLES[canonical]}", value_pos)
        if canonical == "in":
            for part, pos in parts:
                if part.strip():
                    self.kinds.add(_parse_kind(part.strip(), pos))
        elif canonical == "year":
            self.years.append(tuple(_parse_years(p.strip(), pos) for p, pos in parts if p.strip()))
        else:
            seqs: list[WordSeq] = []
            for part, pos in parts:
                if not part.strip():
                    continue
                words = tuple(stem(surface) for surface, _, _ in tokenize(part))
                if not words:
                    raise QueryError(f"{canonical}: needs a word, not {part.strip()!r}", pos)
                seqs.append(words)
            {"tag": self.tags, "actor": self.actors, "place": self.places}[canonical].append(tuple(seqs))


_EXAMPLES = {
    "in": "in:recommendations",
    "tag": "tag:sanctions",
    "actor": "actor:EU",
    "place": "place:Minsk",
    "year": "year:2008",
}


def _parse_kind(value: str, position: int) -> SearchKind:
    kind = KIND_ALIASES.get(value.lower())
    if kind is not None:
        return kind
    hint = difflib.get_close_matches(value.lower(), list(KIND_ALIASES), n=1, cutoff=0.6)
    suggestion = f" (did you mean in:{hint[0]}?)" if hint else ""
    raise QueryError(f"unknown kind {value!r} in in:{suggestion}; kinds are {_KIND_NAMES}", position)


def _year(digits: str | None) -> int | None:
    return int(digits) if digits else None


def _parse_years(value: str, position: int) -> YearRange:
    bad = f"bad year {value!r}: write a four-digit year like year:2008 or a range like year:2006..2009"
    if re.fullmatch(r"[0-9]{4}", value):
        return YearRange(int(value), int(value))
    m = _YEAR_RANGE_RE.fullmatch(value)
    if m is None or not (m.group(1) or m.group(2)):
        raise QueryError(bad, position)
    start, end = _year(m.group(1)), _year(m.group(2))
    if start is not None and end is not None and start > end:
        raise QueryError(f"year range {value!r} runs backwards: write {end}..{start}", position)
    return YearRange(start, end)


def parse_query(text: str) -> Query:
    """Parse `text` into a :class:`Query`; raise :class:`QueryError` when malformed."""
    b = _Builder(text)
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _QUOTES:
            close = _close_quote(text, i)
            term = _make_term(text[i + 1 : close], i, prefix=False, phrase=True)
            if term is not None:
                b.terms.append(term)
            i = close + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in _QUOTES:
            i += 1
        word = text[start:i]
        fm = _FILTER_RE.fullmatch(word)
        if fm is not None:
            value, value_pos = fm.group(2), start + len(fm.group(1)) + 1
            if not value and i < n and text[i] in _QUOTES:
                close = _close_quote(text, i)
                value, value_pos = text[i + 1 : close], i + 1
                if fm.group(1).lower() in FILTER_ALIASES and not value.strip():
                    value_pos = i
                i = close + 1
            b.add_filter(fm.group(1), value, start, value_pos)
            continue
        nm = _NUMBER_RE.fullmatch(word)
        if nm is not None:
            low = int(nm.group(1))
            high = int(nm.group(2)) if nm.group(2) else low
            if high < low:
                raise QueryError(f"number range {word!r} runs backwards: write #{high}..{low}", start)
            b.numbers.append((low, high))
            continue
        ym = _BARE_RANGE_RE.fullmatch(word)
        if ym is not None and (ym.group(1) or ym.group(2)):
            b.years.append((_parse_years(word, start),))
            continue
        last = i >= n  # nothing (not even white space) follows this word
        term = _make_term(word, start, prefix=last, phrase=False)
        if term is not None:
            b.terms.append(term)
    return b.build()
