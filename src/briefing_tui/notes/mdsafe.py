"""Put untrusted text into a CommonMark document without letting it change the
document's structure.

Two kinds of text go into a notes export:

**Briefing text** (titles, item text, footnotes, source titles) is plain text,
"shown literally". It goes through :func:`inline` (backslash-escapes the
characters that start emphasis, code, links and raw HTML, and entity-like
``&``), and, where it starts a line, :func:`line_start` (escapes what would
start a heading, list, block quote, thematic break or setext underline). Item
text is quoted with :func:`blockquote` (every line ``> ``-prefixed, leading
white space dropped). Headings are built with :func:`heading_text` (one line,
every ``#`` escaped so none can close the heading).

**Notes** are Markdown written by the user and kept as written, except for what
:func:`note_block` must change so a note stays inside its section:

* ATX headings, also inside block quotes and list items, are demoted to sit
  one level inside the heading the note is under (``under``): under an item's
  ``##``, ``#`` becomes ``###`` and ``##`` becomes ``####``; under an orphan's
  ``###``, ``#`` becomes ``####``. The note keeps its own structure, and can
  never produce a heading at or above the level it sits under, so the export's
  own headings are the only ones at levels 1-2, and in the orphans' section at
  level 3. Those that would go beyond level 6 become bold text.
* A line of only ``=`` or ``-`` that directly follows a non-blank line could be
  a setext underline; its first character is backslash-escaped (it then reads
  the same, as text). After a blank line ``---`` is left alone (a rule).
* Fenced code blocks are tracked exactly when their fence starts in column 0
  (such a fence is always a top-level fence); one left open is closed at the
  end of the note. A fence line indented by 1-3 columns is ambiguous without a
  full parse (top level, or inside a list item?), so its first character is
  escaped and it is plain text. Fences deeper in a list item or a block quote
  are left alone: they end with their container at the latest, and the export
  always follows a note with a blank line and a column-0 heading.
* Lines starting a raw HTML block (``<div>``, ``<!--``, ``<script>``, ``<?``,
  ``<![CDATA[`` ...) get their ``<`` escaped, so they show as text; some HTML
  blocks would otherwise swallow the rest of the document. Autolinks such as
  ``<https://example.org>`` are kept.
* Leading and trailing blank lines are dropped; ``\\r\\n`` becomes ``\\n``.

The rules over-approximate: a ``# comment`` in an indented code block is
demoted too. Everything else is kept byte for byte. Terminal control
characters are replaced (:func:`briefing_tui.textsafe.strip_control`) in both
kinds of text.

No textual, no rich.
"""

from __future__ import annotations

import re

from briefing_tui.textsafe import one_line, strip_control

#: How many levels headings inside a note are pushed down unless told (a note
#: under a ``###`` heading).
DEMOTE_BY = 3

# Container markers that may precede a block on a line: indentation, ">" and
# list markers (which need a space, a tab or the end of the line after them).
_PREFIX = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)))*[ \t]*")
_ATX = re.compile(r"(#{1,6})(?=[ \t]|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_UNDERLINE = re.compile(r"[ \t>]*([=]+|[-]+)[ \t]*")
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_HTML_START = re.compile(r"<[A-Za-z/!?]")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*"
    r"|[A-Za-z0-9][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@[A-Za-z0-9][A-Za-z0-9.-]*)>"
)

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LINE_START = re.compile(r"[#>+=-]")
_ORDERED = re.compile(r"([0-9]{1,9})([.)])")


# ------------------------------------------------------------- briefing text


def inline(text: str) -> str:
    """Escape inline Markdown in plain text (one line or many)."""
    return _ENTITY.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def line_start(line: str) -> str:
    """Escape what would make an (already :func:`inline`-escaped, stripped)
    line start a block: heading, block quote, list, rule, setext underline."""
    if _LINE_START.match(line):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered and (len(line) == ordered.end() or line[ordered.end()] in " \t"):
        return f"{ordered.group(1)}\\{ordered.group(2)}{line[ordered.end() :]}"
    return line


def plain_line(text: str) -> str:
    """Plain text as one safe line of Markdown (white space folded)."""
    return line_start(inline(one_line(text)))


def heading_text(text: str) -> str:
    """Plain text as the content of an ATX heading: one line, escaped, and no
    ``#`` left unescaped (a trailing one would close the heading)."""
    return inline(one_line(text)).replace("#", "\\#")


def blockquote(text: str) -> list[str]:
    """Plain text as the lines of a block quote; paragraphs (blank lines)
    are kept, leading white space is dropped."""
    lines: list[str] = []
    for raw in strip_control(text).strip("\n").split("\n"):
        line = raw.strip()
        lines.append(f"> {line_start(inline(line))}" if line else ">")
    while lines and lines[-1] == ">":
        lines.pop()
    return lines


def autolink(url: str) -> str | None:
    """``<url>`` for an http(s) URL, or None if it cannot be one."""
    url = strip_control(url).strip()
    url = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    candidate = f"<{url}>"
    if re.fullmatch(r"<https?://[^<>\x00-\x20]+>", candidate):
        return candidate
    return None


# --------------------------------------------------------------------- notes


def _prefix_end(line: str) -> int:
    """Where the line's container prefix (quote markers, indentation) ends."""
    match = _PREFIX.match(line)
    return match.end() if match else 0


def _demote(line: str, by: int = DEMOTE_BY) -> str:
    """Demote an ATX heading on the line, wherever its containers put it."""
    start = _prefix_end(line)
    rest = line[start:]
    match = _ATX.match(rest)
    if match is None:
        return line
    level = len(match.group(1))
    if level + by <= 6:
        return line[:start] + "#" * (level + by) + rest[level:]
    content = _ATX_CLOSING.sub("", rest[level:].strip()).strip()
    if not content:
        return line[:start] + "\\" + rest
    return f"{line[:start]}**{content}**"


def _escape_html_start(line: str) -> str:
    start = _prefix_end(line)
    rest = line[start:]
    if _HTML_START.match(rest) and not _AUTOLINK.match(rest):
        return line[:start] + "\\" + rest
    return line


def _indent_width(whitespace: str) -> int:
    width = 0
    for char in whitespace:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


def _fence(line: str) -> tuple[int, str, int] | None:
    """(indent width, fence char, fence length) if the line could open a fence."""
    match = _FENCE.fullmatch(line)
    if match is None:
        return None
    indent, fence, info = match.groups()
    if fence[0] == "`" and "`" in info:
        return None  # not a fence: a backtick fence's info string has no backticks
    return _indent_width(indent), fence[0], len(fence)


def _closes(line: str, char: str, length: int) -> bool:
    match = re.fullmatch(r" {0,3}(`+|~+)[ \t]*", line)
    return bool(match and match.group(1)[0] == char and len(match.group(1)) >= length)


def note_block(text: str, under: int = DEMOTE_BY) -> list[str]:
    """A note's lines, made safe to sit in a section of the export under a
    heading of level `under` (see the module docstring). Empty for a blank note."""
    lines = strip_control(text).split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    out: list[str] = []
    open_fence: tuple[str, int] | None = None
    for line in lines:
        if open_fence is not None:
            out.append(line)
            if _closes(line, *open_fence):
                open_fence = None
            continue
        fence = _fence(line)
        if fence is not None:
            width, char, length = fence
            if width == 0:
                open_fence = (char, length)
                out.append(line)
            elif width <= 3:
                cut = len(line) - len(line.lstrip(" \t"))
                out.append(line[:cut] + "\\" + line[cut:])
            else:
                out.append(line)
            continue
        previous_blank = not out or not out[-1].strip()
        underline = _UNDERLINE.fullmatch(line)
        if underline:
            if not previous_blank:
                cut = underline.start(1)
                line = line[:cut] + "\\" + line[cut:]
            out.append(line)
            continue
        out.append(_escape_html_start(_demote(line, under)))
    if open_fence is not None:
        char, length = open_fence
        out.append(char * length)
    return out
