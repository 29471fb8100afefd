"""Text-level search: where compiled terms match in a string, and snippets.

Search (:mod:`briefing_tui.model.search`) finds which items match from its
index; this module works on the text of one field of one item, when a hit is
read:

- :func:`scan` finds the spans of a string where any compiled term matches
  (merged and sorted; a prefix match covers only the typed prefix);
- :func:`make_snippet` and :func:`snippet_at` cut a one-line window of about
  :data:`SNIPPET_WIDTH` characters around the first match, "…" where cut, with
  the highlight spans moved to match.

A compiled term is a tuple of :class:`Element` (one per word); a compiled query
(:data:`Compiled`) is a tuple of terms. Spans are ``(start, end)`` offsets.

This module imports neither textual nor rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from briefing_tui.model.text import fold, fold_prefix_end, stem, token_pattern
from briefing_tui.textsafe import strip_control

#: Characters of context a snippet aims for.
SNIPPET_WIDTH = 100

Span = tuple[int, int]
_ODD_SPACE = re.compile(r"[^\S ]|  |^ | $")
Token = tuple[str, str, int, int]  # surface, stem, start, end


@dataclass(frozen=True, slots=True)
class Element:
    """One word of a compiled term: the stems (and their ids) it matches.

    `terms` are the stems; `ids` are the search index's ids of those stems (the
    index matches by id, :func:`scan` by surface and stem)."""

    word: str
    stem: str
    prefix: bool
    terms: frozenset[str]
    ids: frozenset[int]

    def matches(self, surface: str, term: str) -> bool:
        return term in self.terms or (self.prefix and surface.startswith(self.word))


#: A compiled query: its terms, each the elements of its consecutive words.
Compiled = tuple[tuple[Element, ...], ...]


def _tokens(text: str, lo: int = 0, hi: int | None = None) -> Iterator[Token]:
    hi = len(text) if hi is None else hi
    for m in token_pattern(text, lo, hi).finditer(text, lo, hi):
        surface = fold(m.group())
        if surface:
            yield surface, stem(surface), m.start(), m.end()


def scan(text: str, terms: Compiled, lo: int = 0, hi: int | None = None) -> list[Span]:
    """Merged, sorted spans of `text[lo:hi]` where any compiled term matches.

    A prefix match covers only the typed prefix of its last word."""
    tokens = list(_tokens(text, lo, hi))
    singles = [t[0] for t in terms if len(t) == 1]
    phrases = [t for t in terms if len(t) > 1]
    merged: list[Span] = []
    for i, (surface, st, start, _) in enumerate(tokens):
        ends: list[tuple[Element, int]] = [(el, i) for el in singles if el.matches(surface, st)][:1]
        for elements in phrases:
            n = len(elements)
            if (
                elements[0].matches(surface, st)
                and i + n <= len(tokens)
                and all(el.matches(*tokens[i + k][:2]) for k, el in enumerate(elements[1:], 1))
            ):
                ends.append((elements[-1], i + n - 1))
        for el, j in ends:
            last_surface, last_stem, last_start, end = tokens[j]
            if el.prefix and last_stem != el.stem and last_surface.startswith(el.word):
                end = last_start + fold_prefix_end(text[last_start:end], el.word)
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
    return merged


def _window(text: str, first: Span | None, width: int) -> Span:
    """Where to cut a snippet of about `width` characters around `first`."""
    first = first or (0, 0)
    start = max(0, first[0] - max(0, width - (first[1] - first[0])) // 3)
    end = min(len(text), max(start + width, first[1]))
    if end == len(text) and end - start < width:
        start = max(0, end - width)
    if start > 0:
        gap = text.find(" ", start, first[0])
        start = gap + 1 if gap >= 0 else start
    if end < len(text):
        gap = text.rfind(" ", first[1], end)
        end = gap if gap >= 0 else end
    return start, end


def _render(text: str, start: int, end: int, spans: Iterable[Span]) -> tuple[str, list[Span]]:
    """`text[start:end]` on one line, "…" where cut, with `spans` moved to match."""
    part = text[start:end]
    if not _ODD_SPACE.search(part):  # nothing to fold: offsets stay
        lead, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
        shift = len(lead) - start
        moved = [(a + shift, b + shift) for a, b in spans if start <= a and b <= end]
        return lead + strip_control(part) + tail, moved
    out: list[str] = []
    where: list[int] = []
    for ch in part:
        if ch.isspace():
            where.append(len(out) - 1 if out and out[-1] == " " else len(out))
            if out and out[-1] != " ":
                out.append(" ")
        else:
            where.append(len(out))
            out.append(ch)
    lead, tail = ("…" if start > 0 else ""), ("…" if end < len(text) else "")
    snippet = lead + strip_control("".join(out)).rstrip() + tail
    moved = [(where[a - start] + len(lead), where[b - 1 - start] + 1 + len(lead))
             for a, b in spans if start <= a and b <= end]  # fmt: skip
    return snippet, moved


def make_snippet(text: str, spans: Sequence[Span], width: int = SNIPPET_WIDTH) -> tuple[str, list[Span]]:
    """A one-line window of about `width` characters of `text` around the first
    of `spans`, "…" where cut, and the spans inside it, moved to match."""
    start, end = _window(text, spans[0] if spans else None, width)
    return _render(text, start, end, spans)


def snippet_at(text: str, first: Span | None, terms: Compiled) -> tuple[str, list[Span]]:
    """A snippet around `first`, highlighting the matches that show."""
    start, end = _window(text, first, SNIPPET_WIDTH)
    if first is None or not terms:
        return _render(text, start, end, [])
    return _render(text, start, end, scan(text, terms, text.rfind(" ", 0, start) + 1, end))
