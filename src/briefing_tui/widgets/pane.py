"""The base of the briefing screen's panes: one list of items, built when first shown."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.containers import Vertical
from textual.message import Message

from briefing_tui.model.items import ItemIndex
from briefing_tui.model.schema import Briefing
from briefing_tui.widgets.item_list import ItemList
from briefing_tui.widgets.messages import BriefingCompleted


class BriefingPane(Vertical):
    """A pane showing one kind of item. Subclasses fill their list in :meth:`build`.

    Panes are built the first time they are shown, so opening a briefing of
    10,000 events costs only the pane on screen.
    """

    @dataclass
    class Highlighted(Message):
        """The pane's current item changed (None: nothing to show)."""

        pane: BriefingPane
        item_id: str | None

    @dataclass
    class Chosen(Message):
        """The user opened an item (Enter or a click)."""

        pane: BriefingPane
        item_id: str

    def __init__(self, index: ItemIndex, *, id: str, noted: set[str] | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.built = False
        #: Ids of the items that have a note (shared with the screen's notes).
        self.noted: set[str] = noted if noted is not None else set()
        #: Why what this pane shows could not be read, if it could not.
        self.unavailable: str | None = None

    @property
    def briefing(self) -> Briefing:
        return self.index.briefing

    def ensure_built(self) -> None:
        if not self.built:
            self.built = True
            self.build()

    def build(self) -> None:
        """Fill the pane's widgets from the briefing."""

    def on_briefing_completed(self, event: BriefingCompleted) -> None:
        self.index = event.index
        if event.problem is not None:
            self.unavailable = event.problem
        self.completed()

    def completed(self) -> None:
        """The index is whole now: what a pane that shows events does then."""

    def refresh_mark(self, item_id: str) -> None:
        """Show or hide the note marker of `item_id` (rows read `noted` when made)."""
        if self.built:
            self.item_list.remake(item_id)

    @property
    def item_list(self) -> ItemList:
        return self.query_one(ItemList)

    def select(self, item_id: str) -> bool:
        """Highlight `item_id` in this pane; False when the pane does not show it."""
        self.ensure_built()
        return self.item_list.highlight_id(item_id)

    def current_id(self) -> str | None:
        if not self.built:
            return None
        return self.item_list.highlighted_id

    def focus_list(self) -> None:
        self.ensure_built()
        self.item_list.focus()

    @on(ItemList.OptionHighlighted)
    def _highlighted(self, event: ItemList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, event.option.id))

    @on(ItemList.OptionSelected)
    def _chosen(self, event: ItemList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(self, event.option.id))
