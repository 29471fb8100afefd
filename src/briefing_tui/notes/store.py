"""Notes on briefings, kept in an SQLite file (stdlib ``sqlite3``).

A note belongs to one briefing and one item of it, keyed by
``(briefing_id, item_id)`` -- never by position, so notes survive edits that
reorder a briefing. ``item_id == GENERAL_NOTE`` (``""``) is the one general note
on the briefing itself.

Design
------
* **Timestamps** are timezone-aware UTC :class:`~datetime.datetime` objects on
  :class:`Note`, stored as ISO 8601 text with microseconds and ``+00:00``.
* **Bodies** are stored exactly as given, byte for byte (CRLF, trailing spaces,
  control characters and all). Sanitising is the export's and the UI's job.
* **Versions**: every save that changes something increments ``version``; a
  save that changes nothing (same body, same label) writes nothing and returns
  the stored note. Deleting leaves a *tombstone* row (body erased) whose
  version is incremented too, and a note written again later continues from
  there: a version number is never reused for a key, so a window holding
  "version 3" cannot overwrite a note that was deleted and re-created in
  another window meanwhile.
* **Optimistic concurrency**: ``save`` and ``delete`` take the version the
  caller last saw (``0``/``None`` = "I believe there is no note"). If the
  stored note has another version (or exists when the caller believes it does
  not, or is gone), :class:`NoteConflict` is raised carrying the current note
  (or None) and nothing is written.
* **Durability**: WAL journal, ``synchronous=FULL``, and every write is its own
  ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction, committed before ``save``
  or ``delete`` returns.
* **Threads**: one connection per store, opened with
  ``check_same_thread=False`` and guarded by a lock: a store may be used from
  the UI thread and worker threads alike.
* **Schema**: versioned with ``PRAGMA user_version`` and migrated forward on
  open by the ordered list :data:`briefing_tui.notes.db.MIGRATIONS`.
* **Not ours, not touched**: an existing file is first checked in a
  read-only connection (damage, ``PRAGMA application_id``, ``user_version``
  and the ``notes`` table); a database of another program, a damaged file or
  one of a newer format is refused before anything writes to it (no switch
  to WAL, no migration). Files this code writes carry
  :data:`briefing_tui.notes.db.APPLICATION_ID`.
* **Failures**: ``NoteStore(path)`` raises :class:`NotesUnavailable` when the
  file cannot be opened read-write -- a read-only file or folder is found
  here, not at the first save. ``NoteStore(path, read_only=True)`` never
  creates or changes a file: ``mode=ro``, and ``immutable=1`` in a folder
  that cannot be written (SQLite could not make its ``-shm`` file there).
  ``NoteStore.open(path)`` never raises: it falls back to a read-only store
  on the same file (the notes are shown, edits refused), and if even that
  fails (no file, not a database, damaged, another program's) to an *empty*
  read-only store; either way ``.read_only`` is True and ``.problem`` says
  why in plain words. Writes on a read-only store raise
  :class:`NotesReadOnly` (a :class:`NotesWriteError`). No ``sqlite3``
  exception escapes: failed writes raise :class:`NotesWriteError`, failed
  reads :class:`NotesUnavailable`; SQLite's own words stay out of messages.

No textual, no rich.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from briefing_tui.notes import db
from briefing_tui.notes.db import MIGRATIONS, SCHEMA_VERSION
from briefing_tui.notes.errors import (
    NoteConflict,
    NotesError,
    NotesReadOnly,
    NotesUnavailable,
    NotesWriteError,
)
from briefing_tui.notes.note import GENERAL_NOTE, Note

__all__ = [
    "DEFAULT_BUSY_TIMEOUT",
    "ENV_VAR",
    "GENERAL_NOTE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Note",
    "NoteConflict",
    "NoteStore",
    "NotesError",
    "NotesReadOnly",
    "NotesUnavailable",
    "NotesWriteError",
    "default_notes_path",
]

#: Environment variable naming the notes file; overrides the platform default.
ENV_VAR = "BRIEFING_TUI_NOTES"
#: How long a write waits for another window's write to finish, in seconds.
DEFAULT_BUSY_TIMEOUT = 5.0


def default_notes_path() -> Path:
    """``$BRIEFING_TUI_NOTES`` if set and not empty, else
    ``<user data dir>/briefing-tui/notes.sqlite3`` (platformdirs)."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing-tui")) / "notes.sqlite3"


#: A change made inside a write transaction: (connection, stored row or None,
#: live note or None, timestamp text) -> the note to return.
_Change = Callable[[sqlite3.Connection, "tuple | None", "Note | None", str], "Note | None"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class NoteStore:
    """Notes in one SQLite file. See the module docstring for the guarantees.

    ``NoteStore(path)`` opens read-write, creating the file and its folders and
    migrating the schema; it raises :class:`NotesUnavailable` if it cannot.
    ``NoteStore(path, read_only=True)`` opens an existing file read-only.
    Prefer :meth:`open`, which degrades to read-only instead of raising.
    """

    path: Path
    #: True when writes are refused (see :meth:`open`).
    read_only: bool
    #: Why the store is read-only, in plain words; None when all is well.
    problem: str | None
    #: The schema version of the file (0 for an empty read-only store).
    schema_version: int
    #: "wal" normally; what SQLite gave if the file system refuses WAL.
    journal_mode: str
    #: None once closed, and in an empty read-only store.
    _conn: sqlite3.Connection | None
    #: A private copy being read instead of the file (see db.open_read_only).
    _copy_dir: Path | None

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        clock: Callable[[], datetime] | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> None:
        self._setup(path, read_only, clock, busy_timeout)
        opener = db.open_read_only if read_only else db.open_read_write
        opened = opener(self.path, busy_timeout)
        self._conn = opened.conn
        self._copy_dir = opened.copy_dir
        self.schema_version = opened.schema_version
        self.journal_mode = opened.journal_mode

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Callable[[], datetime] | None = None,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> NoteStore:
        """Open read-write; failing that, read-only; failing that, an empty
        read-only store. Never raises :class:`NotesUnavailable`: check
        ``.read_only`` and show ``.problem`` to the user."""
        try:
            return cls(path, clock=clock, busy_timeout=busy_timeout)
        except NotesUnavailable as rw_error:
            problem = str(rw_error)
        try:
            store = cls(path, read_only=True, clock=clock, busy_timeout=busy_timeout)
        except NotesUnavailable:
            return cls.unavailable(path, problem + " Notes are not available in this session.")
        store.problem = problem + " Notes are read-only in this session."
        return store

    def _setup(
        self,
        path: str | os.PathLike[str],
        read_only: bool,
        clock: Callable[[], datetime] | None,
        busy_timeout: float,
    ) -> None:
        """Every attribute, before (or without) a connection."""
        self.path = Path(path)
        self.read_only = read_only
        self.problem = None
        self.schema_version = 0
        self.journal_mode = ""
        self._clock = clock or _utc_now
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()
        self._conn = None
        self._copy_dir = None
        self._closed = False

    @classmethod
    def unavailable(cls, path: str | os.PathLike[str], problem: str) -> NoteStore:
        """An empty read-only store with no file behind it."""
        store = cls.__new__(cls)
        store._setup(path, True, None, DEFAULT_BUSY_TIMEOUT)
        store.problem = problem
        return store

    @staticmethod
    def _row_note(row: tuple) -> Note | None:
        """The live note of a row (see :func:`db.columns`), or None for a tombstone."""
        if row[7] is not None:
            return None
        return Note(
            briefing_id=row[0],
            item_id=row[1],
            body=row[2],
            created_at=db.from_text(row[3]),
            updated_at=db.from_text(row[4]),
            version=int(row[5]),
            item_label=row[6] or "",
        )

    def _now(self) -> str:
        return db.to_text(self._clock())

    def _check_open(self) -> None:
        if self._closed:
            raise NotesUnavailable(f"The notes file {self.path} has been closed.")

    def _read(self, sql: str, params: tuple) -> list[Note]:
        """Live notes selected by ``sql`` (with ``{columns}`` to fill in)."""
        with self._lock:
            self._check_open()
            if self._conn is None or self.schema_version < 1:
                return []
            try:
                rows = self._conn.execute(sql.format(columns=db.columns(self.schema_version)), params).fetchall()
                return [note for note in map(self._row_note, rows) if note is not None]
            except (sqlite3.Error, ValueError, TypeError) as exc:
                raise NotesUnavailable(f"Cannot read the notes file {self.path}: {db.reason(exc)}.") from exc

    def _writable(self) -> sqlite3.Connection:
        self._check_open()
        if self.read_only or self._conn is None:
            raise NotesReadOnly(
                f"Notes are read-only: {self.problem or 'the notes file was opened read-only.'}",
                self.problem,
            )
        return self._conn

    # ---------------------------------------------------------------- reading

    def get(self, briefing_id: str, item_id: str) -> Note | None:
        """The note on one item (``GENERAL_NOTE`` for the briefing), or None."""
        notes = self._read(
            "SELECT {columns} FROM notes WHERE briefing_id = ? AND item_id = ?",
            (briefing_id, item_id),
        )
        return notes[0] if notes else None

    def note_counts(self) -> dict[str, int]:
        """Briefing id -> how many notes with text it has (for the library)."""
        counts: dict[str, int] = {}
        for note in self._read("SELECT {columns} FROM notes", ()):
            if note.body.strip():
                counts[note.briefing_id] = counts.get(note.briefing_id, 0) + 1
        return counts

    def list_notes(self, briefing_id: str) -> list[Note]:
        """Every note on a briefing, ordered by item id (the general note first)."""
        return self._read(
            "SELECT {columns} FROM notes WHERE briefing_id = ? ORDER BY item_id",
            (briefing_id,),
        )

    def briefing_files(self, briefing_id: str) -> dict[str, str]:
        """The files recorded as having briefing id `briefing_id`: path -> the
        id their notes are kept under (see :mod:`briefing_tui.notes.copies`)."""
        with self._lock:
            self._check_open()
            if self._conn is None or self.schema_version < 4:
                return {}
            try:
                rows = self._conn.execute(
                    "SELECT path, notes_id FROM briefing_files WHERE briefing_id = ?", (briefing_id,)
                ).fetchall()
            except sqlite3.Error as exc:
                raise NotesUnavailable(f"Cannot read the notes file {self.path}: {db.reason(exc)}.") from exc
            return {str(path): str(notes_id) for path, notes_id in rows}

    def record_briefing_file(self, path: str, briefing_id: str, notes_id: str) -> None:
        """Keep the notes of the file at `path` under `notes_id` from now on."""
        with self._lock:
            conn = self._writable()
            try:
                with conn:
                    conn.execute(
                        "INSERT INTO briefing_files (path, briefing_id, notes_id) VALUES (?, ?, ?) "
                        "ON CONFLICT (path) DO UPDATE SET briefing_id = excluded.briefing_id, "
                        "notes_id = excluded.notes_id",
                        (path, briefing_id, notes_id),
                    )
            except sqlite3.Error as exc:
                raise NotesWriteError(f"Cannot write to the notes file {self.path}: {db.reason(exc)}.") from exc

    # ---------------------------------------------------------------- writing

    def save(
        self,
        briefing_id: str,
        item_id: str,
        body: str,
        *,
        expected_version: int | None,
        item_label: str = "",
    ) -> Note | None:
        """Store ``body`` as the note on ``(briefing_id, item_id)``.

        ``expected_version`` is the version the caller last saw (0 or None: no
        note). Returns the stored note, or None when ``body`` is empty or
        white space only, which deletes the note. An empty ``item_label`` keeps
        the label already stored.

        Raises :class:`NoteConflict` (nothing written) if the stored version
        differs, :class:`NotesWriteError` if the write fails (nothing written),
        :class:`NotesReadOnly` on a read-only store.
        """

        def change(conn: sqlite3.Connection, row: tuple | None, current: Note | None, now: str) -> Note | None:
            if not body.strip():
                if current is not None:
                    self._tombstone(conn, current, now)
                return None
            stamp = db.from_text(now)
            if current is not None:
                label = item_label or current.item_label
                if body == current.body and label == current.item_label:
                    return current  # nothing to change
                version, created = current.version + 1, current.created_at
                conn.execute(
                    "UPDATE notes SET body = ?, updated_at = ?, version = ?, item_label = ? "
                    "WHERE briefing_id = ? AND item_id = ?",
                    (body, now, version, label, briefing_id, item_id),
                )
            elif row is not None:  # a tombstone: carry on from its version
                version, label, created = int(row[5]) + 1, item_label, stamp
                conn.execute(
                    "UPDATE notes SET body = ?, created_at = ?, updated_at = ?, version = ?, "
                    "item_label = ?, deleted_at = NULL WHERE briefing_id = ? AND item_id = ?",
                    (body, now, now, version, label, briefing_id, item_id),
                )
            else:
                version, label, created = 1, item_label, stamp
                conn.execute(
                    "INSERT INTO notes (briefing_id, item_id, body, created_at, updated_at, "
                    "version, item_label) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (briefing_id, item_id, body, now, now, version, label),
                )
            return Note(briefing_id, item_id, body, created, stamp, version, label)

        return self._write("save", briefing_id, item_id, expected_version, change)

    def delete(self, briefing_id: str, item_id: str, *, expected_version: int | None) -> Note | None:
        """Delete the note; return it as it was (save its body back with
        ``expected_version=0`` to undo), or None if there was no note.

        Raises :class:`NoteConflict` if the stored version is not
        ``expected_version`` (nothing written), :class:`NotesWriteError` if the
        write fails, :class:`NotesReadOnly` on a read-only store.
        """

        def change(conn: sqlite3.Connection, row: tuple | None, current: Note | None, now: str) -> Note | None:
            if current is not None:
                self._tombstone(conn, current, now)
            return current

        return self._write("delete", briefing_id, item_id, expected_version, change)

    def _write(
        self,
        verb: str,
        briefing_id: str,
        item_id: str,
        expected_version: int | None,
        change: _Change,
    ) -> Note | None:
        """Check the version and run ``change`` in one ``BEGIN IMMEDIATE``
        transaction, committed before returning; roll back on any failure."""
        expected = expected_version or 0
        now = self._now()
        with self._lock:
            conn = self._writable()
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    row = conn.execute(
                        f"SELECT {db.columns(SCHEMA_VERSION)} FROM notes WHERE briefing_id = ? AND item_id = ?",
                        (briefing_id, item_id),
                    ).fetchone()
                    current = self._row_note(row) if row else None
                    if (current.version if current else 0) != expected:
                        raise NoteConflict(current, expected)
                    result = change(conn, row, current, now)
                    conn.execute("COMMIT")
                except BaseException:
                    db.rollback(conn)
                    raise
            except (sqlite3.Error, UnicodeError, ValueError) as exc:
                raise NotesWriteError(f"Could not {verb} the note: {db.reason(exc)}. Nothing was changed.") from exc
        return result

    @staticmethod
    def _tombstone(conn: sqlite3.Connection, note: Note, now: str) -> None:
        """Mark a note deleted: erase its body, bump its version."""
        conn.execute(
            "UPDATE notes SET body = '', updated_at = ?, deleted_at = ?, version = ? "
            "WHERE briefing_id = ? AND item_id = ?",
            (now, now, note.version + 1, note.briefing_id, note.item_id),
        )

    # ---------------------------------------------------------------- closing

    def close(self) -> None:
        """Close the connection. Safe to call twice."""
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass
                self._conn = None
            if self._copy_dir is not None:
                shutil.rmtree(self._copy_dir, ignore_errors=True)
                self._copy_dir = None
            self._closed = True

    def __enter__(self) -> NoteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"NoteStore({str(self.path)!r}, {mode})"
