"""The SQLite notes store: round trips, versions and conflicts between two
windows, migrations, settings, failures and the read-only fallback.

Tests run as root in CI, so an unwritable location is simulated with a path
whose parent is a regular file, and a full disk with ``PRAGMA max_page_count``.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing_tui.notes import db
from briefing_tui.notes.store import (
    ENV_VAR,
    GENERAL_NOTE,
    SCHEMA_VERSION,
    Note,
    NoteConflict,
    NotesError,
    NotesReadOnly,
    NoteStore,
    NotesUnavailable,
    NotesWriteError,
    default_notes_path,
)

B = "briefing-a"


class Clock:
    """A clock that moves one second per reading."""

    def __init__(self) -> None:
        self.now = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[NoteStore]:
    with NoteStore(path, clock=Clock()) as s:
        yield s


@pytest.fixture
def two(path: Path) -> Iterator[tuple[NoteStore, NoteStore]]:
    """Two windows on the same file."""
    a, b = NoteStore(path), NoteStore(path)
    yield a, b
    a.close()
    b.close()


# ----------------------------------------------------------------- basics


def test_default_notes_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine.db"))
    assert default_notes_path() == tmp_path / "mine.db"
    monkeypatch.setenv(ENV_VAR, "~/x.db")
    assert default_notes_path() == Path.home() / "x.db"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    import platformdirs

    expected = Path(platformdirs.user_data_dir("briefing-tui")) / "notes.sqlite3"
    assert default_notes_path() == expected
    monkeypatch.setenv(ENV_VAR, "")
    assert default_notes_path() == expected


def test_creates_parent_folders(path: Path) -> None:
    assert not path.parent.exists()
    with NoteStore(path) as s:
        assert path.is_file()
        assert not s.read_only and s.problem is None
        assert s.schema_version == SCHEMA_VERSION


def test_create_get_list_update_delete(store: NoteStore) -> None:
    assert store.get(B, "rec-1") is None
    assert store.list_notes(B) == []
    first = store.save(B, "rec-1", "first", expected_version=0, item_label="Recommendation 1 — X")
    assert first is not None
    assert (first.briefing_id, first.item_id, first.body, first.version) == (B, "rec-1", "first", 1)
    assert first.item_label == "Recommendation 1 — X"
    assert first.created_at == first.updated_at
    assert store.get(B, "rec-1") == first

    second = store.save(B, "rec-1", "second", expected_version=1)
    assert second is not None and second.version == 2
    assert second.created_at == first.created_at and second.updated_at > first.updated_at
    assert second.item_label == "Recommendation 1 — X"  # an empty label keeps the old one
    assert store.get(B, "rec-1") == second

    deleted = store.delete(B, "rec-1", expected_version=2)
    assert deleted == second
    assert store.get(B, "rec-1") is None
    assert store.list_notes(B) == []
    assert store.delete(B, "rec-1", expected_version=0) is None


def test_timestamps_are_aware_utc(path: Path) -> None:
    with NoteStore(path) as s:
        saved = s.save(B, "x", "body", expected_version=None)
        assert saved is not None
        for moment in (saved.created_at, saved.updated_at):
            assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
        assert abs(datetime.now(UTC) - saved.created_at) < timedelta(minutes=1)
        assert s.get(B, "x") == saved


def test_general_note_and_listing(store: NoteStore) -> None:
    store.save(B, "rec-2", "two", expected_version=0)
    store.save(B, GENERAL_NOTE, "general", expected_version=0)
    store.save(B, "fact-1", "fact", expected_version=0)
    store.save("other", "rec-2", "elsewhere", expected_version=0)
    store.save(B, "gone", "x", expected_version=0)
    store.delete(B, "gone", expected_version=1)
    notes = store.list_notes(B)
    assert [n.item_id for n in notes] == ["", "fact-1", "rec-2"]
    assert notes[0].is_general and not notes[1].is_general
    assert [n.body for n in store.list_notes("other")] == ["elsewhere"]


@pytest.mark.parametrize(
    "body",
    [
        "plain",
        "unicode: Беларусь — Nederland ✓ 🇳🇱 e\u0301 עברית 中文",
        "trailing spaces   \nand tabs\t\t",
        "crlf\r\nlines\r\n",
        "lone\rcarriage",
        "# heading\n\n```\ncode\n```\n",
        "control \x1b[31mred\x1b[0m \x07 \x00 nul \x7f \x9b",
        "  leading and trailing blank lines  \n\n\n",
        "x" * 200_000,
    ],
)
def test_body_round_trips_exactly(store: NoteStore, path: Path, body: str) -> None:
    saved = store.save(B, "item", body, expected_version=0)
    assert saved is not None and saved.body == body
    assert store.get(B, "item").body == body  # type: ignore[union-attr]
    with NoteStore(path) as other:
        assert other.get(B, "item").body == body  # type: ignore[union-attr]


def test_invalid_unicode_is_a_plain_write_error(store: NoteStore) -> None:
    with pytest.raises(NotesWriteError, match="invalid Unicode"):
        store.save(B, "item", "bad \ud800 surrogate", expected_version=0)
    assert store.get(B, "item") is None


def test_versions_increment_and_are_not_reused_after_delete(store: NoteStore) -> None:
    for version in range(1, 6):
        saved = store.save(B, "i", f"v{version}", expected_version=version - 1)
        assert saved is not None and saved.version == version
    original = store.get(B, "i")
    store.delete(B, "i", expected_version=5)
    again = store.save(B, "i", "new", expected_version=0)
    assert again is not None and again.version == 7  # 6 was the deletion
    assert original is not None and again.created_at > original.created_at  # a new note


def test_save_without_change_writes_nothing(store: NoteStore) -> None:
    first = store.save(B, "i", "same", expected_version=0, item_label="L")
    assert store.save(B, "i", "same", expected_version=1) == first
    assert store.save(B, "i", "same", expected_version=1, item_label="L") == first
    relabelled = store.save(B, "i", "same", expected_version=1, item_label="New label")
    assert relabelled is not None and relabelled.version == 2 and relabelled.item_label == "New label"


@pytest.mark.parametrize("blank", ["", "   ", "\n\t \r\n"])
def test_blank_body_deletes(store: NoteStore, blank: str) -> None:
    store.save(B, "i", "text", expected_version=0)
    assert store.save(B, "i", blank, expected_version=1) is None
    assert store.get(B, "i") is None
    # No note and a blank body: nothing happens.
    assert store.save(B, "j", blank, expected_version=0) is None
    assert store.get(B, "j") is None


def test_blank_body_is_version_checked(store: NoteStore) -> None:
    store.save(B, "i", "one", expected_version=0)
    store.save(B, "i", "two", expected_version=1)
    with pytest.raises(NoteConflict):
        store.save(B, "i", "", expected_version=1)
    assert store.get(B, "i").body == "two"  # type: ignore[union-attr]


def test_undo_delete_by_saving_back(store: NoteStore) -> None:
    store.save(B, "i", "keep me", expected_version=0, item_label="Label")
    deleted = store.delete(B, "i", expected_version=1)
    assert deleted is not None
    restored = store.save(B, "i", deleted.body, expected_version=0, item_label=deleted.item_label)
    assert restored is not None
    assert (restored.body, restored.item_label) == ("keep me", "Label")


# -------------------------------------------------------- two windows


def test_conflict_when_the_other_window_saved_first(two: tuple[NoteStore, NoteStore]) -> None:
    a, b = two
    a.save(B, "i", "from A", expected_version=0)
    seen_by_b = b.get(B, "i")
    assert seen_by_b is not None and seen_by_b.body == "from A"
    b.save(B, "i", "from B", expected_version=seen_by_b.version)
    with pytest.raises(NoteConflict) as info:
        a.save(B, "i", "A again", expected_version=1)
    assert isinstance(info.value, NotesError)
    assert info.value.current is not None and info.value.current.body == "from B"
    assert info.value.current.version == 2 and info.value.expected_version == 1
    assert "another window" in str(info.value)
    assert a.get(B, "i").body == "from B"  # type: ignore[union-attr]
    # The other way round.
    a.save(B, "i", "A with the right version", expected_version=2)
    with pytest.raises(NoteConflict):
        b.save(B, "i", "B stale", expected_version=2)
    assert b.get(B, "i").body == "A with the right version"  # type: ignore[union-attr]


def test_conflict_when_both_create(two: tuple[NoteStore, NoteStore]) -> None:
    a, b = two
    a.save(B, "i", "A was first", expected_version=0)
    with pytest.raises(NoteConflict) as info:
        b.save(B, "i", "B thought it was new", expected_version=None)
    assert info.value.current is not None and info.value.current.body == "A was first"
    assert info.value.expected_version == 0


def test_conflict_when_the_other_window_deleted(two: tuple[NoteStore, NoteStore]) -> None:
    a, b = two
    a.save(B, "i", "text", expected_version=0)
    assert b.delete(B, "i", expected_version=1) is not None
    with pytest.raises(NoteConflict) as info:
        a.save(B, "i", "edited", expected_version=1)
    assert info.value.current is None
    assert "deleted in another window" in str(info.value)
    assert a.get(B, "i") is None


def test_delete_conflict(two: tuple[NoteStore, NoteStore]) -> None:
    a, b = two
    a.save(B, "i", "one", expected_version=0)
    b.save(B, "i", "two", expected_version=1)
    with pytest.raises(NoteConflict) as info:
        a.delete(B, "i", expected_version=1)
    assert info.value.current is not None and info.value.current.body == "two"
    assert b.get(B, "i").body == "two"  # type: ignore[union-attr]
    with pytest.raises(NoteConflict):
        a.delete(B, "nothing-here", expected_version=3)


def test_deleted_and_recreated_elsewhere_is_a_conflict(two: tuple[NoteStore, NoteStore]) -> None:
    """A window holding version 1 must not overwrite a note deleted and
    written anew (also "version 1" if versions restarted) in another window."""
    a, b = two
    a.save(B, "i", "original", expected_version=0)
    b.delete(B, "i", expected_version=1)
    recreated = b.save(B, "i", "B's new note", expected_version=0)
    assert recreated is not None and recreated.version != 1
    with pytest.raises(NoteConflict):
        a.save(B, "i", "A's stale edit", expected_version=1)
    assert a.get(B, "i").body == "B's new note"  # type: ignore[union-attr]


def test_two_threads_two_stores_lose_no_update(path: Path) -> None:
    """Each thread appends to a counter note, re-reading on conflict."""
    rounds = 40
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with NoteStore(path) as s:
                done = 0
                while done < rounds:
                    current = s.get(B, "counter")
                    value = int(current.body) if current else 0
                    try:
                        seen = current.version if current else 0
                        s.save(B, "counter", str(value + 1), expected_version=seen)
                    except NoteConflict:
                        continue
                    done += 1
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    NoteStore(path).close()  # create and migrate once
    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    with NoteStore(path) as s:
        final = s.get(B, "counter")
    assert final is not None and final.body == str(2 * rounds) and final.version == 2 * rounds


def test_one_store_shared_by_threads(store: NoteStore) -> None:
    def worker(n: int) -> None:
        for i in range(25):
            store.save(B, f"t{n}-{i}", f"note {n} {i}", expected_version=0)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(store.list_notes(B)) == 100


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_saved_note_survives_sigkill(path: Path) -> None:
    """save() returns only after the commit: killing the process right after
    loses nothing."""
    code = (
        "import sys, time\n"
        "from briefing_tui.notes.store import NoteStore\n"
        "s = NoteStore(sys.argv[1])\n"
        "for i in range(20):\n"
        "    s.save('b', f'i{i}', f'body {i}', expected_version=0)\n"
        "print('saved', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with NoteStore(path) as s:
        assert [n.body for n in s.list_notes("b")] == sorted(f"body {i}" for i in range(20))


# ------------------------------------------------------- settings, schema


def test_pragmas_are_set(store: NoteStore) -> None:
    conn = store._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.journal_mode == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_every_write_is_its_own_immediate_transaction(store: NoteStore) -> None:
    statements: list[str] = []
    assert store._conn is not None
    store._conn.set_trace_callback(statements.append)
    store.save(B, "i", "one", expected_version=0)
    store.save(B, "i", "", expected_version=1)
    store.save(B, "i", "two", expected_version=0)
    store.delete(B, "i", expected_version=3)
    store._conn.set_trace_callback(None)
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"] * 4
    assert statements.count("COMMIT") == 4


V1_SCHEMA = """
CREATE TABLE notes (
    briefing_id TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    PRIMARY KEY (briefing_id, item_id)
)
"""


def make_v1_database(path: Path) -> None:
    """A notes file as the first version of the code wrote it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(V1_SCHEMA)
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?, ?)",
        [
            (B, "", "general v1", "2023-01-01T10:00:00.000000+00:00", "2023-01-02T10:00:00.000000+00:00", 3),
            (B, "rec-1", "rec note\r\n# kept", "2023-01-01T11:00:00+00:00", "2023-01-01T11:00:00+00:00", 1),
        ],
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_migrates_a_v1_database_and_keeps_its_notes(path: Path) -> None:
    make_v1_database(path)
    with NoteStore(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        notes = s.list_notes(B)
        assert [(n.item_id, n.body, n.version, n.item_label) for n in notes] == [
            ("", "general v1", 3, ""),
            ("rec-1", "rec note\r\n# kept", 1, ""),
        ]
        assert notes[0].updated_at == datetime(2023, 1, 2, 10, tzinfo=UTC)
        saved = s.save(B, "rec-1", "edited", expected_version=1, item_label="Recommendation 1 — A")
        assert saved is not None and saved.version == 2 and saved.item_label == "Recommendation 1 — A"
        assert s.delete(B, "", expected_version=3) is not None
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    columns = [row[1] for row in conn.execute("PRAGMA table_info(notes)")]
    assert columns[-2:] == ["item_label", "deleted_at"]
    conn.close()
    with NoteStore(path) as again:  # opening a migrated file changes nothing
        assert [n.body for n in again.list_notes(B)] == ["edited"]


def test_migrates_a_v2_database(path: Path) -> None:
    make_v1_database(path)
    conn = sqlite3.connect(path)
    for statement in db.MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("UPDATE notes SET item_label = 'Rec one' WHERE item_id = 'rec-1'")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with NoteStore(path) as s:
        assert s.get(B, "rec-1").item_label == "Rec one"  # type: ignore[union-attr]


def test_migrations_are_an_ordered_list() -> None:
    assert SCHEMA_VERSION == len(db.MIGRATIONS) >= 2
    assert all(isinstance(step, tuple) and step for step in db.MIGRATIONS)


def test_reads_an_old_database_read_only_without_migrating(path: Path) -> None:
    make_v1_database(path)
    with NoteStore(path, read_only=True) as s:
        assert s.read_only and s.schema_version == 1
        assert [n.body for n in s.list_notes(B)] == ["general v1", "rec note\r\n# kept"]
        with pytest.raises(NotesReadOnly):
            s.save(B, "rec-1", "x", expected_version=1)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


# ----------------------------------------------------- failures, fallback


def test_unwritable_location(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "notes.sqlite3"
    with pytest.raises(NotesUnavailable) as info:
        NoteStore(target)
    assert "Cannot create the folder" in str(info.value) and str(blocker) in str(info.value)
    s = NoteStore.open(target)
    assert s.read_only and s.problem is not None
    assert "Cannot create the folder" in s.problem and "not available" in s.problem
    assert s.list_notes(B) == [] and s.get(B, "x") is None
    with pytest.raises(NotesReadOnly) as write_info:
        s.save(B, "x", "text", expected_version=0)
    assert isinstance(write_info.value, NotesWriteError)
    assert "read-only" in str(write_info.value)
    with pytest.raises(NotesReadOnly):
        s.delete(B, "x", expected_version=1)
    s.close()


def test_not_a_database(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite3"
    junk = b"this is not an SQLite file at all\n" * 200
    target.write_bytes(junk)
    with pytest.raises(NotesUnavailable, match="not a notes database"):
        NoteStore(target)
    s = NoteStore.open(target)
    assert s.read_only and s.list_notes(B) == []
    assert "not a notes database" in (s.problem or "")
    assert target.read_bytes() == junk  # never clobbered


def test_database_of_another_program(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(NotesUnavailable, match="some other program"):
        NoteStore(target)
    conn = sqlite3.connect(target)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["accounts"]
    conn.close()


def test_newer_schema_falls_back_to_read_only(path: Path) -> None:
    with NoteStore(path) as s:
        s.save(B, "i", "written by the future", expected_version=0)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE notes ADD COLUMN future TEXT")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(NotesUnavailable, match="newer version"):
        NoteStore(path)
    s = NoteStore.open(path)
    assert s.read_only and "newer version" in (s.problem or "") and "read-only" in (s.problem or "")
    assert s.get(B, "i").body == "written by the future"  # type: ignore[union-attr]
    with pytest.raises(NotesReadOnly):
        s.save(B, "i", "x", expected_version=1)
    s.close()


def test_open_falls_back_to_read_only_when_read_write_fails(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with NoteStore(path) as s:
        s.save(B, "i", "readable", expected_version=0)

    def refuse(path: Path, busy_timeout: float) -> db.Opened:
        raise NotesUnavailable(f"Cannot open the notes file {path}: the disk is read-only.")

    monkeypatch.setattr(db, "open_read_write", refuse)
    s = NoteStore.open(path)
    assert s.read_only and s.journal_mode == "read-only"
    assert s.problem == (
        f"Cannot open the notes file {path}: the disk is read-only. Notes are read-only in this session."
    )
    assert [n.body for n in s.list_notes(B)] == ["readable"]
    s.close()


def test_open_returns_a_working_store_when_all_is_well(path: Path) -> None:
    with NoteStore.open(path) as s:
        assert not s.read_only and s.problem is None
        assert s.save(B, "i", "x", expected_version=0) is not None


def test_disk_full_raises_a_write_error_and_loses_nothing(store: NoteStore, path: Path) -> None:
    store.save(B, GENERAL_NOTE, "general", expected_version=0)
    store.save(B, "small", "small note", expected_version=0)
    conn = store._conn  # test hook: cap the file at its current size
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")

    with pytest.raises(NotesWriteError) as info:
        store.save(B, "big", "x" * 500_000, expected_version=0)
    message = str(info.value)
    assert "disk is full" in message and "Nothing was changed" in message
    assert isinstance(info.value.__cause__, sqlite3.Error)
    with pytest.raises(NotesWriteError, match="disk is full"):
        store.save(B, "small", "y" * 500_000, expected_version=1)

    assert store.get(B, "big") is None
    assert store.get(B, "small").body == "small note"  # type: ignore[union-attr]
    assert store.get(B, "small").version == 1  # type: ignore[union-attr]
    with NoteStore(path) as other:
        assert [n.body for n in other.list_notes(B)] == ["general", "small note"]
    # Once there is room again, the store works as before.
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert store.save(B, "big", "x" * 500_000, expected_version=0) is not None


def test_busy_for_too_long_is_a_write_error(path: Path) -> None:
    with NoteStore(path) as holder, NoteStore(path, busy_timeout=0.2) as waiter:
        holder.save(B, "i", "kept", expected_version=0)
        assert holder._conn is not None
        holder._conn.execute("BEGIN IMMEDIATE")  # another window mid-write
        try:
            with pytest.raises(NotesWriteError, match="busy"):
                waiter.save(B, "i", "waited", expected_version=1)
            assert waiter.get(B, "i").body == "kept"  # type: ignore[union-attr]
        finally:
            holder._conn.execute("ROLLBACK")
        assert waiter.save(B, "i", "now it works", expected_version=1) is not None


def test_closed_store(path: Path) -> None:
    s = NoteStore(path)
    s.close()
    s.close()
    with pytest.raises(NotesUnavailable, match="closed"):
        s.get(B, "i")
    with pytest.raises(NotesUnavailable, match="closed"):
        s.save(B, "i", "x", expected_version=0)


def test_errors_are_plain_words(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing read is a NotesUnavailable, never an sqlite3 error."""
    with NoteStore(path) as s:
        s.save(B, "i", "x", expected_version=0)
        assert s._conn is not None
        s._conn.execute("UPDATE notes SET created_at = 'not a date'")
        with pytest.raises(NotesUnavailable, match="Cannot read the notes file"):
            s.list_notes(B)


def test_note_is_frozen() -> None:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    n = Note(B, "i", "body", when, when, 1)
    assert n.item_label == ""
    with pytest.raises(AttributeError):
        n.body = "changed"  # type: ignore[misc]
