"""The year strip above the timeline: events per year as block characters, the
selected event's year in reverse video and marked ``▲`` beneath, the years of
search hits marked ``•``; a click on a column jumps to its first event.

It draws :func:`briefing_tui.model.yearstrip.strip`; reverse video and the
marks carry the meaning, so it reads the same without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from briefing_tui.model.yearstrip import Column, strip


class YearStrip(Widget):
    """Two rows: the bars, then the marks with the first and last year."""

    @dataclass
    class Chosen(Message):
        """A column was clicked: go to the first event in `first`..`last`."""

        strip: YearStrip
        first: int
        last: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._dates: Sequence[str] = ()
        self._selected: str | None = None
        self._hits: tuple[str, ...] = ()
        self.columns: list[Column] = []
        #: Cells per column, as last drawn.
        self.cell = 1

    def show(self, dates: Sequence[str]) -> None:
        """The dates of the events listed (in order)."""
        self._dates = dates
        self.refresh()

    def select(self, date: str | None) -> None:
        if date != self._selected:
            self._selected = date
            self.refresh()

    def show_hits(self, dates: Sequence[str]) -> None:
        hits = tuple(dates)
        if hits != self._hits:
            self._hits = hits
            self.refresh()

    def render(self) -> Content:
        self.columns = strip(self._dates, self.size.width, selected=self._selected, hits=self._hits)
        self.cell = cell_width(self.size.width, self.columns)
        return strip_content(self.columns, self.cell)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # inside the padding
        if offset is None:
            return
        index = offset.x // self.cell
        if 0 <= index < len(self.columns):
            column = self.columns[index]
            if column.count:
                self.post_message(self.Chosen(self, column.first, column.last))


def cell_width(width: int, columns: list[Column]) -> int:
    """Cells per column: few years get several each, so the strip spans `width`."""
    return max(1, width // len(columns)) if columns else 1


def strip_content(columns: list[Column], cell: int) -> Content:
    """The two rows for `columns`, `cell` cells each: bars, then marks and years."""
    if not columns:
        return Content("")
    bars = Content.assemble(*((c.bar * cell, "reverse bold" if c.selected else "$accent") for c in columns))
    marks = [" "] * (cell * len(columns))
    for index, column in enumerate(columns):
        if column.selected or column.hit:
            marks[index * cell + cell // 2] = "▲" if column.selected else "•"
    first, last = str(columns[0].first), str(columns[-1].last)
    _label(marks, 0, first)
    if len(marks) > len(first) + len(last) + 1:
        _label(marks, len(marks) - len(last), last, step=-1)
    return Content.assemble(bars, "\n", ("".join(marks), "$text-muted"))


def _label(marks: list[str], at: int, text: str, step: int = 1) -> None:
    """Write a year into the marks row where no mark is: at `at`, else moved
    along by `step` (away from the end it names) up to a quarter of the row."""
    for start in range(at, at + step * (len(marks) // 4 + 1), step):
        end = start + len(text)
        if start >= 0 and end <= len(marks) and all(mark == " " for mark in marks[max(0, start - 1) : end + 1]):
            marks[start:end] = list(text)
            return
