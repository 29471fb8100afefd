"""The briefing screen's tabs: a bar of pane names over the pane on show.

Textual's TabbedContent costs much of the first paint (a widget per tab, an
animated underline, a ContentSwitcher of TabPanes; docs/performance.md has
the figures). Here the bar is one widget that draws its labels as one Content, and the panes
sit in a ContentSwitcher. The API is the part of TabbedContent the screen
used: ``active`` (get and set) and an ``Activated`` message.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from briefing_tui import keys

GAP = 2


class PaneTabs(Widget, can_focus=True):
    """One line of pane names, the active one marked, and a rule under it."""

    BINDINGS = keys.TABS
    COMPONENT_CLASSES = {"pane-tabs--tab", "pane-tabs--active", "pane-tabs--rule", "pane-tabs--active-rule"}

    active: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        """A click on a name, or ←/→ on the focused bar."""

        pane_id: str

    def __init__(self, labels: dict[str, str], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels = labels
        #: pane id -> (first column, last column + 1) of its label.
        self.spans: dict[str, tuple[int, int]] = {}
        column = 1
        for pane_id, label in labels.items():
            self.spans[pane_id] = (column, column + len(label))
            column += len(label) + GAP
        self.set_reactive(PaneTabs.active, active)

    def render(self) -> Content:
        width = max(self.size.width, 1)
        tab = self.get_visual_style("pane-tabs--tab")
        active = self.get_visual_style("pane-tabs--active")
        names = Content(" " * GAP).join(
            Content(label).stylize(active if pane_id == self.active else tab) for pane_id, label in self.labels.items()
        )
        # The rule: thin under everything, heavy under the active tab's name.
        start, end = self.spans[self.active]
        thin = self.get_visual_style("pane-tabs--rule")
        rule = Content.assemble(
            Content("─" * start).stylize(thin),
            Content("━" * (end - start)).stylize(self.get_visual_style("pane-tabs--active-rule")),
            Content("─" * max(0, width - end)).stylize(thin),
        )
        return Content.assemble(" ", names).truncate(width, ellipsis=True) + Content("\n") + rule

    def tab_offset(self, pane_id: str) -> Offset:
        """A point on the name of `pane_id` (the tests click there)."""
        start, _ = self.spans[pane_id]
        return Offset(start + 1, 0)

    async def _on_click(self, event: events.Click) -> None:
        for pane_id, (start, end) in self.spans.items():
            if start <= event.x < end:
                self.post_message(self.Chosen(pane_id))

    def _step(self, step: int) -> None:
        order = list(self.labels)
        self.post_message(self.Chosen(order[(order.index(self.active) + step) % len(order)]))

    def action_next_tab(self) -> None:
        self._step(1)

    def action_previous_tab(self) -> None:
        self._step(-1)


class PaneSwitcher(Vertical):
    """The tab bar and the panes: ``active`` is the id of the pane on show."""

    @dataclass
    class Activated(Message):
        switcher: PaneSwitcher
        pane_id: str

        @property
        def control(self) -> PaneSwitcher:
            return self.switcher

    def __init__(self, labels: dict[str, str], initial: str, first: Widget, *, id: str | None = None) -> None:
        """`first` goes in the `initial` page; the other pages start empty."""
        super().__init__(id=id)
        self.labels = labels
        self._active = initial
        self._first = first

    def compose(self) -> ComposeResult:
        yield PaneTabs(self.labels, self._active, id="pane-tabs")
        pages = [
            Vertical(self._first, id=pane_id) if pane_id == self._active else Vertical(id=pane_id)
            for pane_id in self.labels
        ]
        yield ContentSwitcher(*pages, initial=self._active, id="pane-pages")

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, pane_id: str) -> None:
        if pane_id not in self.labels or pane_id == self._active:
            return
        self._active = pane_id
        self.query_one(PaneTabs).active = pane_id
        self.query_one(ContentSwitcher).current = pane_id
        self.post_message(self.Activated(self, pane_id))

    def page(self, pane_id: str) -> Vertical:
        return self.query_one(f"#{pane_id}", Vertical)

    def _on_pane_tabs_chosen(self, event: PaneTabs.Chosen) -> None:
        event.stop()
        self.active = event.pane_id
