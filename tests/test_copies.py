"""Two files with one briefing id (issue 14, defect 16): a draft copy beside the
original keeps its own notes, the reader is warned, and can say the two are
versions of one briefing, which joins their notes. Real files, a real store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing_tui.app import make_app
from briefing_tui.model.loader import load_briefing
from briefing_tui.notes.copies import APART, file_key, notes_home, share_notes
from briefing_tui.notes.store import NoteStore
from tests.conftest import MINIMAL, run_palette, wait_until
from tests.test_notes_app import type_text, wait_saved

BID = "mini"
REC = "rec-one"


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The original, a draft copy beside it, and the notes file."""
    folder = tmp_path / "desk"
    folder.mkdir()
    original, draft = folder / "original.yaml", folder / "draft.yaml"
    original.write_text(MINIMAL, encoding="utf-8")
    draft.write_text(MINIMAL, encoding="utf-8")
    return original, draft, tmp_path / "notes.sqlite3"


def noted_both(store: NoteStore, original: Path, draft: Path) -> str:
    """The original recorded first with a note on REC, then the draft with its
    own: the draft's notes id."""
    notes_home(store, BID, original, record=True)
    store.save(BID, REC, "from the original", expected_version=0)
    apart = notes_home(store, BID, draft, record=True).notes_id
    store.save(apart, REC, "from the draft", expected_version=0)
    return apart


def test_a_copy_keeps_its_notes_apart_until_the_reader_shares_them(copies):
    original, draft, notes = copies
    with NoteStore(notes) as store:
        assert notes_home(store, BID, original, record=True).notes_id == BID, "the first file keeps the id"
        store.save(BID, REC, "from the original", expected_version=0)
        home = notes_home(store, BID, draft, record=True)
        assert home.notes_id.startswith(BID + APART) and home.apart
        assert home.others == (file_key(original),)
        assert store.list_notes(home.notes_id) == [], "the original's note is not the draft's"
        store.save(home.notes_id, REC, "from the draft", expected_version=0)
        store.save(home.notes_id, "rec-two", "only in the draft", expected_version=0)
        # The original, opened again, is warned of the draft and keeps its notes.
        again = notes_home(store, BID, original, record=True)
        assert again.notes_id == BID and again.apart and again.others == (file_key(draft),)
        assert [note.body for note in store.list_notes(BID)] == ["from the original"]

        assert share_notes(store, BID, draft) == 2
        bodies = {note.item_id: note.body for note in store.list_notes(BID)}
        assert "from the original" in bodies[REC] and "from the draft" in bodies[REC], "both texts kept"
        assert bodies["rec-two"] == "only in the draft"
        assert store.list_notes(home.notes_id) == []
        shared = notes_home(store, BID, draft, record=True)
        assert shared.notes_id == BID and not shared.apart, "versions now: one set of notes, no warning"


def test_a_moved_briefing_keeps_its_notes_and_old_notes_go_to_the_first_file_opened(copies, tmp_path):
    original, draft, notes = copies
    with NoteStore(notes) as store:
        store.save(BID, REC, "written before files were recorded", expected_version=0)
        assert notes_home(store, BID, draft, record=True).notes_id == BID, "notes from before: the first file's"
        moved = tmp_path / "moved.yaml"
        shutil.move(draft, moved)
        assert notes_home(store, BID, moved, record=True).notes_id == BID, "the file moved: its notes follow"
        # The original is a second file with the id while the moved one exists.
        assert notes_home(store, BID, original, record=True).notes_id != BID


def test_the_command_line_reads_a_copys_own_notes_and_changes_nothing(copies, capsys):
    from briefing_tui.cli import main

    original, draft, notes = copies
    with NoteStore(notes) as store:
        noted_both(store, original, draft)
    before = notes.read_bytes()
    assert main(["export", str(draft), "--notes", str(notes)]) == 0
    out = capsys.readouterr().out
    assert "from the draft" in out and "from the original" not in out
    assert main(["search", str(original), "in:notes", "from", "--notes", str(notes)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1, out
    assert notes.read_bytes() == before, "read only"


def notes_pane_text(app) -> str:
    from briefing_tui.widgets.item_list import ItemList

    table = app.screen.query_one("#notes-list", ItemList)
    return " ".join(str(table.get_option_at_index(i).prompt) for i in range(table.option_count))


async def test_the_app_warns_of_a_copy_keeps_its_notes_apart_and_shares_them_when_asked(copies):
    original, draft, notes = copies
    with NoteStore(notes) as store:
        notes_home(store, BID, original, record=True)
        store.save(BID, REC, "from the original", expected_version=0)
    app = make_app(briefing=load_briefing(draft), path=draft, notes_path=notes)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        keeper = app.screen.keeper
        await wait_until(pilot, lambda: keeper.loaded, "the notes read")
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Another file has this briefing's id (mini): original.yaml" in said
        assert "kept apart" in said and "Share notes with the other copies" in said
        assert keeper.notes == {}, "the original's note is not shown on the draft"
        await pilot.press("n")  # the first recommendation is rec-one
        await type_text(pilot, "from the draft")
        await wait_saved(pilot)
        await pilot.press("escape")
        await pilot.press("5")  # the Notes pane lists the draft's own note
        await wait_until(pilot, lambda: "from the draft" in notes_pane_text(app), "the draft's note listed")
        assert "from the original" not in notes_pane_text(app)
        await run_palette(pilot, "share notes")
        await wait_until(pilot, lambda: REC in keeper.notes and "original" in keeper.notes[REC].body, "shared")
        assert "from the draft" in keeper.notes[REC].body
        assert not app.screen.check_action("share_notes", ()), "nothing more to share"
    with NoteStore(notes) as store:
        assert notes_home(store, BID, draft, record=False).notes_id == BID


async def test_the_library_marks_files_that_share_an_id_and_counts_each_ones_notes(copies, monkeypatch, tmp_path):
    from briefing_tui.widgets.item_list import ItemList

    original, draft, notes = copies
    with NoteStore(notes) as store:
        notes_home(store, BID, original, record=True)
        store.save(BID, REC, "from the original", expected_version=0)
        notes_home(store, BID, draft, record=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = make_app(library=original.parent, notes_path=notes)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        table = app.screen.query_one("#library-table", ItemList)
        await wait_until(pilot, lambda: table.option_count == 2, "two rows")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: app._notifications, "a warning")
        await pilot.pause()
        rows = {str(table.get_option_at_index(i).prompt) for i in range(table.option_count)}
        (draft_row,) = [row for row in rows if "(draft.yaml)" in row]
        (original_row,) = [row for row in rows if "(original.yaml)" in row]
        assert "⚠" in draft_row and "⚠" in original_row
        assert "✎ 1" in original_row and "✎" not in draft_row, "each file's own notes"
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Files with the same briefing id: draft.yaml, original.yaml (id mini)" in said


def test_no_copy_s_notes_are_left_where_no_file_shows_them(copies, tmp_path):
    """Review finding: a copy renamed, a copy moved over the original, the
    original deleted: every note stays reachable from a file that is there."""
    original, draft, notes = copies
    with NoteStore(notes) as store:
        apart = noted_both(store, original, draft)

        renamed = draft.with_name("draft-v2.yaml")
        shutil.move(draft, renamed)
        assert notes_home(store, BID, renamed, record=True).notes_id == apart, "a renamed copy keeps its notes"

        shutil.move(renamed, original)  # the draft replaces the original
        home = notes_home(store, BID, original, record=True)
        assert home.notes_id == BID and home.stranded == (apart,), "the draft's notes are offered, not hidden"
        share_notes(store, BID, original)
        body = store.get(BID, REC).body
        assert "from the original" in body and "from the draft" in body
        assert notes_home(store, BID, original, record=True).stranded == ()


def test_the_original_deleted_its_notes_come_to_the_copy_when_shared(copies):
    original, draft, notes = copies
    with NoteStore(notes) as store:
        notes_home(store, BID, original, record=True)
        store.save(BID, REC, "from the original", expected_version=0)
        apart = notes_home(store, BID, draft, record=True).notes_id
        store.save(apart, "rec-two", "from the draft", expected_version=0)
        original.unlink()
        home = notes_home(store, BID, draft, record=True)
        assert home.notes_id == apart and home.stranded == (BID,), "the original's notes are offered"
        assert share_notes(store, BID, draft) == 1
        assert {n.item_id: n.body for n in store.list_notes(BID)} == {
            REC: "from the original",
            "rec-two": "from the draft",
        }


def test_one_file_by_another_name_is_not_a_copy(copies, tmp_path):
    original, _, notes = copies
    link = tmp_path / "hard-link.yaml"
    os.link(original, link)
    with NoteStore(notes) as store:
        notes_home(store, BID, original, record=True)
        store.save(BID, REC, "from the original", expected_version=0)
        home = notes_home(store, BID, link, record=True)
        assert home.notes_id == BID and not home.apart, "the same file: the same notes"
