"""The timeline's year strip: how many events fall in each year, as a row of
block characters, with where the selected event and the search hits fall.

Pure: the widget (widgets/year_strip.py) draws what :func:`strip` returns. One
column stands for one year where the years fit the width, else for a run of
years (every column the same run). Events are counted by the year they start in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from briefing_tui.model.dates import year_of

#: Heights of a bar, lowest first; a year with no event is a space.
BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the strip: the years it stands for and what fell in them."""

    first: int
    last: int
    count: int
    #: The bar: one of BLOCKS, or a space for no event.
    bar: str
    selected: bool = False
    hit: bool = False

    @property
    def years(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


def strip(
    dates: Iterable[str],
    width: int,
    *,
    selected: str | None = None,
    hits: Iterable[str] = (),
) -> list[Column]:
    """The columns for events of these `dates` in `width` cells (none for no
    events): `selected` is the selected event's date, `hits` the dates of the
    search hits."""
    # Valid partial dates (the loader checked them) start with their year:
    # counted as text, in C, then a few hundred years turned into numbers.
    counts = {int(year): count for year, count in Counter(date[:4] for date in dates).items()}
    if not counts or width < 1:
        return []
    start, end = min(counts), max(counts)
    per = -(-(end - start + 1) // width)  # years per column, rounded up
    columns = (end - start) // per + 1
    totals = [0] * columns
    for year, count in counts.items():
        totals[(year - start) // per] += count
    peak = max(totals)
    chosen = _column_of(selected, start, end, per) if selected is not None else None
    hit_columns = {column for date in hits if (column := _column_of(date, start, end, per)) is not None}
    out = []
    for index, total in enumerate(totals):
        bar = " " if total == 0 else BLOCKS[min(len(BLOCKS) - 1, (total * len(BLOCKS) - 1) // peak)]
        first = start + index * per
        out.append(Column(first, min(end, first + per - 1), total, bar, index == chosen, index in hit_columns))
    return out


def _column_of(date: str, start: int, end: int, per: int) -> int | None:
    """The column of `date`'s year; None outside the strip's years."""
    year = year_of(date)
    return (year - start) // per if start <= year <= end else None


__all__ = ["BLOCKS", "Column", "strip"]
