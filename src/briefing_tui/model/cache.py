"""A cache of validated briefings and library summaries, so reopening is instant.

A briefing that loaded once is stored as msgpack (msgspec) keyed by its
absolute path, size and modification time, with the format and app versions.
On the next open, a cache entry whose key matches is decoded and *validated
again by msgspec against the schema* (cheap: ~13 ms for 12,000 items); an
entry that is stale, corrupt, or from another version is ignored, never
trusted, and replaced. Writing the cache is best effort: a cache that cannot
be written costs speed, never correctness.

The cache lives in the user cache dir (platformdirs), or ``$BRIEFING_TUI_CACHE``;
``BRIEFING_TUI_CACHE=off`` turns it off.
"""

from __future__ import annotations

import os
import re
import tempfile
import zlib
from pathlib import Path

import msgspec

from briefing_tui import __version__
from briefing_tui.model.gcpause import gc_paused
from briefing_tui.model.schema import FORMAT_VERSION, Briefing

ENV_VAR = "BRIEFING_TUI_CACHE"


class Key(msgspec.Struct, frozen=True):
    path: str
    size: int
    mtime_ns: int
    format: int = FORMAT_VERSION
    app: str = __version__


class Entry(msgspec.Struct, frozen=True):
    key: Key
    briefing: Briefing


class Summary(msgspec.Struct, frozen=True):
    """What the library screen shows of a briefing."""

    title: str
    parties: list[str]
    as_of: str
    events: int
    recommendations: int


class LibraryCache(msgspec.Struct):
    """Summaries of the good files of one folder, keyed like briefings."""

    entries: dict[str, tuple[Key, Summary]] = {}


def cache_dir() -> Path | None:
    """Where the cache lives; None when it is turned off."""
    configured = os.environ.get(ENV_VAR, "")
    if configured.lower() in ("off", "0", "no", "false"):
        return None
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing-tui"))


def key_of(path: Path) -> Key | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return Key(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


def _slot(kind: str, key_path: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    # A readable, stable name; a clash is harmless since the entry's key is checked.
    raw = key_path.encode("utf-8", "surrogatepass")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(key_path).name)[:60]
    return folder / kind / f"{stem}-{zlib.crc32(raw):08x}{len(raw):x}.msgpack"


def read_msgpack(path: Path | None, type_: type) -> object | None:
    """The msgpack file at `path` decoded and validated as `type_`; None when
    it is missing, corrupt, or from another version (never trusted)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
        with gc_paused():
            return msgspec.msgpack.decode(data, type=type_)
    except (OSError, ValueError, TypeError):  # msgspec's DecodeError and ValidationError are ValueErrors
        return None


def _write(slot: Path | None, value: object) -> None:
    if slot is None:
        return
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=slot.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(msgspec.msgpack.encode(value))
            os.replace(temp, slot)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # best effort


def load_briefing_cached(path: str | os.PathLike[str]) -> Briefing:
    """:func:`load_briefing`, through the cache. Raises BriefingError only.

    A cache hit needs neither PyYAML nor the validator: they are imported on a
    miss, unless the file is a bundled briefing, which ships pre-validated.
    """
    path = Path(path)
    key = key_of(path)
    if key is not None:
        entry = read_msgpack(_slot("briefings", key.path), Entry)
        if isinstance(entry, Entry) and entry.key == key:
            return entry.briefing
    from briefing_tui.bundled import prevalidated
    from briefing_tui.model.problems import read_briefing_file

    data = read_briefing_file(path)
    briefing = prevalidated(data)
    if briefing is None:
        from briefing_tui.model.loader import parse_briefing

        briefing = parse_briefing(data, os.fspath(path))
    if key is not None and key == key_of(path):  # unchanged while we read it
        _write(_slot("briefings", key.path), Entry(key, briefing))
    return briefing


def read_library_cache(folder: Path) -> LibraryCache:
    cache = read_msgpack(_slot("libraries", str(folder.resolve())), LibraryCache)
    return cache if isinstance(cache, LibraryCache) else LibraryCache()


def write_library_cache(folder: Path, cache: LibraryCache) -> None:
    _write(_slot("libraries", str(folder.resolve())), cache)
