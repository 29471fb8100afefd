"""The briefing and library caches: used when current, ignored when stale or corrupt."""

from __future__ import annotations

import os

import msgspec
import pytest

from briefing_tui.model import library as library_module
from briefing_tui.model.cache import Entry, cache_dir, key_of, load_briefing_cached
from briefing_tui.model.library import LibraryScan
from briefing_tui.model.loader import BriefingError
from tests.conftest import MINIMAL


def forbid_loading(monkeypatch):
    def boom(*args):
        raise AssertionError("the cache should have been used")

    from briefing_tui.model import loader

    monkeypatch.setattr(loader, "parse_briefing", boom)


def cache_files() -> list:
    return sorted((cache_dir() / "briefings").glob("*.msgpack"))


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
    assert msgspec.msgpack.decode(slot.read_bytes(), type=Entry).briefing.meta.id == "mini"


def test_a_cache_from_another_version_is_ignored(write_file, monkeypatch):
    path = write_file(MINIMAL)
    briefing = load_briefing_cached(path)
    (slot,) = cache_files()
    key = key_of(path)
    tampered = msgspec.structs.replace(briefing, meta=msgspec.structs.replace(briefing.meta, title="From the cache"))
    slot.write_bytes(msgspec.msgpack.encode(Entry(msgspec.structs.replace(key, app="0.0.0"), tampered)))
    assert load_briefing_cached(path).meta.title == "A minimal briefing"


def test_a_cache_entry_that_breaks_the_schema_is_not_trusted(write_file):
    path = write_file(MINIMAL)
    load_briefing_cached(path)
    (slot,) = cache_files()
    raw = msgspec.msgpack.decode(slot.read_bytes())
    raw["briefing"]["meta"]["id"] = "NOT A VALID ID"
    slot.write_bytes(msgspec.msgpack.encode(raw))
    assert load_briefing_cached(path).meta.id == "mini"


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
