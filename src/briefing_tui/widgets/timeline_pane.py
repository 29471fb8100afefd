"""Timeline: dated events in order, marked by year, filterable by tag, with a
strip of events per year above them (widgets/year_strip.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from briefing_tui import keys
from briefing_tui.model.dates import year_of
from briefing_tui.model.schema import Event
from briefing_tui.textsafe import one_line, present
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.render import event_prompt
from briefing_tui.widgets.year_strip import YearStrip


class TimelinePane(BriefingPane):
    BINDINGS = keys.TIMELINE

    def compose(self) -> ComposeResult:
        yield Select[str]([], prompt="All tags", id="timeline-tag", allow_blank=True, compact=True)
        yield YearStrip(id="timeline-years")
        yield ItemList(id="timeline-list")

    #: The listed events' dates, by id (the strip and the year keys use them).
    _dates: dict[str, str] = {}  # noqa: RUF012 - replaced, never changed, by _fill
    #: The opened search's hits (item ids), kept for a new filter.
    _hit_ids: list[str] = []  # noqa: RUF012 - replaced, never changed

    def build(self) -> None:
        events = self.briefing.timeline
        for old in self.query(".empty"):
            old.remove()
        if not events:
            self.query_one(Select).display = False
            self.item_list.display = False
            self.strip.display = False
            if not self.index.complete:
                message = "Reading the timeline…"
            else:
                message = self.unavailable or "This briefing has no timeline events."
            self.mount(Static(Content(present(message)), classes="empty"))  # it may name the file
            return
        self.item_list.display = True
        self.strip.display = True
        counts = Counter(tag for event in events for tag in event.tags)
        select = self.query_one(Select)
        select.set_options(
            (Content.assemble(one_line(tag), (f" ({count})", "dim")), tag)
            for tag, count in sorted(counts.items(), key=lambda pair: pair[0].casefold())
        )
        select.display = bool(counts)
        self._fill(None)

    def completed(self) -> None:
        if self.built:
            self.build()

    def _fill(self, tag: str | None) -> None:
        options: list[Option] = []
        year = None
        self._dates = {}
        for event in self.briefing.timeline:
            if tag is not None and tag not in event.tags:
                continue
            self._dates[event.id] = event.date
            if year_of(event.date) != year:
                year = year_of(event.date)
                options.append(Option(Content.styled(f"── {year} ──", "bold"), id=f"year:{year}", disabled=True))
            options.append(Option(partial(self._prompt, event), id=event.id))  # made when drawn
        current = self.item_list.highlighted_id
        self.item_list.set_options(options)
        if not (current and self.item_list.highlight_id(current)):
            self.item_list.action_first()
        self.strip.show(list(self._dates.values()))
        self.show_hits(self._hit_ids)  # of the events listed now

    @property
    def strip(self) -> YearStrip:
        return self.query_one(YearStrip)

    @on(ItemList.OptionHighlighted, "#timeline-list")
    def _mark_year(self, event: ItemList.OptionHighlighted) -> None:
        self.strip.select(self._dates.get(event.option.id or ""))

    def show_hits(self, item_ids: list[str]) -> None:
        """Mark the years of these items (the events among them listed) on the strip."""
        self._hit_ids = list(item_ids)
        self.strip.show_hits([self._dates[item_id] for item_id in item_ids if item_id in self._dates])

    @on(YearStrip.Chosen)
    def _year_chosen(self, event: YearStrip.Chosen) -> None:
        event.stop()
        self._go_to_year(lambda year: event.first <= year <= event.last)

    def action_year(self, delta: int) -> None:
        """The first event of the next (or previous) year that has events."""
        self.ensure_built()
        current = self._dates.get(self.current_id() or "")
        if current is None:
            return
        year = year_of(current)
        years = sorted({year_of(date) for date in self._dates.values()})
        later = [y for y in years if y > year] if delta > 0 else [y for y in years if y < year][-1:]
        if later:
            self._go_to_year(lambda y: y == later[0])

    def _go_to_year(self, wanted: Callable[[int], bool]) -> None:
        for item_id, date in self._dates.items():
            if wanted(year_of(date)):
                self.item_list.highlight_id(item_id)
                self.item_list.focus()
                return

    def _prompt(self, event: Event) -> Content:
        return event_prompt(event, event.id in self.noted)

    @property
    def tag(self) -> str | None:
        value = self.query_one(Select).value
        return value if isinstance(value, str) else None

    @on(Select.Changed, "#timeline-tag")
    def _tag_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.built:
            self._fill(self.tag)
            self.item_list.focus()

    def action_filter_tag(self) -> None:
        select = self.query_one(Select)
        if select.display:
            select.focus()
            select.action_show_overlay()

    def select(self, item_id: str) -> bool:
        self.ensure_built()
        if self.item_list.highlight_id(item_id):
            return True
        if self.tag is not None and self.index.get(item_id) is not None:
            self.query_one(Select).clear()  # the filter hides it: show everything
            self._fill(None)
            return self.item_list.highlight_id(item_id)
        return False
