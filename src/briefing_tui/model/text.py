"""Text folding and tokens, the same for indexed text and for queries.

A token is a run of letters and digits (with combining marks), joined by inner
apostrophes (:data:`TOKEN_RE`). :func:`fold` turns a token into its searchable
surface form (lowercase, no accents, no apostrophes), :func:`stem` drops light
English plural endings, :func:`tokenize` finds the folded tokens of a text with
their offsets, and :func:`fold_prefix_end` tells how much of a raw token a
folded prefix covers.

This module imports neither textual nor rich.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CHAR = rf"(?:[^\W_]|[{_MARKS}])"
#: A token: letters/digits (with combining marks), joined by inner apostrophes.
TOKEN_RE = re.compile(rf"{_CHAR}+(?:['’ʼ]{_CHAR}+)*")
#: The same tokens on text without combining marks, three times faster.
_PLAIN_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_MARK_RE = re.compile(f"[{_MARKS}]")


def token_pattern(text: str, start: int = 0, end: int | None = None) -> re.Pattern[str]:
    """The fastest pattern that finds the raw tokens of `text[start:end]` (TOKEN_RE's)."""
    return TOKEN_RE if _MARK_RE.search(text, start, len(text) if end is None else end) else _PLAIN_TOKEN_RE


#: Letters that Unicode decomposition leaves alone but readers treat as plain.
_SPECIAL = str.maketrans(
    {
        "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ı": "i", "Þ": "Th", "þ": "th",
        "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "’": "'", "ʼ": "'",
    }
)  # fmt: skip


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """The searchable surface form of one token: lowercase, no accents, no
    apostrophes, a trailing possessive ``'s`` dropped. May be empty."""
    if token.isascii():
        text = token.lower()
    else:
        text = unicodedata.normalize("NFKD", token.translate(_SPECIAL)).casefold()
        # casefold can bring back combining marks (İ → i + dot): decompose again,
        # then keep letters, digits and apostrophes (marks are not alphanumeric).
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if c.isalnum() or c == "'")
    if text.endswith("'s"):
        text = text[:-2]
    return text.replace("'", "")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English plural stemmer on folded words, the same for text and query.

    ``-ies`` → ``-y`` (countries), ``-sses`` → ``-ss`` (businesses),
    ``-xes/-ches/-shes/-zes`` → drop ``es`` (taxes, approaches), otherwise a
    final ``s`` is dropped, except after ``s``, ``u`` or ``i`` (process,
    Belarus, crisis) and in words of three letters or fewer (bus, gas, has).
    """
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Folded tokens of `text` with their ``(start, end)`` in `text`."""
    out: list[tuple[str, int, int]] = []
    for m in token_pattern(text).finditer(text):
        surface = fold(m.group())
        if surface:
            out.append((surface, m.start(), m.end()))
    return out


def fold_prefix_end(token: str, prefix: str) -> int:
    """How many characters of the raw `token` spell the folded `prefix`."""
    for k in range(1, len(token) + 1):
        if len(fold(token[:k])) >= len(prefix):
            return k
    return len(token)
