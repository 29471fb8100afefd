"""The recovery file: whole or not at all, in the first place with room, gone
once its notes are saved; on real full filesystems (tests/faults.py)."""

from __future__ import annotations

from briefing_tui.notes.recovery import Recovery
from tests.faults import full_folder, read_only_folder

LONG = "precious words " * 2000  # 30 kB: more than a nearly full disk takes


def test_a_kept_note_is_on_disk_at_once_and_whole(tmp_path):
    recovery = Recovery([tmp_path / "data"])
    path = recovery.keep("b", "rec-1", "Recommendation 1 — Title", "first\nsecond line")
    assert path is not None and path.parent == tmp_path / "data"
    text = path.read_text(encoding="utf-8")
    assert "## b / rec-1 — Recommendation 1 — Title" in text and "first\nsecond line" in text
    recovery.keep("b", "", "the briefing (general note)", LONG)
    assert recovery.path == path
    assert LONG in path.read_text(encoding="utf-8"), "the file is rewritten whole"
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary file left"


def test_a_full_disk_moves_the_file_to_the_next_place(tmp_path):
    with full_folder(tmp_path / "full") as full:
        recovery = Recovery([full, tmp_path / "briefings"])
        path = recovery.keep("b", "rec-1", "label", LONG)
        assert path is not None and path.parent == tmp_path / "briefings"
        assert LONG in path.read_text(encoding="utf-8")
        assert not [p for p in full.iterdir() if not p.name.startswith(".f")], "nothing half-written left"


def test_a_nearly_full_disk_never_holds_a_cut_file(tmp_path):
    with full_folder(tmp_path / "small", size_kib=64) as small:
        filler = small / ".filler-0"  # make 8 KiB of room: a heading fits, the note does not
        filler.write_bytes(filler.read_bytes()[:-8192])
        for inode in list(small.glob(".f[0-9]*"))[:5]:
            inode.unlink()
        recovery = Recovery([small, tmp_path / "home"])
        path = recovery.keep("b", "rec-1", "label", LONG)
        assert path is not None and path.parent == tmp_path / "home"
        assert LONG in path.read_text(encoding="utf-8")
        assert not list(small.glob("briefing-tui-unsaved-*")), "no cut copy where it did not fit"


def test_nowhere_to_write_says_so_and_keeps_the_text_for_stderr(tmp_path):
    with full_folder(tmp_path / "a") as a, read_only_folder(tmp_path / "b") as b:
        recovery = Recovery([a, b])
        assert recovery.keep("b", "rec-1", "label", "the only copy") is None
        assert recovery.path is None and recovery.problem
        assert "the only copy" in recovery.text()


def test_the_file_goes_once_its_notes_are_saved(tmp_path):
    recovery = Recovery([tmp_path])
    path = recovery.keep("b", "one", "1", "text one")
    recovery.keep("b", "two", "2", "text two")
    recovery.saved("b", "one")
    assert path is not None and "text one" not in path.read_text(encoding="utf-8")
    assert "text two" in path.read_text(encoding="utf-8")
    recovery.saved("b", "two")
    assert not path.exists() and recovery.path is None and not recovery
