"""Every item of a briefing that can carry a note, in briefing order.

Kinds: the key facts, the overview sections, the timeline events, the
recommendations and the sources. Ids are unique across all of them (the loader
checks), so an item id alone names an item within a briefing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from briefing_tui.model.dates import format_date
from briefing_tui.model.schema import Briefing, Event, Fact, Recommendation, Section, Source

Kind = Literal["fact", "section", "event", "recommendation", "source"]
AnyItem = Fact | Section | Event | Recommendation | Source

#: Kinds in the order the briefing presents them.
KINDS: tuple[Kind, ...] = ("fact", "section", "event", "recommendation", "source")
KIND_LABELS: dict[str, str] = {
    "fact": "Key fact",
    "section": "Section",
    "event": "Timeline",
    "recommendation": "Recommendation",
    "source": "Source",
}


@dataclass(frozen=True, slots=True)
class ItemRef:
    """One item with its kind and its position in briefing order."""

    kind: Kind
    item: AnyItem
    order: int

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def title(self) -> str:
        return item_title(self.kind, self.item)

    @property
    def heading(self) -> str:
        return item_heading(self.kind, self.item)


def iter_items(briefing: Briefing) -> Iterator[tuple[Kind, AnyItem]]:
    """Every noteable item, in briefing order."""
    for fact in briefing.overview.facts:
        yield "fact", fact
    for section in briefing.overview.sections:
        yield "section", section
    for event in briefing.timeline:
        yield "event", event
    for rec in briefing.recommendations:
        yield "recommendation", rec
    for source in briefing.sources:
        yield "source", source


def item_title(kind: Kind, item: AnyItem) -> str:
    """The item's own short title (a fact's label)."""
    return item.label if isinstance(item, Fact) else item.title


def cited_ids(item: AnyItem) -> list[str]:
    """Ids of the sources an item cites, its footnotes' too, first use first."""
    ids: list[str] = list(getattr(item, "sources", ()))
    for footnote in getattr(item, "footnotes", ()):
        ids.extend(footnote.sources)
    return list(dict.fromkeys(ids))


def item_body(kind: Kind, item: AnyItem) -> str:
    """The item's main text: a recommendation's full text, an event's detail,
    a section's prose, a fact's value, a source's description."""
    if isinstance(item, Recommendation | Section):
        return item.text
    if isinstance(item, Event):
        return item.detail
    if isinstance(item, Fact):
        return item.value
    parts = [item.author, item.publisher, item.date, item.note]
    return " — ".join(p for p in parts if p)


def lettered(points: list[str]) -> list[tuple[str, str]]:
    """A recommendation's sub-points with their letters: a, b, ... z, aa, ab."""
    letters = "abcdefghijklmnopqrstuvwxyz"

    def letter(n: int) -> str:
        return letters[n] if n < 26 else letter(n // 26 - 1) + letters[n % 26]

    return [(letter(n), point) for n, point in enumerate(points)]


def labelled_fields(item: AnyItem) -> list[tuple[str, list[str]]]:
    """A recommendation's or an event's short fields with their labels, in the
    order the detail pane and the export both show them (empty ones too)."""
    if isinstance(item, Recommendation):
        return [
            ("Priority", [item.priority] if item.priority else []),
            ("Timeframe", [item.timeframe] if item.timeframe else []),
            ("Addressed to", item.actors),
            ("Themes", item.themes),
        ]
    if isinstance(item, Event):
        return [("Actors", item.actors), ("Places", item.places)]
    return []


def item_heading(kind: Kind, item: AnyItem) -> str:
    """A one-line name for the item: "Recommendation 4 — <title>",
    "Timeline — 20 Jan 2009 — <title>", "Key fact — <label>"."""
    if isinstance(item, Recommendation):
        return f"Recommendation {item.number} — {item.title}"
    if isinstance(item, Event):
        return f"Timeline — {format_date(item.date, item.date_label)} — {item.title}"
    return f"{KIND_LABELS[kind]} — {item_title(kind, item)}"


#: What one item of a kind is called in a sentence ("Jump to this event").
KIND_NOUNS: dict[str, str] = {
    "fact": "key fact",
    "section": "section",
    "event": "event",
    "recommendation": "recommendation",
    "source": "source",
}


def item_name(ref: ItemRef) -> tuple[str, str]:
    """The name of an item in a list of items of every kind, as (what, title):
    ("Recommendation 4", <title>), ("Event 20 Jan 2009", <title>),
    ("Source", <title>). The palette and the detail pane's links use it."""
    item = ref.item
    if isinstance(item, Recommendation):
        return f"Recommendation {item.number}", item.title
    if isinstance(item, Event):
        return f"Event {format_date(item.date, item.date_label)}", item.title
    return KIND_LABELS[ref.kind], ref.title


class ItemIndex:
    """Items of one briefing by id, and in briefing order."""

    def __init__(self, briefing: Briefing, *, complete: bool = True) -> None:
        """`complete` is False for a briefing opened without its timeline (see
        :class:`~briefing_tui.model.cache.Opened`): a new index replaces it
        once the events are read."""
        self.briefing = briefing
        self.complete = complete
        self.ordered: list[ItemRef] = [
            ItemRef(kind, item, order) for order, (kind, item) in enumerate(iter_items(briefing))
        ]
        self.by_id: dict[str, ItemRef] = {ref.id: ref for ref in self.ordered}
        self.sources: dict[str, Source] = {source.id: source for source in briefing.sources}
        self._cited_by: dict[str, list[ItemRef]] | None = None
        self._referred_by: dict[str, list[ItemRef]] | None = None

    def __len__(self) -> int:
        return len(self.ordered)

    def get(self, item_id: str) -> ItemRef | None:
        return self.by_id.get(item_id)

    def cited_by(self, source_id: str) -> list[ItemRef]:
        """Items that cite the source `source_id`, in briefing order."""
        if self._cited_by is None:  # built on first use: only the Sources pane asks
            self._cited_by = {}
            for ref in self.ordered:
                for cited in cited_ids(ref.item):
                    self._cited_by.setdefault(cited, []).append(ref)
        return list(self._cited_by.get(source_id, ()))

    def see_also(self, ref: ItemRef) -> list[ItemRef]:
        """The items `ref` points to with ``see:`` (format 2), in its order."""
        by_id = self.by_id
        return [by_id[item_id] for item_id in ref.item.see if item_id in by_id]

    def referred_to_by(self, item_id: str) -> list[ItemRef]:
        """The items that point to `item_id` with ``see:``, in briefing order
        (the back-links, computed)."""
        if self._referred_by is None:  # built on first use
            self._referred_by = {}
            for ref in self.ordered:
                for target in dict.fromkeys(ref.item.see):
                    self._referred_by.setdefault(target, []).append(ref)
        return list(self._referred_by.get(item_id, ()))
