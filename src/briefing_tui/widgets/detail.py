"""The detail pane: the selected item in full, and what it cites or is cited by."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from briefing_tui.model.items import ItemIndex, ItemRef, cited_ids, item_name
from briefing_tui.textsafe import one_line
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.messages import BriefingCompleted
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
        self._built = False
        #: What the body shows now (see _body).
        self._body_key: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        # Nothing yet: the body and links are mounted right after the first
        # paint (see _build), which shows the lists sooner; show() before then
        # only records what to show.
        return iter(())

    def on_mount(self) -> None:
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        if self._built or not self.is_attached:
            return
        await self.mount_all(
            [
                Static(id="detail-body"),
                Label("", id="detail-links-heading", classes="pane-heading"),
                ItemList(id="detail-links"),
            ]
        )
        self._built = True
        if self.is_attached:  # the screen may have closed meanwhile
            self._apply()

    def on_briefing_completed(self, event: BriefingCompleted) -> None:
        self.index = event.index
        ref = event.index.get(self.item_id) if self.item_id else None
        if ref is not None and ref.kind == "source":
            self._apply()  # what cites it may hold events now

    def show_summary(self) -> None:
        self.item_id = self.orphan_id = None
        self._apply()

    def show(self, item_id: str | None) -> None:
        """Show `item_id` in full, its search matches (if any) highlighted."""
        ref = self.index.get(item_id) if item_id else None
        self.item_id = ref.id if ref is not None else None
        self.orphan_id = None
        self._apply()

    def show_orphan(self, label: str, item_id: str | None = None) -> None:
        """An orphaned note: its item is gone from the briefing."""
        self.item_id = None
        self.orphan_id = item_id if item_id is not None else label
        self.orphan_label = label
        self._apply()

    def _apply(self) -> None:
        """Draw what item_id / orphan_id say (once the children are there)."""
        if not self._built:
            return
        ref = self.index.get(self.item_id) if self.item_id else None
        if self.orphan_id is not None:
            self._body(
                ("orphan", self.orphan_label),
                lambda: Content.assemble(
                    ("ORPHANED NOTE\n", "dim"),
                    (one_line(self.orphan_label), "bold"),
                    "\n\nThe item this note was written on is no longer in the briefing. "
                    "The note is kept, listed under Orphaned notes, and exported.",
                ),
            )
            self._set_links([])
            return
        if ref is None:
            self._body(("summary",), lambda: render_summary(self.index.briefing))
            self._set_links([])
        else:
            title_spans, body_spans = self.highlights.get(ref.id, ((), ()))
            self._body(
                ("item", ref.id, title_spans, body_spans),
                lambda: render_item(ref, title_spans=title_spans, body_spans=body_spans),
            )
            index = self.index
            cites = ("Cited by", index.cited_by(ref.id)) if ref.kind == "source" else ("Cites", self._cited(ref))
            self._set_links(
                [cites, ("See also", index.see_also(ref)), ("Referred to by", index.referred_to_by(ref.id))]
            )
        self.scroll_home(animate=False)

    def _body(self, key: tuple[object, ...], make: Callable[[], Content]) -> None:
        """Put `make()` in the body unless what `key` names is already there:
        a jump shows the same item two or three times (tab, list, screen)."""
        if key != self._body_key:
            self.query_one("#detail-body", Static).update(make())
            self._body_key = key

    def _cited(self, ref: ItemRef) -> list[ItemRef]:
        by_id = self.index.by_id
        return [by_id[source_id] for source_id in cited_ids(ref.item) if source_id in by_id]

    def _set_links(self, groups: list[tuple[str, list[ItemRef]]]) -> None:
        """The item's links: what it cites (or what cites a source), what it
        points to with ``see:`` and what points to it; a heading row for each
        group where there is more than one."""
        links = self.query_one("#detail-links", ItemList)
        label = self.query_one("#detail-links-heading", Label)
        shown = [(heading, refs) for heading, refs in groups if refs]
        options: list[Option] = []
        for heading, refs in shown:
            if len(shown) > 1:
                options.append(Option(Content.styled(f"{heading} ({len(refs)})", "bold"), disabled=True))
            options += [
                Option(Content.assemble((f"{one_line(what)}: ", "dim"), line(title)), id=ref.id)
                for ref in refs
                for what, title in (item_name(ref),)
            ]
        links.set_options(options)
        count = sum(len(refs) for _, refs in shown)
        heading = shown[0][0] if len(shown) == 1 else "Links"
        label.update(f"{heading} ({count}) — Enter or click to open" if shown else "")
        links.display = label.display = bool(shown)
        if shown:
            links.action_first()

    def focus_links(self) -> bool:
        """Focus the links, scrolled into view; False when there are none."""
        links = self.query_one("#detail-links", ItemList)
        if not links.display or not links.option_count:
            return False
        links.focus()
        self.scroll_to_widget(links, animate=False, top=True)
        return True

    @on(ItemList.OptionSelected, "#detail-links")
    def _jump(self, event: ItemList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.JumpRequested(event.option.id))
