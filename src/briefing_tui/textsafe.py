"""Make untrusted text safe to show in a terminal.

Briefings and notes come from anyone. Textual 8 passes ESC and other control
characters in widget content straight to the terminal, so every piece of text
that reaches the screen (or stdout) goes through :func:`strip_control` first.
Markup is the widgets' business: they build ``Content``/``Text`` objects or use
``markup=False`` and never interpret briefing text as markup.
"""

from __future__ import annotations

import re

#: C0 controls except tab and newline, DEL, C1 controls, and the Unicode
#: bidi overrides/isolates, which can reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_REPLACEMENT = "\ufffd"


def strip_control(text: str) -> str:
    """Replace terminal control characters with U+FFFD; keep ``\\n`` and ``\\t``.

    Carriage returns become newlines when paired (``\\r\\n``) and U+FFFD alone.
    """
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _CONTROL.sub(_REPLACEMENT, text)


def replace_control(text: str) -> str:
    """Replace control characters one for one (CR too), so offsets into `text`
    stay valid: for highlighting spans found in the original text."""
    return _CONTROL.sub(_REPLACEMENT, text)


def one_line(text: str) -> str:
    """`strip_control`, with runs of white space (newlines too) folded to one space."""
    return " ".join(strip_control(text).split())
