"""Timeline: dated events in order, marked by year, filterable by tag."""

from __future__ import annotations

from collections import Counter
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


class TimelinePane(BriefingPane):
    BINDINGS = keys.TIMELINE

    def compose(self) -> ComposeResult:
        yield Select[str]([], prompt="All tags", id="timeline-tag", allow_blank=True, compact=True)
        yield ItemList(id="timeline-list")

    def build(self) -> None:
        events = self.briefing.timeline
        for old in self.query(".empty"):
            old.remove()
        if not events:
            self.query_one(Select).display = False
            self.item_list.display = False
            if not self.index.complete:
                message = "Reading the timeline…"
            else:
                message = self.unavailable or "This briefing has no timeline events."
            self.mount(Static(Content(present(message)), classes="empty"))  # it may name the file
            return
        self.item_list.display = True
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
        for event in self.briefing.timeline:
            if tag is not None and tag not in event.tags:
                continue
            if year_of(event.date) != year:
                year = year_of(event.date)
                options.append(Option(Content.styled(f"── {year} ──", "bold"), id=f"year:{year}", disabled=True))
            options.append(Option(partial(self._prompt, event), id=event.id))  # made when drawn
        current = self.item_list.highlighted_id
        self.item_list.set_options(options)
        if not (current and self.item_list.highlight_id(current)):
            self.item_list.action_first()

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
