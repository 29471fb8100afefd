"""The detail pane: the selected item in full, and what it cites or is cited by."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from briefing_tui.model.items import KIND_LABELS, ItemIndex, ItemRef, cited_ids
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.render import Span, line, render_item, render_summary


class DetailPane(VerticalScroll):
    """Shows one item. Its links list jumps to cited sources or citing items."""

    @dataclass
    class JumpRequested(Message):
        item_id: str

    can_focus = True

    def __init__(self, index: ItemIndex, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.item_id: str | None = None
        #: Set when showing an orphaned note: its item id and last known heading.
        self.orphan_id: str | None = None
        self.orphan_label = ""
        #: Search matches to highlight, by item id: (title spans, body spans).
        self.highlights: dict[str, tuple[list[Span], list[Span]]] = {}

    def compose(self) -> ComposeResult:
        yield Static(render_summary(self.index.briefing), id="detail-body")
        yield Label("", id="detail-links-heading", classes="pane-heading")
        yield ItemList(id="detail-links")

    def on_mount(self) -> None:
        if self.item_id is None:  # an item may already be on show
            self._set_links("", [])

    def show_summary(self) -> None:
        self.item_id = self.orphan_id = None
        self.query_one("#detail-body", Static).update(render_summary(self.index.briefing))
        self._set_links("", [])
        self.scroll_home(animate=False)

    def show(self, item_id: str | None) -> None:
        """Show `item_id` in full, its search matches (if any) highlighted."""
        ref = self.index.get(item_id) if item_id else None
        if ref is None:
            self.show_summary()
            return
        title_spans, body_spans = self.highlights.get(ref.id, ((), ()))
        self.item_id, self.orphan_id = ref.id, None
        self.query_one("#detail-body", Static).update(
            render_item(ref, title_spans=title_spans, body_spans=body_spans)
        )
        if ref.kind == "source":
            self._set_links("Cited by", self.index.cited_by(ref.id))
        else:
            self._set_links("Cites", self._cited(ref))
        self.scroll_home(animate=False)

    def show_orphan(self, label: str, item_id: str | None = None) -> None:
        """An orphaned note: its item is gone from the briefing."""
        self.item_id = None
        self.orphan_id = item_id if item_id is not None else label
        self.orphan_label = label
        self.query_one("#detail-body", Static).update(
            Content.assemble(
                ("ORPHANED NOTE\n", "dim"),
                (line(label).plain, "bold"),
                "\n\nThe item this note was written on is no longer in the briefing. "
                "The note is kept, listed under Orphaned notes, and exported.",
            )
        )
        self._set_links("", [])

    def _cited(self, ref: ItemRef) -> list[ItemRef]:
        by_id = self.index.by_id
        return [by_id[source_id] for source_id in cited_ids(ref.item) if source_id in by_id]

    def _set_links(self, heading: str, refs: list[ItemRef]) -> None:
        links = self.query_one("#detail-links", ItemList)
        label = self.query_one("#detail-links-heading", Label)
        links.set_options(
            Option(Content.assemble((f"{KIND_LABELS[ref.kind]}: ", "dim"), line(ref.heading if ref.kind == "event" else ref.title)), id=ref.id)
            for ref in refs
        )
        label.update(f"{heading} ({len(refs)}) — Enter or click to open" if refs else "")
        links.display = label.display = bool(refs)
        if refs:
            links.highlighted = 0

    @on(ItemList.OptionSelected, "#detail-links")
    def _jump(self, event: ItemList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.JumpRequested(event.option.id))

    @on(ItemList.OptionHighlighted, "#detail-links")
    def _ignore(self, event: ItemList.OptionHighlighted) -> None:
        event.stop()
