"""Overview: the key facts as a table, then the sections of prose."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import Label, Static

from briefing_tui.model.schema import Section
from briefing_tui.textsafe import one_line
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.pane import BriefingPane
from briefing_tui.widgets.render import NOTE_MARK, line, marked

if TYPE_CHECKING:
    from textual.widgets import DataTable


class OverviewPane(BriefingPane):
    """Two lists in one pane: the key facts (a table) and the sections.

    The pane remembers which of the two holds its current item (`_in_sections`),
    set by a jump and by the reader moving the focus; what it shows, reports
    and focuses follows that, not whichever widget happens to have the focus
    at the moment (a jump's focus lands only after the next refresh).
    """

    _in_sections = False

    def compose(self) -> ComposeResult:
        yield Label("Key facts", classes="pane-heading", id="facts-heading")
        yield Label("Sections", classes="pane-heading")
        yield ItemList(id="sections-list")

    def build(self) -> None:
        from briefing_tui.widgets.facts_table import FactsTable

        overview = self.briefing.overview
        table = FactsTable(id="facts-table", cursor_type="row", zebra_stripes=True)
        self.mount(table, after="#facts-heading")
        if overview.facts:
            self._fill_facts()
        else:
            table.display = False
            self.mount(Static("No key facts.", classes="empty"), after=table)
        sections = self.item_list
        if overview.sections:
            sections.set_options(
                Option(partial(self._section_prompt, section), id=section.id) for section in overview.sections
            )
        else:
            sections.display = False
            self.mount(Static("No sections.", classes="empty"))

    @property
    def facts_table(self) -> DataTable:
        from textual.widgets import DataTable  # loaded when the table was made

        return self.query_one("#facts-table", DataTable)

    def _fill_facts(self) -> None:
        """(Re)build the facts table so values wrap within the pane's width."""
        table = self.facts_table
        facts = self.briefing.overview.facts
        width = max(self.size.width, 40) - 3  # cursor and scrollbar
        label_width = min(max(len(one_line(f.label)) for f in facts) + 2, width * 2 // 5)
        value_width = max(width - label_width - 4, 10)  # two columns of padding 1 each side
        row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Fact", key="label", width=label_width)
        table.add_column("Value", key="value", width=value_width)
        for fact in facts:
            table.add_row(self._fact_label(fact.id, fact.label), Text(one_line(fact.value)), key=fact.id, height=None)
        self._facts_width = self.size.width
        if 0 <= row < len(facts):
            table.move_cursor(row=row)

    def on_resize(self) -> None:
        if self.built and self.briefing.overview.facts and self.size.width != getattr(self, "_facts_width", None):
            self._fill_facts()

    def _fact_label(self, fact_id: str, label: str) -> Text:
        return Text(one_line(label) + (NOTE_MARK if fact_id in self.noted else ""), style="bold")

    def _section_prompt(self, section: Section) -> Content:
        return marked(line(section.title), section.id in self.noted)

    def refresh_mark(self, item_id: str) -> None:
        ref = self.index.get(item_id)
        if self.built and ref is not None and ref.kind == "fact":
            self.facts_table.update_cell(item_id, "label", self._fact_label(item_id, ref.title))
        else:
            super().refresh_mark(item_id)

    def select(self, item_id: str) -> bool:
        self.ensure_built()
        ref = self.index.get(item_id)
        if ref is None:
            return False
        if ref.kind == "fact":
            table = self.facts_table
            table.move_cursor(row=table.get_row_index(item_id))
            self._in_sections = False
            return True
        found = self.item_list.highlight_id(item_id)
        if found:
            self._in_sections = True
        return found

    def current_id(self) -> str | None:
        if not self.built:
            return None
        table = self.facts_table
        if not self._in_sections and table.row_count and table.cursor_row >= 0:
            return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return self.item_list.highlighted_id

    def focus_list(self) -> None:
        self.ensure_built()
        table = self.facts_table
        if not table.display:
            self._in_sections = True
        (self.item_list if self._in_sections else table).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.data_table.has_focus:
            self.post_message(self.Highlighted(self, event.row_key.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(self, event.row_key.value))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, ItemList):
            self._in_sections = True
        elif event.widget is self.facts_table:
            self._in_sections = False
        self.post_message(self.Highlighted(self, self.current_id()))
