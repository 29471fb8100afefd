"""The one order in which a briefing's notes are shown and exported.

The general note first, then the notes on items: recommendations first (the
app leads with them), then key facts, sections, events and sources, each in
briefing order; then the
orphaned notes (their item is gone), by the label saved with them and then
their item id. The Notes pane and the Markdown export both use
:func:`order_notes`, so a reader finds them in the same order in both.
No textual, no rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from briefing_tui.model.items import ItemIndex, ItemRef
from briefing_tui.notes.copies import of_briefing
from briefing_tui.notes.note import GENERAL_NOTE, Note
from briefing_tui.textsafe import one_line

#: Kinds in the order their notes come (see the module docstring).
KIND_RANK = {"recommendation": 0, "fact": 1, "section": 2, "event": 3, "source": 4}


@dataclass(frozen=True, slots=True)
class OrderedNotes:
    general: Note | None = None
    #: Notes on items of the briefing, recommendations first (KIND_RANK), each kind in briefing order.
    on_items: list[tuple[ItemRef, Note]] = field(default_factory=list)
    #: Notes whose item is gone, by saved label, then item id.
    orphans: list[Note] = field(default_factory=list)

    def __iter__(self) -> Iterator[Note]:
        """Every note, in this order."""
        if self.general is not None:
            yield self.general
        for _, note in self.on_items:
            yield note
        yield from self.orphans

    def __len__(self) -> int:
        return (self.general is not None) + len(self.on_items) + len(self.orphans)


def orphan_label(note: Note) -> str:
    """What an orphaned note is called: the heading saved with it, else its item id."""
    return one_line(note.item_label) or one_line(note.item_id)


def order_notes(index: ItemIndex, notes: Iterable[Note], *, skip_blank: bool = False) -> OrderedNotes:
    """`notes` of ``index``'s briefing in the one order (see the module docstring).

    Notes of other briefings are left out (a copy's, see notes.copies, are this one's), and so are blank notes when
    `skip_blank` (the export has nothing to say about them).
    """
    briefing_id = index.briefing.meta.id
    general: Note | None = None
    on_items: list[tuple[ItemRef, Note]] = []
    orphans: list[Note] = []
    for note in notes:
        if not of_briefing(note.briefing_id, briefing_id) or (skip_blank and not note.body.strip()):
            continue
        if note.item_id == GENERAL_NOTE:
            general = note
            continue
        ref = index.by_id.get(note.item_id)
        if ref is None:
            orphans.append(note)
        else:
            on_items.append((ref, note))
    on_items.sort(key=lambda pair: (KIND_RANK.get(pair[0].kind, len(KIND_RANK)), pair[0].order))
    orphans.sort(key=lambda note: (orphan_label(note).casefold(), note.item_id))
    return OrderedNotes(general, on_items, orphans)
