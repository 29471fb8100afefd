"""The cache shows only what the YAML says (issue 13, point 11): entries are
bound to the YAML's content hash, cache files check their own bytes, and a
writer killed mid-write leaves no temporary behind for long.

Real files throughout: cache files altered on disk, timestamps put back with
``os.utime`` (what ``touch -r`` does), a writer process killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from briefing_tui.model import cache, library as library_module
from briefing_tui.model.cache import cache_dir, load_briefing_cached, open_briefing_cached
from briefing_tui.model.library import LibraryScan
from tests.conftest import MINIMAL


def forbid_parsing(monkeypatch) -> None:
    def boom(*args):
        raise AssertionError("the file should not have been parsed")

    from briefing_tui.model import loader

    monkeypatch.setattr(loader, "parse_briefing", boom)


def old_enough(monkeypatch) -> None:
    """Files written a moment ago count as old: their stats are trusted (see cache.RACY_NS)."""
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))
    monkeypatch.setattr(cache, "RACY_COARSE_NS", -(10**18))


def the_cache_file(kind: str = "briefings"):
    (slot,) = (cache_dir() / kind).glob("*.msgpack")
    return slot


def alter(slot, old: bytes, new: bytes) -> None:
    """Replace `old` by `new` (same length) in the cache file: it still decodes."""
    assert len(old) == len(new)
    data = slot.read_bytes()
    assert data.count(old) == 1, "the text is in the cache file once"
    slot.write_bytes(data.replace(old, new))


def put_times_back(path, stat) -> None:
    """What `touch -r` does: the old access and modification times, exactly."""
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


# --- Briefings ----------------------------------------------------------------


def test_altered_cache_bytes_that_still_decode_are_not_shown(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    alter(the_cache_file(), b"A minimal briefing", b"A hacked! briefing")
    assert load_briefing_cached(path).meta.title == "A minimal briefing"
    assert b"A minimal briefing" in the_cache_file().read_bytes(), "the entry was written again"


def test_altered_events_that_still_decode_are_not_shown(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    alter(the_cache_file(), b"Earlier event", b"Altered event")
    opened = open_briefing_cached(path)
    assert not opened.complete, "the head is intact"
    assert [event.title for event in opened.finish().timeline] == ["Earlier event", "Later event"]


def test_a_same_size_edit_with_the_old_modification_time_is_read_again(write_file):
    path = write_file(MINIMAL)
    before = path.stat()
    assert load_briefing_cached(path).meta.title == "A minimal briefing"
    path.write_text(MINIMAL.replace("A minimal briefing", "B minimal briefing"), encoding="utf-8")
    put_times_back(path, before)
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_briefing_cached(path).meta.title == "B minimal briefing"


def test_an_entry_made_from_other_bytes_is_never_used(write_file, tmp_path):
    """A cache file copied over from another file's YAML (same name, same
    size and times) is refused: its key is another content hash."""
    first = write_file(MINIMAL, "briefing.yaml")
    load_briefing_cached(first)
    entry = the_cache_file().read_bytes()
    first.write_text(MINIMAL.replace("A minimal briefing", "Z minimal briefing"), encoding="utf-8")
    load_briefing_cached(first)
    the_cache_file().write_bytes(entry)  # the entry of the old bytes, intact
    assert load_briefing_cached(first).meta.title == "Z minimal briefing"


def test_an_unchanged_file_is_still_a_hit(write_file, monkeypatch):
    path = write_file(MINIMAL)
    whole = load_briefing_cached(path)
    os.utime(path, ns=(1, 1))  # times alone do not matter: the bytes do
    forbid_parsing(monkeypatch)
    assert load_briefing_cached(path) == whole


# --- Temporaries of killed writers -------------------------------------------------

#: A writer killed in the middle of writing a cache entry: the real writer,
#: with a part that kills its own process once the first part is written.
KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from briefing_tui.model import cache

    def parts():
        yield b"x" * 100_000
        os.kill(os.getpid(), signal.SIGKILL)
        yield b"never written"

    cache._write_parts(Path(sys.argv[1]), parts())
    """
)


def kill_a_writer(slot) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(slot)], env=os.environ.copy(), check=False)
    assert result.returncode == -signal.SIGKILL


def temporaries(kind: str = "briefings") -> list:
    return sorted((cache_dir() / kind).glob(".tmp-*"))


def test_a_killed_writers_temporary_is_deleted_when_the_cache_is_next_written(write_file):
    slot = cache_dir() / "briefings" / "killed.msgpack"
    kill_a_writer(slot)
    (left,) = temporaries()
    assert left.stat().st_size == 100_000 and not slot.exists()
    load_briefing_cached(write_file(MINIMAL))  # a miss: writes the cache
    assert temporaries() == []


def test_a_killed_writers_temporary_is_deleted_by_the_worker_that_completes_a_briefing(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    kill_a_writer(cache_dir() / "libraries" / "killed.msgpack")
    assert len(temporaries("libraries")) == 1
    opened = open_briefing_cached(path)  # a hit: nothing written, nothing cleaned yet
    assert not opened.complete and len(temporaries("libraries")) == 1
    opened.finish()  # what the app runs in a worker after the first paint
    assert temporaries("libraries") == []


def test_old_temporaries_go_and_a_live_writers_stays(write_file):
    folder = cache_dir() / "briefings"
    folder.mkdir(parents=True)
    live = folder / f".tmp-{os.getpid()}-live.msgpack"  # ours, being written
    live.write_bytes(b"x")
    unnamed = folder / ".tmp-abc.msgpack"  # no pid in the name: only its age counts
    unnamed.write_bytes(b"x")
    old = folder / f".tmp-{os.getpid()}-old.msgpack"
    old.write_bytes(b"x")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    other = folder / "not-a-temporary.msgpack"
    other.write_bytes(b"x")
    os.utime(other, (two_hours_ago, two_hours_ago))
    load_briefing_cached(write_file(MINIMAL))
    assert live.exists() and unnamed.exists() and other.exists()
    assert not old.exists()


# --- Library summaries ------------------------------------------------------------


def make_library(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    return folder


def scan_all(folder) -> list:
    scan = LibraryScan(folder)
    entries = [scan.cached(path) or scan.read(path) for path in library_module.library_files(folder)]
    scan.save()
    return entries


def test_a_library_sees_a_same_size_edit_with_the_old_modification_time(tmp_path, monkeypatch):
    old_enough(monkeypatch)
    folder = make_library(tmp_path)
    before = (folder / "a.yaml").stat()
    assert [entry.title for entry in scan_all(folder)] == ["A minimal briefing"]
    (folder / "a.yaml").write_text(MINIMAL.replace("A minimal briefing", "B minimal briefing"), encoding="utf-8")
    put_times_back(folder / "a.yaml", before)
    scan = LibraryScan(folder)
    assert scan.cached(folder / "a.yaml") is None, "the status-change time moved"
    assert scan.read(folder / "a.yaml").title == "B minimal briefing"


def test_an_altered_library_cache_is_not_used(tmp_path, monkeypatch):
    old_enough(monkeypatch)
    folder = make_library(tmp_path)
    scan_all(folder)
    alter(the_cache_file("libraries"), b"A minimal briefing", b"A hacked! briefing")
    scan = LibraryScan(folder)
    assert scan.cached(folder / "a.yaml") is None
    assert scan.read(folder / "a.yaml").title == "A minimal briefing"


def test_a_touched_library_file_is_hashed_not_parsed(tmp_path, monkeypatch):
    old_enough(monkeypatch)
    folder = make_library(tmp_path)
    scan_all(folder)
    os.utime(folder / "a.yaml")  # `touch`: new times, same bytes
    forbid_parsing(monkeypatch)
    scan = LibraryScan(folder)
    assert scan.cached(folder / "a.yaml") is None
    assert scan.read(folder / "a.yaml").title == "A minimal briefing"
    scan.save()
    assert LibraryScan(folder).cached(folder / "a.yaml").title == "A minimal briefing", "the new stat is kept"


def test_a_file_changed_just_before_a_scan_is_checked_again_next_time(tmp_path, monkeypatch):
    """Its stat could miss a change made within the same tick of the clock
    that stamps files, so it is not trusted; its hash still saves the parse."""
    monkeypatch.setattr(cache, "RACY_NS", 10**18)
    monkeypatch.setattr(cache, "RACY_COARSE_NS", 10**18)
    folder = make_library(tmp_path)
    scan_all(folder)
    forbid_parsing(monkeypatch)
    scan = LibraryScan(folder)
    assert scan.cached(folder / "a.yaml") is None
    assert scan.read(folder / "a.yaml").title == "A minimal briefing"


@pytest.mark.parametrize("ctime_ns", [1_700_000_000_000_000_000, 1_700_000_000_123_456_789])
def test_a_stat_is_trusted_once_a_tick_of_the_files_clock_has_passed(ctime_ns):
    stat = cache.FileStat(1, ctime_ns, ctime_ns, 1)
    coarse = ctime_ns % 1_000_000_000 == 0
    window = cache.RACY_COARSE_NS if coarse else cache.RACY_NS
    assert cache.trusted_stat(stat, ctime_ns + window // 2) is None
    assert cache.trusted_stat(stat, ctime_ns + window + 1) == stat
