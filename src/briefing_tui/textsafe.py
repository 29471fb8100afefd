"""The one presenter of untrusted text: what may be shown of it, anywhere.

Untrusted text is everything read from a file, a folder or the notes
database: briefing text, file and folder names, notes, author names, the
problems found in a file (field paths and messages quote it). It leaves the
program only through this module, at every exit: widgets, notifications,
titles, dialogs, the error view, the note editor's drawing, exported
Markdown, and the CLI's stdout and stderr (:func:`say`).

Rule: no raw control character ever reaches the terminal, and no text is ever
read as markup (widgets build ``Content``/``Text`` objects or pass
``markup=False``; see ``briefing_tui.widgets.safe``).

Replacements, each one character and one terminal cell wide, so offsets and
cursor columns computed on the original text stay valid:

* C0 controls (U+0000-U+001F) -> their Unicode Control Picture, U+2400-U+241F
  (ESC -> ``␛``, BEL -> ``␇``, CR -> ``␍``); ``\\n`` and ``\\t`` are kept
  (except by :func:`literal_line`, which shows them as ``␊`` and ``␉``);
* DEL (U+007F) -> ``␡`` (U+2421);
* C1 controls (U+0080-U+009F) and the bidi embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069) -> ``�`` (U+FFFD): they have no pictures.

The forms:

* :func:`present` - many lines, for prose (``\\r\\n`` becomes ``\\n``);
* :func:`one_line` - on one line, runs of white space folded to one space;
* :func:`one_line_spans` - the same, and highlight spans moved to match;
* :func:`replace_control` - one for one (CR too), for text with spans;
* :func:`literal_line` - one for one and on one line, nothing folded, for
  names (file names, field paths): what is shown is what is there;
* :func:`for_terminal` / :func:`say` - the CLI's output.

Imports neither textual nor rich.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TextIO

Span = tuple[int, int]

#: C0 controls except tab and newline, DEL, C1 controls, and the Unicode
#: bidi controls, which can reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"\S+")
REPLACEMENT = "\ufffd"
#: What each control character is shown as (see the module doc).
SHOWN_AS: dict[int, str] = {
    **{code: chr(0x2400 + code) for code in range(0x20)},
    0x7F: "\u2421",
    **{code: REPLACEMENT for code in range(0x80, 0xA0)},
    **{code: REPLACEMENT for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]},
}


def _picture(match: re.Match[str]) -> str:
    return SHOWN_AS[ord(match.group())]


def replace_control(text: str) -> str:
    """Control characters replaced one for one (CR too; ``\\n`` and ``\\t``
    kept): offsets into `text` stay valid, for highlighting spans found in it."""
    return _CONTROL.sub(_picture, text)


def present(text: str) -> str:
    """Untrusted text of many lines, safe to show: control characters replaced
    visibly, ``\\n`` and ``\\t`` kept, ``\\r\\n`` read as ``\\n``."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_picture, text)


#: The older name of :func:`present`.
strip_control = present


def literal_line(text: str) -> str:
    """Untrusted text on one line, nothing folded: every control character,
    newline and tab too, replaced one for one. For names and field paths."""
    return _CONTROL_OR_LINE.sub(_picture, text)


def one_line(text: str) -> str:
    """:func:`present`, with runs of white space (newlines too) folded to one space."""
    return " ".join(present(text).split())


def one_line_spans(text: str, spans: Iterable[Span]) -> tuple[str, list[Span]]:
    """``one_line(text)``, and `spans` (offsets into `text`) moved to match.

    A span keeps the characters it covered: where white space is folded, the
    one space left is inside a span that covered both its sides. A span of
    only white space is dropped.
    """
    # One for one: "\r\n" is white space either way, as in present().
    shown = replace_control(text.replace("\r\n", " \n"))
    starts: list[int] = []  # each word's start in `text`
    ends: list[int] = []  # and end
    at: list[int] = []  # and start in the folded text
    words: list[str] = []
    position = 0
    for match in _WORD.finditer(shown):
        if words:
            position += 1
        starts.append(match.start())
        ends.append(match.end())
        at.append(position)
        words.append(match.group())
        position += match.end() - match.start()
    moved: list[Span] = []
    for start, end in spans:
        first = bisect_right(ends, start)  # the first word ending after `start`
        last = bisect_left(starts, end) - 1  # the last word starting before `end`
        if first > last:
            continue
        a = at[first] + max(0, start - starts[first])
        b = at[last] + min(end, ends[last]) - starts[last]
        if a < b:
            moved.append((a, b))
    return " ".join(words), moved


def for_terminal(text: object) -> str:
    """What the CLI may write of `text` (any object, as ``str()`` makes it)."""
    return present(str(text))


def say(text: object = "", file: TextIO | None = None) -> None:
    """``print(text, file=file)`` for output that may carry untrusted text:
    every CLI line that can name a file, quote a briefing or a note."""
    print(for_terminal(text), file=sys.stdout if file is None else file)


def has_control(text: str) -> bool:
    """Would `text` need replacing (other than its ``\\n`` and ``\\t``)?"""
    return _CONTROL.search(text) is not None


__all__ = [
    "REPLACEMENT",
    "SHOWN_AS",
    "Span",
    "for_terminal",
    "has_control",
    "literal_line",
    "one_line",
    "one_line_spans",
    "present",
    "replace_control",
    "say",
    "strip_control",
]
