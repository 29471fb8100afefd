"""`briefing-tui export` without the UI, and notes surviving a SIGKILL."""

from __future__ import annotations

import os
import signal

from markdown_it import MarkdownIt

from briefing_tui.notes.store import NoteStore
from tests.conftest import BUNDLED
from tests.test_cli import run_cli
from tests.test_end_to_end import Terminal

BID = "belarus-netherlands"


def seed_notes(db, bundled_briefing):
    with NoteStore(db) as store:
        store.save(BID, bundled_briefing.recommendations[3].id, "CLI note on rec 4", expected_version=0)
        store.save(BID, "gone-item", "orphan text", expected_version=0, item_label="Old item")


def test_export_to_stdout_is_commonmark_with_the_notes(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    seed_notes(db, bundled_briefing)
    result = run_cli("export", str(BUNDLED), "--notes", str(db))
    assert result.returncode == 0, result.stderr
    tokens = MarkdownIt("commonmark").parse(result.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("Belarus–Netherlands relations")
    assert f"Recommendation 4 — {bundled_briefing.recommendations[3].title}" in headings
    assert "Orphaned notes" in headings
    assert headings.index("Orphaned notes") > headings.index(
        f"Recommendation 4 — {bundled_briefing.recommendations[3].title}"
    )
    assert "CLI note on rec 4" in result.stdout and "orphan text" in result.stdout


def test_export_to_a_file_refuses_to_overwrite_without_force(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    seed_notes(db, bundled_briefing)
    out = tmp_path / "out.md"
    out.write_text("precious", encoding="utf-8")
    result = run_cli("export", str(BUNDLED), "--notes", str(db), "-o", str(out))
    assert result.returncode == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    result = run_cli("export", str(BUNDLED), "--notes", str(db), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert "CLI note on rec 4" in out.read_text(encoding="utf-8")
    names = {p.name for p in tmp_path.iterdir()}
    assert names <= {"notes.sqlite3", "notes.sqlite3-shm", "notes.sqlite3-wal", "out.md"}, "no temp files left"


def test_export_of_a_broken_briefing_exits_2(write_file, tmp_path):
    bad = write_file("- not a briefing\n")
    result = run_cli("export", str(bad), "--notes", str(tmp_path / "n.sqlite3"))
    assert result.returncode == 2
    assert f"{bad}:1:1:" in result.stderr


def test_export_uses_the_environment_notes_path(tmp_path, bundled_briefing, monkeypatch):
    db = tmp_path / "env-notes.sqlite3"
    seed_notes(db, bundled_briefing)
    monkeypatch.setenv("BRIEFING_TUI_NOTES", str(db))
    result = run_cli("export", str(BUNDLED))
    assert "CLI note on rec 4" in result.stdout


def test_sigkill_while_typing_loses_at_most_the_last_second(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    term = Terminal([str(BUNDLED), "--notes", str(db)], tmp_path)
    try:
        term.wait_for(bundled_briefing.recommendations[0].title[:40])
        term.wait_for("Add note (n)")  # the note section is there
        term.press("n")
        term.wait_gone("Add note (n)")  # the editor is open (the button hides)
        term.press("Typed before the crash")
        term.wait_for("Note — saved")  # the autosave has run
        term.press(" and these last words may be lost")
        os.kill(term.child.pid, signal.SIGKILL)
        term.child.wait()
    finally:
        term.child.close(force=True)
    with NoteStore(db) as store:
        note = store.get(BID, bundled_briefing.recommendations[0].id)
    assert note is not None
    assert note.body.startswith("Typed before the crash")
    # Reopen: the note is there, marked in the list.
    term = Terminal([str(BUNDLED), "--notes", str(db)], tmp_path)
    try:
        term.wait_for("Typed before the crash")
        assert "✎" in term.text()
        term.press("q")
    finally:
        term.child.close(force=True)
