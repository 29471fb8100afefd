"""Notes: every note of this briefing in briefing order, orphaned notes last."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from briefing_tui import keys
from briefing_tui.model.items import ItemIndex
from briefing_tui.notes.note import GENERAL_NOTE
from briefing_tui.notes.order import order_notes, orphan_label
from briefing_tui.textsafe import one_line
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.pane import BriefingPane

if TYPE_CHECKING:
    from briefing_tui.notes.note import Note

GENERAL_ID = "note:general"
ORPHAN_PREFIX = "orphan:"


def note_option_id(item_id: str, orphan: bool) -> str:
    if item_id == GENERAL_NOTE:
        return GENERAL_ID
    return ORPHAN_PREFIX + item_id if orphan else item_id


def _first_line(body: str) -> str:
    for text in body.splitlines():
        if text.strip():
            return one_line(text)[:80]
    return ""


class NotesPane(BriefingPane):
    """Built from the notes the screen hands it; rebuilt when they change."""

    def __init__(self, index: ItemIndex, *, id: str, noted: set[str] | None = None) -> None:
        super().__init__(index, id=id, noted=noted)
        self.notes: list[Note] = []
        self.orphans: dict[str, Note] = {}
        self._given: list[Note] = []

    def compose(self) -> ComposeResult:
        yield ItemList(id="notes-list")
        key = keys.shown_key("note-edit", getattr(self.app, "keymap", None) or {})
        yield Static(
            f"No notes yet. Select any item and press {key} (or click Add note) to write one; "
            "Enter on General note writes a note on the whole briefing.",
            id="notes-empty",
            classes="empty",
        )

    def set_notes(self, notes: Iterable[Note]) -> None:
        """All notes of the briefing (any order): shown in the order of
        :func:`~briefing_tui.notes.order.order_notes`, the export's."""
        self._given = list(notes)
        ordered = order_notes(self.index, self._given)
        self.notes = list(ordered)
        self.orphans = {note.item_id: note for note in ordered.orphans}
        if self.built:
            self.build()

    def completed(self) -> None:
        self.set_notes(self._given)  # a note on an event is no orphan now

    def build(self) -> None:
        item_list = self.item_list
        current = item_list.highlighted_id
        options: list[Option] = []
        orphan_heading = False
        for note in self.notes:
            orphan = note.item_id in self.orphans
            if orphan and not orphan_heading:
                orphan_heading = True
                options.append(
                    Option(
                        Content.styled("── Orphaned notes (their items are gone from the briefing) ──", "bold"),
                        id="heading:orphans",
                        disabled=True,
                    )
                )
            options.append(Option(self._prompt(note, orphan), id=note_option_id(note.item_id, orphan)))
        if not any(note.item_id == GENERAL_NOTE for note in self.notes):
            # Always a way to start the general note, before there is one (last,
            # so that the pane opens on a note when there is one).
            options.append(Option(self._no_general_note(), id=GENERAL_ID))
        item_list.set_options(options)
        self.query_one("#notes-empty", Static).display = not self.notes
        if not (current and item_list.highlight_id(current)):
            item_list.action_first()

    def _no_general_note(self) -> Content:
        return Content.assemble(
            ("  ", ""),
            ("General note", "bold"),
            ("\n  none yet: Enter writes a note on the whole briefing", "dim"),
        )

    def _prompt(self, note: Note, orphan: bool) -> Content:
        if note.item_id == GENERAL_NOTE:
            heading = "General note"
        elif orphan:
            heading = orphan_label(note)
        else:
            ref = self.index.get(note.item_id)
            heading = one_line(ref.heading) if ref else note.item_id
        when = note.updated_at.astimezone().strftime("%d %b %Y %H:%M")
        # The time first on its line, so that a narrow pane cuts the note's
        # text, never the time.
        return Content.assemble(
            ("✎ ", "bold"),
            (heading, "bold"),
            "\n  ",
            (f"edited {when} · ", "dim"),
            (_first_line(note.body), ""),
        )
