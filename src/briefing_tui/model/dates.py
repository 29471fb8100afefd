"""Partial dates: ``2008``, ``2008-10``, ``2009-01-20``.

Dates stay strings as written in the briefing; this module checks them and
formats them at their own precision. Lexicographic order of valid partial dates
is chronological order (``2008`` < ``2008-10`` < ``2008-10-05`` < ``2009``).
"""

from __future__ import annotations

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def date_problem(value: str) -> str | None:
    """Why `value` is not a real partial date, or None when it is one.

    The pattern (YYYY, YYYY-MM, YYYY-MM-DD) is checked by the schema; this
    checks the calendar: month 1-12, a day that exists in that month.
    """
    parts = value.split("-")
    if len(parts) >= 2:
        month = int(parts[1])
        if not 1 <= month <= 12:
            return f"month {parts[1]} does not exist in {value!r}"
        if len(parts) == 3:
            day = int(parts[2])
            last = _days_in_month(int(parts[0]), month)
            if not 1 <= day <= last:
                return f"day {parts[2]} does not exist in {value!r}"
    return None


def format_date(value: str, label: str | None = None) -> str:
    """A date at its own precision: "2008", "Oct 2008", "20 Jan 2009"; with an
    event's `label`, the long form of :func:`event_when`."""
    if label:
        return event_when(value, label)
    parts = value.split("-")
    try:
        if len(parts) == 1:
            return parts[0]
        month = _MONTHS[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        return f"{int(parts[2])} {month} {parts[0]}"
    except (ValueError, IndexError):
        return value


#: Marks a date that its event qualifies in words (its `date_label`).
QUALIFIED = "~"


def event_when(value: str, label: str | None, *, short: bool = False) -> str:
    """An event's date, the one way it is written everywhere (lists, the
    detail pane, search results, the palette, exports): the date at its own
    precision, then ``~`` when the briefing qualifies it in words, then (not
    when `short`, as in a list's date column) those words:
    "Dec 2008~ (around Christmas 2008)", "Dec 2008~", "20 Jan 2009"."""
    when = format_date(value)
    if not label:
        return when
    return when + QUALIFIED if short else f"{when}{QUALIFIED} ({label})"


def year_of(value: str) -> int:
    """The year of a partial date."""
    return int(value[:4])
