"""The briefing and library caches: used when current, ignored when stale or corrupt."""

from __future__ import annotations

import os

import msgspec
import pytest

from briefing_tui.model import cache, library as library_module
from briefing_tui.model.cache import (
    PREFIX,
    Head,
    cache_dir,
    digest_of,
    entry_parts,
    key_of,
    load_briefing_cached,
    open_briefing_cached,
)
from briefing_tui.model.library import LibraryScan
from briefing_tui.model.loader import BriefingError, load_briefing
from tests.conftest import MINIMAL


def forbid_loading(monkeypatch):
    def boom(*args):
        raise AssertionError("the cache should have been used")

    from briefing_tui.model import loader

    monkeypatch.setattr(loader, "parse_briefing", boom)


def old_enough(monkeypatch) -> None:
    """Files written a moment ago count as old: their stats are trusted (see cache.RACY_NS)."""
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))
    monkeypatch.setattr(cache, "RACY_COARSE_NS", -(10**18))


def cache_files() -> list:
    return sorted((cache_dir() / "briefings").glob("*.msgpack"))


def head_of(slot) -> Head:
    """The head of a briefing's cache file, decoded against the schema."""
    data = slot.read_bytes()
    _, size, _ = PREFIX.unpack(data[: PREFIX.size])
    return msgspec.msgpack.decode(data[PREFIX.size : PREFIX.size + size], type=Head)


def rewrite_head(slot, change) -> None:
    """Replace the head of a cache file by `change(raw head as a dict)`, keeping
    the events; the head's checksum is made to match, as our own writer would."""
    data = slot.read_bytes()
    _, size, _ = PREFIX.unpack(data[: PREFIX.size])
    raw = msgspec.msgpack.decode(data[PREFIX.size : PREFIX.size + size])
    change(raw)
    head = msgspec.msgpack.encode(raw)
    slot.write_bytes(PREFIX.pack(cache.MAGIC, len(head), digest_of(head)) + head + data[PREFIX.size + size :])


def test_second_open_comes_from_the_cache(write_file, monkeypatch):
    path = write_file(MINIMAL)
    first = load_briefing_cached(path)
    assert len(cache_files()) == 1
    forbid_loading(monkeypatch)
    assert load_briefing_cached(path) == first


def test_an_edited_file_is_read_again(write_file, monkeypatch):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    path.write_text(MINIMAL.replace("A minimal briefing", "An edited briefing"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with an old modification time, the size differs
    assert load_briefing_cached(path).meta.title == "An edited briefing"


def test_same_size_new_mtime_is_read_again(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    path.write_text(MINIMAL.replace("A minimal briefing", "B minimal briefing"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    assert load_briefing_cached(path).meta.title == "B minimal briefing"


@pytest.mark.parametrize("garbage", [b"", b"not msgpack at all", msgspec.msgpack.encode({"key": 1})])
def test_a_corrupt_cache_is_ignored_and_replaced(write_file, garbage):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    slot.write_bytes(garbage)
    assert load_briefing_cached(path).meta.id == "mini"
    assert head_of(slot).briefing.meta.id == "mini"


def test_a_cache_from_another_version_is_ignored(write_file, monkeypatch):
    path = write_file(MINIMAL)
    briefing = load_briefing_cached(path)
    (slot,) = cache_files()
    key = key_of(path, path.read_bytes())
    tampered = msgspec.structs.replace(briefing, meta=msgspec.structs.replace(briefing.meta, title="From the cache"))
    slot.write_bytes(b"".join(entry_parts(key, tampered)))
    assert load_briefing_cached(path).meta.title == "From the cache", "the same version's entry is used"
    slot.write_bytes(b"".join(entry_parts(msgspec.structs.replace(key, app="0.0.0"), tampered)))
    assert load_briefing_cached(path).meta.title == "A minimal briefing"


def test_a_cache_entry_that_breaks_the_schema_is_not_trusted(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    rewrite_head(slot, lambda raw: raw["briefing"]["meta"].update(id="NOT A VALID ID"))
    assert load_briefing_cached(path).meta.id == "mini"


def test_a_cache_hit_opens_without_the_timeline_and_finish_adds_it(write_file):
    path = write_file(MINIMAL)
    whole = load_briefing(path)
    first = open_briefing_cached(path)
    assert first.complete and first.briefing == whole, "a miss parses the whole file"
    opened = open_briefing_cached(path)
    assert not opened.complete
    assert opened.briefing.timeline == []
    assert opened.briefing == msgspec.structs.replace(whole, timeline=[])
    assert opened.finish() == whole
    assert opened.complete and opened.briefing == whole


def test_events_are_cached_in_chunks_and_come_back_in_order(write_file, monkeypatch):
    monkeypatch.setattr(cache, "CHUNK_EVENTS", 2)
    events = "".join(f'  - {{id: ev-{n:02}, date: "{2000 + n}", title: Event {n}}}\n' for n in range(7))
    text = (
        MINIMAL.split("timeline:\n")[0]
        + "timeline:\n"
        + events
        + "recommendations:"
        + MINIMAL.split("recommendations:")[1]
    )
    path = write_file(text)
    load_briefing_cached(path)
    (slot,) = cache_files()
    assert len(head_of(slot).chunks) == 4
    forbid_loading(monkeypatch)
    assert [event.id for event in load_briefing_cached(path).timeline] == [f"ev-{n:02}" for n in range(7)]


@pytest.mark.parametrize("damage", ["cut", "flip", "extra"])
def test_unreadable_cached_events_are_read_from_the_file_again(write_file, damage):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    data = slot.read_bytes()
    slot.write_bytes({"cut": data[:-3], "flip": data[:-3] + b"\xc1\xc1\xc1", "extra": data + b"\x00"}[damage])
    opened = open_briefing_cached(path)
    # A file of the wrong length is refused when opened; damaged events once read.
    assert opened.complete == (damage != "flip")
    assert opened.finish() == load_briefing(path)
    assert open_briefing_cached(path).finish() == load_briefing(path), "the cache was written again"
    assert head_of(slot).chunks


def test_a_corrupt_head_length_is_refused_without_reading_it(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    data = slot.read_bytes()
    slot.write_bytes(PREFIX.pack(cache.MAGIC, 0xFFFFFFF0, data[8 : PREFIX.size]) + data[PREFIX.size :])
    assert open_briefing_cached(path).finish() == load_briefing(path)


def test_the_events_come_from_the_cache_file_the_head_came_from(write_file):
    """Another window may rewrite the cache between the head and the events."""
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    opened = open_briefing_cached(path)
    path.write_text(MINIMAL.replace("title: Earlier event", "title: Edited event"), encoding="utf-8")
    assert "Edited event" in [event.title for event in load_briefing_cached(path).timeline]  # rewrites the cache
    assert [event.title for event in opened.finish().timeline] == ["Earlier event", "Later event"]


def test_unreadable_events_of_a_file_edited_since_are_a_briefing_error(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    slot.write_bytes(slot.read_bytes()[:-3] + b"\xc1\xc1\xc1")  # damaged events
    opened = open_briefing_cached(path)
    path.write_text(MINIMAL.replace("title: Second", "title: Edited"), encoding="utf-8")
    with pytest.raises(BriefingError, match="changed while it was being opened"):
        opened.finish()


def test_broken_briefings_are_not_cached(write_file):
    path = write_file("- a list\n")
    with pytest.raises(BriefingError):
        load_briefing_cached(path)
    assert not (cache_dir() / "briefings").exists() or cache_files() == []


def test_cache_can_be_turned_off(write_file, monkeypatch):
    monkeypatch.setenv("BRIEFING_TUI_CACHE", "off")
    assert cache_dir() is None
    path = write_file(MINIMAL)
    assert load_briefing_cached(path).meta.id == "mini"


def test_unwritable_cache_costs_nothing_but_speed(write_file, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("BRIEFING_TUI_CACHE", str(blocker / "cache"))
    assert load_briefing_cached(write_file(MINIMAL)).meta.id == "mini"


def test_library_summaries_are_cached_and_refreshed(tmp_path, monkeypatch):
    old_enough(monkeypatch)
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "b.yaml").write_text(MINIMAL.replace("id: mini", "id: mini-b"), encoding="utf-8")
    scan = LibraryScan(folder)
    entries = [scan.cached(p) or scan.read(p) for p in library_module.library_files(folder)]
    scan.save()
    assert [e.title for e in entries] == ["A minimal briefing"] * 2
    (folder / "b.yaml").write_text(MINIMAL.replace("A minimal briefing", "Changed"), encoding="utf-8")
    scan = LibraryScan(folder)
    assert scan.cached(folder / "a.yaml").title == "A minimal briefing"
    assert scan.cached(folder / "b.yaml") is None, "a changed file is read again"
    assert scan.read(folder / "b.yaml").title == "Changed"


def test_a_cache_hit_needs_no_yaml(write_file):
    import subprocess
    import sys

    path = write_file(MINIMAL)
    load_briefing_cached(path)
    code = (
        "import sys\n"
        "from briefing_tui.model.cache import load_briefing_cached\n"
        f"assert load_briefing_cached({str(path)!r}).meta.id == 'mini'\n"
        "print('yaml' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_bundled_briefings_ship_current_prevalidated_copies():
    """`python -m briefing_tui.bundled` regenerates them when this fails."""
    import hashlib

    from briefing_tui.bundled import bundled_dir, prevalidated
    from briefing_tui.model.library import library_files
    from briefing_tui.model.loader import load_briefing

    files = library_files(bundled_dir())
    assert files
    for path in files:
        assert prevalidated(path.read_bytes()) == load_briefing(path), f"stale copy of {path.name}"
    shipped = {p.stem for p in (bundled_dir() / "prevalidated").glob("*.msgpack")}
    assert shipped == {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}, "a stale copy is left over"


def test_a_copy_of_the_bundled_briefing_opens_without_yaml_on_a_fresh_machine(tmp_path):
    """An empty cache: the shipped pre-validated copy is used, PyYAML never imported."""
    import subprocess
    import sys

    from briefing_tui.bundled import bundled_dir

    copy = tmp_path / "copy.yaml"
    copy.write_bytes((bundled_dir() / "belarus-netherlands.yaml").read_bytes())
    code = (
        "import sys; from briefing_tui.model.cache import load_briefing_cached as load\n"
        f"b = load({str(copy)!r}); print(b.meta.title, 'yaml' in sys.modules)"
    )
    env = {**os.environ, "BRIEFING_TUI_CACHE": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip().endswith("False") and "Belarus" in out


def test_an_edited_copy_of_the_bundled_briefing_is_read_from_its_yaml(tmp_path):
    from briefing_tui.bundled import bundled_dir

    copy = tmp_path / "copy.yaml"
    text = (bundled_dir() / "belarus-netherlands.yaml").read_text(encoding="utf-8")
    title = "Belarus–Netherlands relations"
    assert f"title: {title}" in text
    copy.write_text(text.replace(f"title: {title}", "title: Edited", 1), encoding="utf-8")
    assert load_briefing_cached(copy).meta.title == "Edited"
