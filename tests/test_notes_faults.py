"""Notes files that are damaged, foreign, missing, read-only or in a read-only
folder: the store says so in plain words, never changes a file that is not
its own, shows what it can read, and the commands that only read notes
(``export``, ``search``) never pass off a failure as "no notes".

Real files and real SQLite throughout; a read-only folder is a read-only
tmpfs (``tests/faults.py``), a read-only file a read-only bind mount of it
(or ``chmod`` when not root).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing_tui.notes import db
from briefing_tui.notes.store import NotesReadOnly, NoteStore, NotesUnavailable
from tests.conftest import BUNDLED
from tests.faults import REQUIRED, read_only_folder
from tests.test_cli import run_cli

BID = "belarus-netherlands"
B = "briefing-a"


# ------------------------------------------------------------------ files


def notes_file(path: Path, notes: dict[str, str], briefing_id: str = B) -> Path:
    """A closed notes file holding `notes` (item id -> body)."""
    with NoteStore(path) as store:
        for item_id, body in notes.items():
            store.save(briefing_id, item_id, body, expected_version=0)
    return path


def damaged_file(path: Path) -> Path:
    """A notes file whose notes table's root page is overwritten: SQLite's
    own report of it reads ``Page 2: btreeInitPage() returns error code 11``."""
    notes_file(path, {f"i{n}": "x" * 300 for n in range(40)})
    data = bytearray(path.read_bytes())
    data[4096 : 4096 + 100] = b"\xff" * 100
    path.write_bytes(bytes(data))
    return path


def foreign_file(path: Path, *, user_version: int = 0) -> Path:
    """Another program's SQLite database: a table of its own, journal DELETE."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
    conn.execute("INSERT INTO accounts (owner) VALUES ('someone')")
    if user_version:
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()
    return path


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


@contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """`path` made read-only in its (writable) folder: a read-only bind mount
    of the file as root (permission bits do not stop root), chmod otherwise."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(stat.S_IRUSR | stat.S_IRGRP)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    done = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if REQUIRED:
            pytest.fail(f"fault injection is required but bind mount failed: {done.stderr.strip()}")
        pytest.skip(f"bind mount failed: {done.stderr.strip()}")
    try:
        done = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(path)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            if REQUIRED:
                pytest.fail(f"fault injection is required but read-only remount failed: {done.stderr.strip()}")
            pytest.skip(f"read-only remount failed: {done.stderr.strip()}")
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


# ------------------------------------------------------- the store: damage


def test_damage_is_said_in_plain_words_without_sqlite_internals(tmp_path: Path) -> None:
    target = damaged_file(tmp_path / "notes.sqlite3")
    with pytest.raises(NotesUnavailable) as info:
        NoteStore(target)
    assert "is damaged" in str(info.value) and str(target) in str(info.value)
    store = NoteStore.open(target)
    problem = store.problem or ""
    assert store.read_only and "damaged" in problem and str(target) in problem
    for internal in ("btree", "error code", "***", "Page 2"):
        assert internal not in problem
    store.close()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("SQLITE_FULL", "disk is full"),
        ("SQLITE_READONLY_DBMOVED", "read-only"),
        ("SQLITE_BUSY_SNAPSHOT", "locked by another"),
        ("SQLITE_CORRUPT_INDEX", "damaged"),
        ("SQLITE_NOTADB", "not a notes database"),
    ],
)
def test_sqlite_errors_map_to_plain_words(name: str, words: str) -> None:
    error = sqlite3.OperationalError("some SQLite internal text")
    error.sqlite_errorname = name
    assert words in db.reason(error)
    assert "internal" not in db.reason(error)


# ---------------------------------------------------- the store: foreign


@pytest.mark.parametrize("user_version", [0, 7])
def test_another_programs_database_is_refused_and_left_unchanged(tmp_path: Path, user_version: int) -> None:
    target = foreign_file(tmp_path / "other.db", user_version=user_version)
    before = target.read_bytes()
    with pytest.raises(NotesUnavailable, match="some other program") as info:
        NoteStore(target)
    assert str(target) in str(info.value) and "newer version" not in str(info.value)
    store = NoteStore.open(target)
    assert store.read_only and "some other program" in (store.problem or "")
    assert store.list_notes(B) == []
    store.close()
    with pytest.raises(NotesUnavailable, match="some other program"):
        NoteStore(target, read_only=True)
    assert target.read_bytes() == before
    assert journal_mode(target) == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, no -shm


def test_a_notes_table_of_another_program_is_not_taken_for_ours(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    conn = sqlite3.connect(target)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = target.read_bytes()
    with pytest.raises(NotesUnavailable, match="some other program"):
        NoteStore(target)
    assert target.read_bytes() == before


def test_our_files_carry_our_application_id(tmp_path: Path) -> None:
    target = notes_file(tmp_path / "notes.sqlite3", {"i": "x"})
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID
    conn.close()


# ------------------------------------------------- the store: read-only


def test_a_notes_file_in_a_read_only_folder_is_shown_read_only(tmp_path: Path) -> None:
    source = notes_file(tmp_path / "source.sqlite3", {"i": "kept", "j": "also kept"})
    with read_only_folder(tmp_path / "ro", files={"notes.sqlite3": source.read_bytes()}) as folder:
        target = folder / "notes.sqlite3"
        store = NoteStore.open(target)
        try:
            assert store.read_only
            assert [n.body for n in store.list_notes(B)] == ["kept", "also kept"]
            problem = store.problem or ""
            assert "read-only" in problem and str(folder) in problem and "not available" not in problem
            with pytest.raises(NotesReadOnly, match="read-only"):
                store.save(B, "i", "changed", expected_version=1)
        finally:
            store.close()
        with NoteStore(target, read_only=True) as plain:
            assert plain.get(B, "j").body == "also kept"  # type: ignore[union-attr]
        assert sorted(p.name for p in folder.iterdir()) == ["notes.sqlite3"]


def test_a_read_only_folder_with_the_journal_of_a_crash_shows_its_latest_notes(tmp_path: Path) -> None:
    live = NoteStore(tmp_path / "live.sqlite3")  # still open: the last note is only in the -wal
    try:
        live.save(B, "i", "only in the journal", expected_version=0)
        files = {
            "notes.sqlite3" + suffix: (tmp_path / ("live.sqlite3" + suffix)).read_bytes()
            for suffix in ("", "-wal", "-shm")
        }
    finally:
        live.close()
    for without_shm in (False, True):
        if without_shm:
            del files["notes.sqlite3-shm"]
        with (
            read_only_folder(tmp_path / f"ro-{without_shm}", files=files) as folder,
            NoteStore.open(folder / "notes.sqlite3") as store,
        ):
            assert store.read_only
            assert [n.body for n in store.list_notes(B)] == ["only in the journal"]


def test_a_read_only_file_in_a_writable_folder_is_found_at_open(tmp_path: Path) -> None:
    target = notes_file(tmp_path / "notes.sqlite3", {"i": "kept"})
    with read_only_file(target):
        with pytest.raises(NotesUnavailable, match="read-only"):
            NoteStore(target)
        store = NoteStore.open(target)
        try:
            assert store.read_only, "found at open, not at the first save"
            assert "read-only" in (store.problem or "") and str(target) in (store.problem or "")
            assert store.get(B, "i").body == "kept"  # type: ignore[union-attr]
            with pytest.raises(NotesReadOnly):
                store.save(B, "i", "changed", expected_version=1)
        finally:
            store.close()


def test_a_folder_where_the_notes_file_should_be(tmp_path: Path) -> None:
    target = tmp_path / "notes.sqlite3"
    target.mkdir()
    with pytest.raises(NotesUnavailable, match="is a folder"):
        NoteStore(target)
    with pytest.raises(NotesUnavailable, match="is a folder"):
        NoteStore(target, read_only=True)


# -------------------------------------------------------------- export


def bad_notes(kind: str, path: Path) -> Path:
    if kind == "damaged":
        return damaged_file(path)
    if kind == "not a database":
        path.write_bytes(b"this is not an SQLite file at all\n" * 200)
        return path
    if kind == "another program's":
        return foreign_file(path)
    path.mkdir()
    return path


BAD = {
    "damaged": "damaged",
    "not a database": "not a notes database",
    "another program's": "some other program",
    "a folder": "is a folder",
}


@pytest.mark.parametrize("kind", list(BAD))
def test_export_refuses_notes_it_cannot_read_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    notes = bad_notes(kind, tmp_path / "notes.sqlite3")
    out = tmp_path / "out.md"
    out.write_text("a good earlier export", encoding="utf-8")
    result = run_cli("export", str(BUNDLED), "--notes", str(notes), "-o", str(out), "--force")
    assert result.returncode == 2
    assert BAD[kind] in result.stderr and str(notes) in result.stderr
    assert "btree" not in result.stderr and "exported" not in result.stderr
    assert out.read_text(encoding="utf-8") == "a good earlier export"
    to_stdout = run_cli("export", str(BUNDLED), "--notes", str(notes))
    assert to_stdout.returncode == 2 and to_stdout.stdout == ""
    assert BAD[kind] in to_stdout.stderr


def test_export_with_a_mistyped_notes_path_refuses_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "notse.sqlite3"
    result = run_cli("export", str(BUNDLED), "--notes", str(typo))
    assert result.returncode == 2 and result.stdout == ""
    assert f"no notes file at {typo}" in result.stderr
    assert os.environ["BRIEFING_TUI_NOTES"] in result.stderr  # the default location is named
    assert not typo.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_export_with_no_notes_file_at_the_default_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "data" / "notes.sqlite3"
    monkeypatch.setenv("BRIEFING_TUI_NOTES", str(default))
    result = run_cli("export", str(BUNDLED))
    assert result.returncode == 2
    assert f"no notes file at {default}" in result.stderr
    assert not default.parent.exists()


def test_export_reads_notes_in_a_read_only_folder(tmp_path: Path, bundled_briefing) -> None:
    rec = bundled_briefing.recommendations[0].id
    source = notes_file(tmp_path / "source.sqlite3", {rec: "read from a read-only disk"}, BID)
    with read_only_folder(tmp_path / "ro", files={"notes.sqlite3": source.read_bytes()}) as folder:
        result = run_cli("export", str(BUNDLED), "--notes", str(folder / "notes.sqlite3"))
    assert result.returncode == 0, result.stderr
    assert "read from a read-only disk" in result.stdout


# -------------------------------------------------------------- search


def test_search_says_when_notes_were_not_searched(tmp_path: Path) -> None:
    notes = damaged_file(tmp_path / "notes.sqlite3")
    mixed = run_cli("search", str(BUNDLED), "visa", "--notes", str(notes))
    assert mixed.returncode == 0, mixed.stderr  # the briefing is still searched
    assert mixed.stdout
    assert "notes not searched" in mixed.stderr and "damaged" in mixed.stderr and str(notes) in mixed.stderr
    only_notes = run_cli("search", str(BUNDLED), "in:notes", "visa", "--notes", str(notes))
    assert only_notes.returncode == 2 and only_notes.stdout == ""
    assert "notes not searched" in only_notes.stderr and "damaged" in only_notes.stderr


def test_search_with_a_mistyped_notes_path_refuses_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "notse.sqlite3"
    result = run_cli("search", str(BUNDLED), "visa", "--notes", str(typo))
    assert result.returncode == 2 and result.stdout == ""
    assert f"no notes file at {typo}" in result.stderr
    assert not typo.exists()


def test_search_in_notes_with_no_notes_file_yet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "never.sqlite3"
    monkeypatch.setenv("BRIEFING_TUI_NOTES", str(default))
    result = run_cli("search", str(BUNDLED), "in:notes", "visa")
    assert result.returncode == 1 and result.stdout == ""
    assert f"no notes file at {default}" in result.stderr
    assert not default.exists()


# ------------------------------------------------------------- the app


async def test_the_app_shows_notes_in_a_read_only_folder_and_refuses_edits(tmp_path: Path, bundled_briefing) -> None:
    from briefing_tui.app import make_app
    from briefing_tui.widgets.item_list import ItemList
    from tests.conftest import wait_until
    from tests.test_notes_app import SIZE, type_text, wait_saved

    rec = bundled_briefing.recommendations[0]
    source = notes_file(tmp_path / "source.sqlite3", {rec.id: "written before the disk went read-only"}, BID)
    with read_only_folder(tmp_path / "ro", files={"notes.sqlite3": source.read_bytes()}) as folder:
        app = make_app(briefing=bundled_briefing, path=BUNDLED, notes_path=folder / "notes.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            recs = app.screen.query_one("#recommendations-list", ItemList)
            await wait_until(pilot, lambda: "✎" in str(recs.get_option(rec.id).prompt), "the ✎ marker")
            assert app.notes.read_only
            note_text = str(app.screen.query_one("#note-text").render())
            assert "written before the disk went read-only" in note_text
            status = str(app.screen.query_one("#note-status").render())
            assert "read-only" in status
            await pilot.press("5")
            await pilot.pause()
            listed = app.screen.query_one("#notes-list", ItemList)
            ids = [listed.get_option_at_index(i).id for i in range(listed.option_count)]
            assert rec.id in ids
            await pilot.press("1", "n")
            await pilot.pause()
            await type_text(pilot, " more")
            await wait_saved(pilot)
            assert "NOT SAVED" in str(app.screen.query_one("#note-status").render())
            assert "read-only" in str(app.screen.query_one("#note-status").render())
            await app.action_quit()
        assert (folder / "notes.sqlite3").read_bytes() == source.read_bytes()
