"""The library screen: every briefing in a folder, including the ones that fail."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from briefing_tui import keys
from briefing_tui.model.cache import load_briefing_cached
from briefing_tui.model.dates import format_date
from briefing_tui.model.library import LibraryEntry, LibraryScan, library_files
from briefing_tui.model.problems import BriefingError
from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import literal_line, one_line, present
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.safe import notify_safe

#: While files are being read, the table is updated at most this often.
BATCH_SECONDS = 0.1
#: Rows of a reopened library shown before the rest are checked (a screenful).
FIRST_ROWS = 60


#: The columns after the title: (heading, width, right-aligned). Parties
#: gets a quarter of the screen, at most 30 columns (see on_resize).
COLUMNS = [("Parties", 30, False), ("As of", 10, False), ("Events", 7, True), ("Recs", 6, True), ("Notes", 6, True)]
GAP = 2
GAP_TEXT = Content(" " * GAP)


def fit(text: str, width: int, right: bool = False) -> Content:
    """`text` cut (with an ellipsis) or padded to `width` cells."""
    content = Content(text)
    return content.right(width, ellipsis=True) if right else content.truncate(width, ellipsis=True, pad=True)


class LibraryScreen(Screen[None]):
    BINDINGS = keys.LIBRARY

    @dataclass
    class EntriesRead(Message):
        entries: list[LibraryEntry]
        done: int
        total: int
        #: The last message, after files were read behind cached ones: put
        #: the rows back in file order.
        reorder: bool = False
        #: The rest is still being checked against the cache, which is quick:
        #: no progress bar for that.
        checking: bool = False
        #: The scan the entries come from: those of a scan that a reload
        #: replaced are dropped.
        scan: LibraryScan | None = None

    @dataclass
    class Opened(Message):
        path: Path
        briefing: Briefing | None
        error: BriefingError | None

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.entries: dict[str, LibraryEntry] = {}
        #: How many files (that load) have each briefing id, and each title.
        self._ids: Counter[str] = Counter()
        self._titles: Counter[str] = Counter()
        self._title_width = 40
        self._columns = list(COLUMNS)
        self._current_scan: LibraryScan | None = None
        #: Notes per notes id, once read (after the first paint).
        self._counts: dict[str, int] = {}
        #: File path -> the id its notes are kept under (notes.copies), as drawn.
        self._homes: dict[str, str] = {}
        #: The scan whose files sharing a briefing id were told of.
        self._copies_told: LibraryScan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Static("", id="library-columns")
        # A virtual list, not a DataTable: a DataTable measures every cell of
        # every row, about 100 ms for a library of 1,000 (see docs/performance.md).
        yield ItemList(id="library-table")
        yield Static("", id="library-empty", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Briefings"
        resolved = self.folder.resolve()
        self.sub_title = literal_line(resolved.name or str(resolved))
        self.query_one(ItemList).focus()
        self.action_reload()

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width - 1  # the list's scrollbar
        heading, most, right = COLUMNS[0]
        columns = [(heading, min(most, max(14, width // 4)), right), *COLUMNS[1:]]
        title_width = max(16, width - sum(w for _, w, _ in columns) - GAP * len(columns) - 1)
        if title_width != self._title_width or columns != self._columns:
            self._title_width, self._columns = title_width, columns
            self._relayout()

    def _relayout(self) -> None:
        """Headings and rows again, for a new title width."""
        headings = [fit("Title", self._title_width)] + [fit(h, w, right) for h, w, right in self._columns]
        self.query_one("#library-columns", Static).update(
            Content.assemble(" ", GAP_TEXT.join(headings)).stylize("bold")
        )
        table = self.query_one(ItemList)
        current = table.highlighted_id
        # Briefings (and broken ones) by path; other YAML files after them.
        ordered = sorted(self.entries.values(), key=lambda e: (e.not_a_briefing, e.path))
        table.set_options(self._option(entry) for entry in ordered)
        if not (current and table.highlight_id(current)):
            table.action_first()

    def _option(self, entry: LibraryEntry) -> Option:
        return Option(partial(self._row, entry), id=str(entry.path))  # made when drawn

    def _row(self, entry: LibraryEntry) -> Content:
        if entry.not_a_briefing:
            return Content.assemble(
                " ",
                fit(literal_line(self._shown_path(entry)), self._title_width).stylize("$text-muted"),
                GAP_TEXT,
                ("not a briefing (no format: key)", "$text-muted"),
            )
        if not entry.ok:
            count = len(entry.error.problems) if entry.error else 0
            return Content.assemble(
                " ",
                fit(f"⚠ {literal_line(self._shown_path(entry))}", self._title_width).stylize("bold $error"),
                GAP_TEXT,
                (f"does not load: {count} problem{'s' if count != 1 else ''} — Enter for details", "$error"),
            )
        notes = self._note_count(entry)
        cells = [
            one_line(" · ".join(entry.parties)),
            one_line(format_date(entry.as_of)),
            str(entry.events),
            str(entry.recommendations),
            f"✎ {notes}" if notes else "",
        ]
        rest = GAP_TEXT.join(
            fit(cell, width, right) for cell, (_, width, right) in zip(cells, self._columns, strict=True)
        )
        title = Content(one_line(entry.title)).stylize("bold")
        if self._id_shared(entry):  # a copy: which is which, and a warning (first, so a narrow row keeps it)
            title = Content.assemble((f"⚠ ({literal_line(self._shown_path(entry))}) ", "$warning"), title)
        elif self._title_shared(entry):  # two files of one title: which is which
            title = Content.assemble((f"({literal_line(self._shown_path(entry))}) ", "$text-muted"), title)
        return Content.assemble(" ", title.truncate(self._title_width, ellipsis=True, pad=True), GAP_TEXT, rest)

    def _count(self, entry: LibraryEntry | None, by: int) -> None:
        if entry is not None and entry.ok:
            self._ids[entry.briefing_id] += by
            self._titles[entry.title] += by

    def _id_shared(self, entry: LibraryEntry) -> bool:
        return self._ids[entry.briefing_id] > 1

    def _note_count(self, entry: LibraryEntry) -> int:
        """The notes on this file: its briefing id's, or its own where another
        file has the same id (notes.copies); worked out when the row is drawn."""
        if not self._counts:
            return 0
        key = str(entry.path)
        notes_id = self._homes.get(key)
        if notes_id is None:
            from briefing_tui.notes.copies import notes_home

            store = getattr(self.app, "notes", None)
            notes_id = entry.briefing_id
            if store is not None:
                notes_id = notes_home(store, entry.briefing_id, entry.path, record=False).notes_id
            self._homes[key] = notes_id
        return self._counts.get(notes_id, 0)

    def _warn_of_copies(self) -> None:
        """Once a scan is done: files that share a briefing id, said once."""
        by_id: dict[str, list[LibraryEntry]] = {}
        for entry in self.entries.values():
            if entry.ok and self._id_shared(entry):
                by_id.setdefault(entry.briefing_id, []).append(entry)
        shared = list(by_id.values())
        if not shared:
            return
        lines = [
            f"{', '.join(literal_line(self._shown_path(e)) for e in sorted(group, key=lambda e: e.path))} "
            f"(id {literal_line(group[0].briefing_id)})"
            for group in shared
        ]
        notify_safe(
            self,
            "Files with the same briefing id: "
            + "; ".join(lines)
            + ". Each file keeps its own notes; if two are versions of one briefing, open one and choose "
            "'Share notes with the other copies' in the command palette.",
            title="Same briefing id",
            severity="warning",
            timeout=15,
        )

    def _title_shared(self, entry: LibraryEntry) -> bool:
        return self._titles[entry.title] > 1

    def _shown_path(self, entry: LibraryEntry) -> str:
        """The file's path in the library folder (``sub/nested.yaml``)."""
        try:
            return str(entry.path.relative_to(self.folder))
        except ValueError:
            return entry.path.name

    def _read_note_counts(self) -> None:
        """Count the notes per briefing (the notes database opens here, after
        the first paint, as on a briefing screen); the rows then show them.
        Notes that cannot be read leave the column empty: the library lists."""
        from briefing_tui.notes.errors import NotesError

        store = getattr(self.app, "notes", None)
        self._homes.clear()
        try:
            self._counts = store.note_counts() if store is not None else {}
        except NotesError:
            self._counts = {}
        if self._counts and self.entries:
            self._relayout()

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._read_note_counts)  # back from a briefing: its notes may have changed

    def action_reload(self) -> None:
        self.call_after_refresh(self._read_note_counts)
        self.workers.cancel_group(self, "library-scan")
        self._current_scan = None
        self.query_one(ItemList).clear_options()
        self.entries.clear()
        self._ids.clear()
        self._titles.clear()
        self.query_one("#library-empty", Static).display = False
        self.query_one("#library-columns").display = True
        try:
            files = library_files(self.folder)
        except OSError as error:
            self._show_empty(f"Cannot read {literal_line(str(self.folder))}: {error.strerror}")
            return
        if not files:
            self._show_empty(f"No briefings (*.yaml, *.yml) in {literal_line(str(self.folder))}.")
            return
        # The first screenful of a reopened library is checked against the
        # cache here, so it is in the very first frame (a few stats); the rest
        # is checked, and changed files are read, in a worker.
        scan = self._current_scan = LibraryScan(self.folder)
        first: list[LibraryEntry] = []
        for path in files[:FIRST_ROWS]:
            entry = scan.cached(path)
            if entry is None:
                break
            first.append(entry)
        if first:
            self._entries_read(self.EntriesRead(first, len(first), len(files), checking=True, scan=scan))
            # After the first frame: the worker's checks would slow it down.
            self.call_after_refresh(self._scan_if_current, scan, files, len(first))
        else:
            self._scan(scan, files, 0)

    def _scan_if_current(self, scan: LibraryScan, files: list[Path], done: int) -> None:
        if scan is self._current_scan:  # else a reload came first
            self._scan(scan, files, done)

    @work(thread=True, exclusive=True, group="library-scan")
    def _scan(self, scan: LibraryScan, files: list[Path], done: int) -> None:
        """Check files[done:] against the cache, then read those that changed."""
        worker = get_current_worker()
        # Unchanged files come from the cache, in one message.
        cached: list[LibraryEntry] = []
        to_read: list[Path] = []
        for path in files[done:]:
            if worker.is_cancelled:
                return
            entry = scan.cached(path)
            if entry is None:
                to_read.append(path)
                continue
            cached.append(entry)
        done += len(cached)
        if cached:
            self.post_message(self.EntriesRead(cached, done, len(files), scan=scan))
        # Then the files that must be read: the first at once, then a batch
        # every BATCH_SECONDS, one table update each.
        batch: list[LibraryEntry] = []
        last_post = 0.0
        for path in to_read:
            if worker.is_cancelled:
                return
            batch.append(scan.read(path))
            done += 1
            if time.monotonic() - last_post > BATCH_SECONDS or done == len(files):
                reorder = done == len(files) and len(to_read) < len(files)
                self.post_message(self.EntriesRead(batch, done, len(files), reorder, scan=scan))
                batch, last_post = [], time.monotonic()
        scan.save()

    def _show_empty(self, message: str) -> None:
        empty = self.query_one("#library-empty", Static)
        empty.update(Content(present(message)))  # never markup: it names the folder
        empty.display = True
        self.query_one(ProgressBar).display = False
        self.query_one(ItemList).display = False
        self.query_one("#library-columns").display = False

    @on(EntriesRead)
    def _entries_read(self, event: EntriesRead) -> None:
        if event.scan is not self._current_scan:
            return  # from before a reload
        table = self.query_one(ItemList)
        table.display = True
        first = not self.entries
        for entry in event.entries:
            self._count(self.entries.get(str(entry.path)), -1)  # a file read again
            self.entries[str(entry.path)] = entry
            self._count(entry, 1)
        if first or event.reorder or any(entry.not_a_briefing for entry in event.entries):
            self._relayout()  # every row (other YAML files go last); the cursor kept
        else:
            table.add_options(self._option(entry) for entry in event.entries)
        bar = self.query_one(ProgressBar)
        bar.update(total=event.total, progress=event.done)
        bar.display = event.done < event.total and not event.checking
        if event.done == event.total and not event.checking and event.scan is not self._copies_told:
            self._copies_told = event.scan
            self._warn_of_copies()

    @on(ItemList.OptionSelected, "#library-table")
    def _open(self, event: ItemList.OptionSelected) -> None:
        entry = self.entries.get(event.option.id or "")
        if entry is None:
            return
        if entry.error is not None:
            self._show_error(entry.path, entry.error)
        else:
            notify_safe(self, f"Opening {one_line(entry.title)}…", timeout=2)
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
            ErrorScreen(f"{literal_line(path.name)} does not load", [str(problem) for problem in error.problems])
        )
