"""The key facts table of the Overview pane (imported when the pane is first shown)."""

from __future__ import annotations

from textual.widgets import DataTable

from briefing_tui import keys


class FactsTable(DataTable):
    BINDINGS = keys.LIST
