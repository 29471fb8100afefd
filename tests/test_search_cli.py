"""`briefing-tui search BRIEFING QUERY`: one line per hit, exit 1 on no match."""

from __future__ import annotations

from briefing_tui.notes.store import NoteStore
from tests.conftest import BUNDLED
from tests.test_cli import run_cli


def test_prints_matching_items_recommendations_first(bundled_briefing):
    result = run_cli("search", str(BUNDLED), "sanctions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    kinds = [line.split("\t")[0] for line in lines]
    assert kinds[0] == "Recommendation"
    assert "Timeline" in kinds
    assert kinds.index("Timeline") > max(i for i, k in enumerate(kinds) if k == "Recommendation")
    kind, number, title = lines[0].split("\t")
    rec = next(r for r in bundled_briefing.recommendations if r.title == title)
    assert number == f"{rec.number}."


def test_words_are_joined_and_filters_apply(bundled_briefing):
    result = run_cli("search", str(BUNDLED), "in:events", "year:2008")
    assert result.returncode == 0
    lines = result.stdout.strip().splitlines()
    assert lines and all(line.startswith("Timeline\t") for line in lines)
    assert all("2008" in line.split("\t")[1] for line in lines)


def test_no_match_exits_1():
    result = run_cli("search", str(BUNDLED), "zzyzx")
    assert result.returncode == 1
    assert result.stdout == ""


def test_malformed_query_exits_2_with_the_reason():
    result = run_cli("search", str(BUNDLED), "foo:bar")
    assert result.returncode == 2
    assert "unknown filter 'foo'" in result.stderr


def test_notes_are_searched_with_notes_option(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    with NoteStore(db) as store:
        store.save(
            "belarus-netherlands", bundled_briefing.recommendations[0].id, "call the potash desk", expected_version=0
        )
    result = run_cli("search", str(BUNDLED), "potash desk", "--notes", str(db))
    assert result.returncode == 0
    assert result.stdout.startswith("Note\t")


def test_searching_does_not_create_a_notes_database(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_TUI_NOTES", str(tmp_path / "never.sqlite3"))
    result = run_cli("search", str(BUNDLED), "visa")
    assert result.returncode == 0
    assert not (tmp_path / "never.sqlite3").exists()
