"""The SQLite side of the notes store: opening, settings, schema migrations.

:mod:`briefing_tui.notes.store` is the public API; this module opens
connections for it and turns ``sqlite3``/``OSError`` failures into
:class:`~briefing_tui.notes.errors.NotesUnavailable` with a plain-words reason.

Settings of a read-write connection: WAL journal (``journal_mode`` is kept as
SQLite reports it, since some file systems refuse WAL), ``synchronous=FULL``,
``foreign_keys=ON``, a ``busy_timeout``, autocommit (``isolation_level=None``,
so every write transaction is an explicit ``BEGIN IMMEDIATE``), and
``check_same_thread=False`` (the store guards the connection with a lock).

No textual, no rich.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing_tui.notes.errors import NotesUnavailable

#: Schema migrations, in order: ``MIGRATIONS[n]`` takes a database from
#: ``PRAGMA user_version`` n to n + 1. Only ever append to this list.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # v1: the notes table, keyed by briefing and item id
        """
        CREATE TABLE notes (
            briefing_id TEXT NOT NULL,
            item_id     TEXT NOT NULL,
            body        TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            version     INTEGER NOT NULL CHECK (version >= 1),
            PRIMARY KEY (briefing_id, item_id)
        )
        """,
    ),
    (  # v2: a snapshot of the item's heading, for notes whose item disappears
        "ALTER TABLE notes ADD COLUMN item_label TEXT NOT NULL DEFAULT ''",
    ),
    (  # v3: tombstones (deleted_at set, body erased) so versions are never reused
        "ALTER TABLE notes ADD COLUMN deleted_at TEXT",
    ),
)
#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)

_REASONS = (
    ("SQLITE_FULL", "the disk is full"),
    ("SQLITE_READONLY", "the notes file or its disk is read-only"),
    ("SQLITE_BUSY", "another window kept the notes file busy for too long; try again"),
    ("SQLITE_LOCKED", "another window kept the notes file busy for too long; try again"),
    ("SQLITE_IOERR", "the disk reported an input/output error"),
    ("SQLITE_CORRUPT", "the notes file is damaged"),
    ("SQLITE_NOTADB", "the file is not a notes database"),
    ("SQLITE_CANTOPEN", "the file cannot be opened"),
    ("SQLITE_PERM", "permission denied"),
    ("SQLITE_TOOBIG", "the note is too big"),
)


def reason(exc: BaseException) -> str:
    """A plain-words reason for an sqlite3, Unicode or OS error."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        for prefix, words in _REASONS:
            if name.startswith(prefix):
                return words
        return str(exc) or type(exc).__name__
    if isinstance(exc, UnicodeError):
        return "the text contains characters that cannot be stored (invalid Unicode)"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def to_text(moment: datetime) -> str:
    """A timestamp as stored: ISO 8601 in UTC with microseconds and ``+00:00``.
    A naive datetime is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    """A stored timestamp as an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def columns(version: int) -> str:
    """The select list of a notes row for a database at schema ``version``:
    briefing_id, item_id, body, created_at, updated_at, version, item_label,
    deleted_at (defaults stand in for columns an older schema lacks)."""
    label = "item_label" if version >= 2 else "''"
    deleted = "deleted_at" if version >= 3 else "NULL"
    return (
        f"briefing_id, item_id, body, created_at, updated_at, version, {label} AS item_label, {deleted} AS deleted_at"
    )


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back if a transaction is still open (SQLite rolls back by itself
    after some errors, such as a full disk)."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


@dataclass(frozen=True, slots=True)
class Opened:
    """A configured connection and what was found in the file."""

    conn: sqlite3.Connection
    schema_version: int
    journal_mode: str


def _connect(target: str, *, uri: bool, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        target,
        timeout=busy_timeout,  # sets SQLite's busy_timeout
        isolation_level=None,  # autocommit: every transaction is explicit
        check_same_thread=False,
        uri=uri,
    )


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        raise NotesUnavailable(f"The notes file {path} is damaged ({result}).")


def _migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION` in one transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == SCHEMA_VERSION:
        return version
    if version > SCHEMA_VERSION:
        raise NotesUnavailable(
            f"The notes file {path} was written by a newer version of briefing-tui "
            f"(notes format {version}; this version knows up to {SCHEMA_VERSION}). "
            "Update briefing-tui to edit these notes."
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0 and conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            raise NotesUnavailable(
                f"The file {path} is a database of some other program, not a briefing-tui notes file."
            )
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return SCHEMA_VERSION


def open_read_write(path: Path, busy_timeout: float) -> Opened:
    """Open (creating the file and its folders) and migrate. Raises
    :class:`NotesUnavailable` with a plain-words message on any failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NotesUnavailable(f"Cannot create the folder {path.parent} for the notes file: {reason(exc)}.") from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(str(path), uri=False, busy_timeout=busy_timeout)
        journal_mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        _check_integrity(conn, path)
        version = _migrate(conn, path)
    except NotesUnavailable:
        if conn is not None:
            conn.close()
        raise
    except (sqlite3.Error, OSError) as exc:
        if conn is not None:
            conn.close()
        raise NotesUnavailable(f"Cannot open the notes file {path}: {reason(exc)}.") from exc
    return Opened(conn, version, journal_mode)


def open_read_only(path: Path, busy_timeout: float) -> Opened:
    """Open an existing notes file with ``mode=ro`` and ``query_only``; no
    migration (older schemas are read through :func:`columns`). Raises
    :class:`NotesUnavailable` if there is no file or it cannot be read."""
    if not path.is_file():
        raise NotesUnavailable(f"There is no notes file at {path}.")
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path.resolve().as_uri() + "?mode=ro", uri=True, busy_timeout=busy_timeout)
        conn.execute("PRAGMA query_only = ON")
        _check_integrity(conn, path)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version >= 1:  # can we read the notes table at all?
            conn.execute(f"SELECT {columns(version)} FROM notes LIMIT 1").fetchall()
    except NotesUnavailable:
        if conn is not None:
            conn.close()
        raise
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        if conn is not None:
            conn.close()
        raise NotesUnavailable(f"Cannot open the notes file {path} even read-only: {reason(exc)}.") from exc
    return Opened(conn, version, "read-only")
