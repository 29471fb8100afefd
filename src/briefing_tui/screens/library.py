"""The library screen: every briefing in a folder, including the ones that fail."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from briefing_tui import keys
from briefing_tui.model.dates import format_date
from briefing_tui.model.library import LibraryEntry, LibraryScan, library_files
from briefing_tui.model.cache import load_briefing_cached
from briefing_tui.model.loader import BriefingError
from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import one_line


class LibraryTable(DataTable):
    """The library's table, moved with the same keys as every list."""

    BINDINGS = keys.LIST

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def action_select(self) -> None:
        self.action_select_cursor()


class LibraryScreen(Screen[None]):
    BINDINGS = keys.LIBRARY

    @dataclass
    class EntryRead(Message):
        entry: LibraryEntry
        done: int
        total: int

    @dataclass
    class Opened(Message):
        path: Path
        briefing: Briefing | None
        error: BriefingError | None

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.entries: dict[str, LibraryEntry] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="library-progress", show_eta=False)
        yield LibraryTable(id="library-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Briefings"
        self.sub_title = one_line(self.folder.name or str(self.folder))
        table = self.query_one(LibraryTable)
        table.add_column("Title", key="title")
        table.add_column("Parties", key="parties")
        table.add_column("As of", key="as_of")
        table.add_column("Events", key="events")
        table.add_column("Recs", key="recs")
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one(LibraryTable).clear()
        self.entries.clear()
        self.query_one("#library-empty", Static).display = False
        self._scan()

    @work(thread=True, exclusive=True, group="library-scan")
    def _scan(self) -> None:
        worker = get_current_worker()
        try:
            files = library_files(self.folder)
        except OSError as error:
            files = []
            self.app.call_from_thread(self._show_empty, f"Cannot read {self.folder}: {error.strerror}")
            return
        if not files:
            self.app.call_from_thread(self._show_empty, f"No briefings (*.yaml, *.yml) in {self.folder}.")
            return
        scan = LibraryScan(self.folder)  # unchanged files come from the cache: instant
        for done, path in enumerate(files, 1):
            if worker.is_cancelled:
                return
            entry = scan.cached(path) or scan.read(path)
            self.post_message(self.EntryRead(entry, done, len(files)))
        scan.save()

    def _show_empty(self, message: str) -> None:
        empty = self.query_one("#library-empty", Static)
        empty.update(one_line(message))
        empty.display = True
        self.query_one(ProgressBar).display = False
        self.query_one(LibraryTable).display = False

    @on(EntryRead)
    def _entry_read(self, event: EntryRead) -> None:
        entry = event.entry
        key = str(entry.path)
        self.entries[key] = entry
        table = self.query_one(LibraryTable)
        table.display = True
        if entry.ok:
            cells = (
                Text(one_line(entry.title), style="bold"),
                Text(" · ".join(one_line(p) for p in entry.parties)),
                Text(one_line(format_date(entry.as_of))),
                Text(str(entry.events), justify="right"),
                Text(str(entry.recommendations), justify="right"),
            )
        else:
            count = len(entry.error.problems) if entry.error else 0
            cells = (
                Text(f"⚠ {one_line(entry.path.name)}", style="bold red"),
                Text(f"does not load: {count} problem{'s' if count != 1 else ''} — Enter for details", style="red"),
                Text(""),
                Text(""),
                Text(""),
            )
        table.add_row(*cells, key=key)
        bar = self.query_one(ProgressBar)
        bar.update(total=event.total, progress=event.done)
        bar.display = event.done < event.total

    @on(DataTable.RowSelected, "#library-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        entry = self.entries.get(str(event.row_key.value))
        if entry is None:
            return
        if entry.error is not None:
            self._show_error(entry.path, entry.error)
        else:
            self.notify(f"Opening {one_line(entry.title)}…", markup=False, timeout=2)
            self._load(entry.path)

    @work(thread=True, exclusive=True, group="library-open")
    def _load(self, path: Path) -> None:
        try:
            self.post_message(self.Opened(path, load_briefing_cached(path), None))
        except BriefingError as error:
            self.post_message(self.Opened(path, None, error))

    @on(Opened)
    def _opened(self, event: Opened) -> None:
        if event.briefing is None:
            assert event.error is not None
            self._show_error(event.path, event.error)
            return
        from briefing_tui.screens.briefing import BriefingScreen

        self.app.push_screen(BriefingScreen(event.briefing, event.path, can_go_back=True))

    def _show_error(self, path: Path, error: BriefingError) -> None:
        from briefing_tui.screens.error import ErrorScreen

        self.app.push_screen(
            ErrorScreen(f"{path.name} does not load", [str(problem) for problem in error.problems])
        )
