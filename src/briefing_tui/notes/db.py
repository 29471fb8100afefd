"""The SQLite side of the notes store: opening, settings, schema migrations.

:mod:`briefing_tui.notes.store` is the public API; this module opens
connections for it and turns ``sqlite3``/``OSError`` failures into
:class:`~briefing_tui.notes.errors.NotesUnavailable` with a plain-words reason.

Settings of a read-write connection: WAL journal (``journal_mode`` is kept as
SQLite reports it, since some file systems refuse WAL), ``synchronous=FULL``,
``foreign_keys=ON``, a ``busy_timeout``, autocommit (``isolation_level=None``,
so every write transaction is an explicit ``BEGIN IMMEDIATE``), and
``check_same_thread=False`` (the store guards the connection with a lock).
Before a read-write connection touches an existing file, a read-only one
checks that it is an undamaged briefing-tui notes file (:func:`_identify`):
nothing that is not ours is ever switched to WAL or migrated.

No textual, no rich.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
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
    (  # v4: which file's notes are which, where two files share a briefing id (notes.copies)
        """
        CREATE TABLE briefing_files (
            path        TEXT PRIMARY KEY,
            briefing_id TEXT NOT NULL,
            notes_id    TEXT NOT NULL
        )
        """,
    ),
)
#: The schema version this code writes.
SCHEMA_VERSION = len(MIGRATIONS)

#: A briefing-tui notes file says so in its header (``PRAGMA application_id``,
#: "BrTN"); files made before it was set carry 0 and are known by their table.
APPLICATION_ID = 0x4272544E

_BUSY = "the notes file is locked by another window or program (busy for too long); try again"
_REASONS = (
    ("SQLITE_FULL", "the disk is full"),
    ("SQLITE_READONLY", "the notes file or its disk is read-only"),
    ("SQLITE_BUSY", _BUSY),
    ("SQLITE_LOCKED", _BUSY),
    ("SQLITE_IOERR", "the disk reported an input/output error"),
    ("SQLITE_CORRUPT", "the notes file is damaged"),
    ("SQLITE_NOTADB", "the file is not a notes database"),
    ("SQLITE_CANTOPEN", "the file cannot be opened"),
    ("SQLITE_PERM", "permission denied"),
    ("SQLITE_AUTH", "permission denied"),
    ("SQLITE_TOOBIG", "the note is too big"),
    ("SQLITE_NOMEM", "there is not enough memory"),
    ("SQLITE_PROTOCOL", _BUSY),
)


def reason(exc: BaseException) -> str:
    """A plain-words reason for an sqlite3, Unicode or OS error. SQLite's own
    text goes in parentheses at the end, and only when its code is unknown."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        for prefix, words in _REASONS:
            if name.startswith(prefix):
                return words
        detail = str(exc) or name or type(exc).__name__
        return f"the notes database reported an error ({detail})"
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
    #: A private copy read instead of the file (see :func:`open_read_only`):
    #: the store removes this folder when it closes.
    copy_dir: Path | None = None


def _connect(target: str, *, uri: bool, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(
        target,
        timeout=busy_timeout,  # sets SQLite's busy_timeout
        isolation_level=None,  # autocommit: every transaction is explicit
        check_same_thread=False,
        uri=uri,
    )


def _close(conn: sqlite3.Connection | None, copy_dir: Path | None = None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass
    if copy_dir is not None:
        shutil.rmtree(copy_dir, ignore_errors=True)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if result != "ok":
        # SQLite's report ("Page 2: btreeInitPage() returns error code 11")
        # means nothing to a reader: it is kept as the detail, out of the message.
        raise NotesUnavailable(f"The notes file {path} is damaged.", detail=str(result))


def _folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK | os.X_OK)


def _not_a_file(path: Path) -> NotesUnavailable:
    return NotesUnavailable(f"{path} is a folder, not a notes file.")


def _foreign(path: Path) -> NotesUnavailable:
    return NotesUnavailable(
        f"The file {path} is a database of some other program, not a briefing-tui notes file; it was left unchanged."
    )


def _newer(path: Path, version: int) -> NotesUnavailable:
    return NotesUnavailable(
        f"The notes file {path} was written by a newer version of briefing-tui "
        f"(notes format {version}; this version knows up to {SCHEMA_VERSION}). "
        "Update briefing-tui to edit these notes."
    )


#: Columns every version of the notes table has had.
_NOTES_COLUMNS = frozenset(("briefing_id", "item_id", "body", "created_at", "updated_at", "version"))


def _identify(conn: sqlite3.Connection, path: Path) -> int:
    """The notes format of the database (``PRAGMA user_version``; 0 for an
    empty database, ours to set up). Reads only. Raises
    :class:`NotesUnavailable` for a database of another program: another
    ``application_id``, tables of its own, or a ``notes`` table not ours."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise _foreign(path)
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if not objects and version == 0:
        return 0
    if version == 0 or ("table", "notes") not in objects:
        raise _foreign(path)
    columns = {str(row[1]) for row in conn.execute("PRAGMA table_info(notes)")}
    if not columns >= _NOTES_COLUMNS:
        raise _foreign(path)
    return version


def _migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION` (and mark the file as
    ours with :data:`APPLICATION_ID`) in one transaction."""
    version = _identify(conn, path)
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if version == SCHEMA_VERSION and app_id == APPLICATION_ID:
        return version
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while we waited for the lock.
        version = _identify(conn, path)
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return SCHEMA_VERSION


def _inspect(path: Path, busy_timeout: float) -> None:
    """Check an existing file in a read-only connection before anything
    writes to it: damaged, another program's or of a newer format raise
    :class:`NotesUnavailable`, and the file is left exactly as it was (a
    read-write connection would switch it to WAL first)."""
    opened = open_read_only(path, busy_timeout)
    try:
        if opened.schema_version > SCHEMA_VERSION:
            raise _newer(path, opened.schema_version)
    finally:
        _close(opened.conn, opened.copy_dir)


def open_read_write(path: Path, busy_timeout: float) -> Opened:
    """Open (creating the file and its folders) and migrate. An existing file
    is checked read-only first (:func:`_inspect`), and a file or folder that
    cannot be written is refused here rather than at the first save. Raises
    :class:`NotesUnavailable` with a plain-words message on any failure."""
    if path.is_dir():
        raise _not_a_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NotesUnavailable(f"Cannot create the folder {path.parent} for the notes file: {reason(exc)}.") from exc
    if not _folder_writable(path):
        raise NotesUnavailable(f"The notes file {path} cannot be written: its folder {path.parent} is read-only.")
    exists = path.exists()
    if exists and not os.access(path, os.W_OK):
        raise NotesUnavailable(f"The notes file {path} is read-only: it can be read but not written.")
    try:
        if exists and path.stat().st_size > 0:
            _inspect(path, busy_timeout)
    except OSError as exc:
        raise NotesUnavailable(f"Cannot open the notes file {path}: {reason(exc)}.") from exc
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(str(path), uri=False, busy_timeout=busy_timeout)
        journal_mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        version = _migrate(conn, path)
    except NotesUnavailable:
        _close(conn)
        raise
    except (sqlite3.Error, OSError) as exc:
        _close(conn)
        raise NotesUnavailable(f"Cannot open the notes file {path}: {reason(exc)}.") from exc
    return Opened(conn, version, journal_mode)


def _read_target(path: Path) -> tuple[str, Path | None]:
    """The URI to read `path` through without writing anything, and the
    private copy's folder if one was made.

    In a writable folder, ``mode=ro``. A WAL database needs its ``-shm``
    file, which SQLite cannot create in a read-only folder
    (https://www.sqlite.org/wal.html, "Read-Only Databases"), so there: with
    no journal waiting (``-wal`` absent or empty), ``immutable=1``, which
    reads the file as it stands; with a journal and its ``-shm``, ``mode=ro``
    (SQLite reads both as they are); with a journal but no ``-shm``, a
    private copy of the file and its journal in the temp folder, read with
    ``mode=ro`` there, so that no note still in the journal is left out.
    (``immutable=1`` assumes nobody writes the file meanwhile: true of a
    read-only disk, the usual reason a folder cannot be written.)
    """
    uri = path.resolve().as_uri()
    if _folder_writable(path):
        return uri + "?mode=ro", None
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if not wal.is_file() or wal.stat().st_size == 0:
        return uri + "?mode=ro&immutable=1", None
    if shm.is_file():
        return uri + "?mode=ro", None
    copy_dir = Path(tempfile.mkdtemp(prefix="briefing-tui-notes-"))
    try:
        copy = copy_dir / "notes.sqlite3"
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy_dir / "notes.sqlite3-wal")
    except BaseException:
        shutil.rmtree(copy_dir, ignore_errors=True)
        raise
    return copy.as_uri() + "?mode=ro", copy_dir


def open_read_only(path: Path, busy_timeout: float) -> Opened:
    """Open an existing notes file read-only (see :func:`_read_target`) with
    ``query_only``; nothing is written to it, and no migration (older schemas
    are read through :func:`columns`). Raises :class:`NotesUnavailable` if
    there is no file, it cannot be read, is damaged or is another program's."""
    if path.is_dir():
        raise _not_a_file(path)
    if not path.is_file():
        raise NotesUnavailable(f"There is no notes file at {path}.")
    if not os.access(path, os.R_OK):
        raise NotesUnavailable(f"The notes file {path} cannot be read: permission denied.")
    conn: sqlite3.Connection | None = None
    copy_dir: Path | None = None
    try:
        target, copy_dir = _read_target(path)
        conn = _connect(target, uri=True, busy_timeout=busy_timeout)
        conn.execute("PRAGMA query_only = ON")
        _check_integrity(conn, path)
        version = _identify(conn, path)
        if version >= 1:  # can we read the notes table at all?
            conn.execute(f"SELECT {columns(version)} FROM notes LIMIT 1").fetchall()
    except NotesUnavailable:
        _close(conn, copy_dir)
        raise
    except (sqlite3.Error, OSError, RuntimeError) as exc:
        _close(conn, copy_dir)
        raise NotesUnavailable(f"Cannot read the notes file {path}: {reason(exc)}.") from exc
    return Opened(conn, version, "read-only", copy_dir)
