"""A cache of validated briefings and library summaries, so reopening is instant.

A briefing that loaded once is stored as msgpack (msgspec) keyed by its
absolute path, size and modification time, with the format and app versions.
On the next open, a cache entry whose key matches is decoded and *validated
again by msgspec against the schema* (cheap next to parsing YAML); an
entry that is stale, corrupt, or from another version is ignored, never
trusted, and replaced. Writing the cache is best effort: a cache that cannot
be written costs speed, never correctness.

A briefing's cache file holds its head (everything but the timeline events)
first, then the events in chunks. :func:`open_briefing_cached` decodes only the
head, which is what the first screen shows; :meth:`Opened.finish` decodes the
events later, in a worker, while the reader is already looking at the
recommendations (docs/performance.md has what that saves).

The cache lives in the user cache dir (platformdirs), or ``$BRIEFING_TUI_CACHE``;
``BRIEFING_TUI_CACHE=off`` turns it off.

On a miss, a bundled briefing is not parsed either: its pre-validated copy
(see :mod:`briefing_tui.bundled`) is looked up here, by the SHA-256 of the
file's bytes, in :func:`bundled_dir`. Both live here, not in
``briefing_tui.bundled``, so that the model does not import that module
(which imports the model).
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

import msgspec

from briefing_tui import __version__
from briefing_tui.model.gcpause import gc_paused
from briefing_tui.model.problems import BriefingError, Problem, read_briefing_file
from briefing_tui.model.schema import FORMAT_VERSION, Briefing, Event

ENV_VAR = "BRIEFING_TUI_CACHE"


class Key(msgspec.Struct, frozen=True):
    path: str
    size: int
    mtime_ns: int
    format: int = FORMAT_VERSION
    app: str = __version__


class Head(msgspec.Struct, frozen=True):
    """The start of a briefing's cache file; its events follow in `chunks`."""

    key: Key
    #: The briefing without its timeline.
    briefing: Briefing
    #: Byte lengths of the msgpack chunks of events that follow the head, in order.
    chunks: list[int]


#: A briefing's cache file: MAGIC, the head's length (u32, little-endian), the
#: head, then each chunk of events (a msgpack list of Event).
MAGIC = b"BTC2"
PREFIX = struct.Struct("<4sI")
#: Events per chunk: each decodes in a few ms, so a worker decoding them lets
#: the UI thread in between.
CHUNK_EVENTS = 500


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


#: Files larger than this are never looked up among the pre-validated copies
#: (hashing them would cost time).
PREVALIDATED_MAX_BYTES = 1_000_000


class Prevalidated(msgspec.Struct, frozen=True):
    """A bundled briefing's pre-validated copy (see :mod:`briefing_tui.bundled`)."""

    sha256: str
    format: int
    briefing: Briefing


@functools.cache
def bundled_dir() -> Path:
    """The briefings that ship with the package (or, in a source checkout, the repo's)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "briefings"
    return packaged if packaged.is_dir() else package.parents[1] / "briefings"


def prevalidated_path(digest: str) -> Path:
    return bundled_dir() / "prevalidated" / f"{digest}.msgpack"


def prevalidated(data: bytes) -> Briefing | None:
    """The pre-validated briefing whose YAML is exactly `data`, if one ships."""
    if len(data) > PREVALIDATED_MAX_BYTES:
        return None
    import hashlib  # only on a cache miss

    digest = hashlib.sha256(data).hexdigest()
    entry = read_msgpack(prevalidated_path(digest), Prevalidated)
    if not isinstance(entry, Prevalidated) or entry.sha256 != digest or entry.format != FORMAT_VERSION:
        return None
    return entry.briefing


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
    _write_parts(slot, [msgspec.msgpack.encode(value)])


def _write_parts(slot: Path | None, parts: list[bytes]) -> None:
    """Write `parts` one after the other to `slot`, atomically (a reader sees
    the old file or the new one, never a mix); best effort."""
    if slot is None:
        return
    import tempfile  # only when writing: not on the way to a first paint from the cache

    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=slot.parent, prefix=".tmp-", suffix=".msgpack")
        try:
            with os.fdopen(handle, "wb") as out:
                out.writelines(parts)
            os.replace(temp, slot)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # best effort


def entry_parts(key: Key, briefing: Briefing) -> list[bytes]:
    """The cache file of `briefing`, in parts to be written one after the other."""
    encode = msgspec.msgpack.Encoder().encode
    events = briefing.timeline
    chunks = [encode(events[start : start + CHUNK_EVENTS]) for start in range(0, len(events), CHUNK_EVENTS)]
    head = encode(Head(key, msgspec.structs.replace(briefing, timeline=[]), [len(chunk) for chunk in chunks]))
    return [PREFIX.pack(MAGIC, len(head)), head, *chunks]


def _write_briefing(slot: Path | None, key: Key, briefing: Briefing) -> None:
    if slot is not None:
        _write_parts(slot, entry_parts(key, briefing))


class Opened:
    """A briefing being opened: `briefing` is whole, or (from the cache) still
    without its timeline, which :meth:`finish` adds.

    :meth:`finish` blocks while it reads and decodes the events: the app calls
    it in a worker after the first paint. Until then the cache file stays open,
    so the events come from the very file the head came from, even if another
    process replaces it meanwhile.
    """

    def __init__(self, briefing: Briefing, rest: _Rest | None = None) -> None:
        self.briefing = briefing
        self._rest = rest

    @property
    def complete(self) -> bool:
        return self._rest is None

    def finish(self) -> Briefing:
        """The whole briefing. Raises BriefingError only: when the rest of the
        cache entry is unreadable and the file no longer matches it."""
        rest, self._rest = self._rest, None
        if rest is not None:
            self.briefing = rest.read(self.briefing)
        return self.briefing

    def close(self) -> None:
        """Give up on the rest (the briefing stays without its timeline)."""
        rest, self._rest = self._rest, None
        if rest is not None:
            rest.file.close()


class _Rest:
    """The events still to read from an open cache file."""

    def __init__(self, file: BinaryIO, chunks: list[int], path: Path, key: Key, slot: Path) -> None:
        self.file, self.chunks, self.path, self.key, self.slot = file, chunks, path, key, slot

    def read(self, head: Briefing) -> Briefing:
        try:
            with self.file, gc_paused():
                events: list[Event] = []
                decoder = msgspec.msgpack.Decoder(list[Event])
                for size in self.chunks:
                    data = self.file.read(size)
                    if len(data) != size:
                        raise ValueError("the cache file is cut short")
                    events.extend(decoder.decode(data))
            return msgspec.structs.replace(head, timeline=events)
        except (OSError, ValueError, TypeError):  # msgspec's errors are ValueErrors
            with contextlib.suppress(OSError):
                self.slot.unlink()
            return self._parse_again(head)

    def _parse_again(self, head: Briefing) -> Briefing:
        """The cached events are unreadable: take them from the file itself, if
        it still is the one the head came from."""
        whole = _read_uncached(self.path)
        if msgspec.structs.replace(whole, timeline=[]) != head:
            message = "the file changed while it was being opened; open it again to see its timeline"
            raise BriefingError([Problem(os.fspath(self.path), 0, 0, "", message)])
        key = key_of(self.path)
        if key is not None and key == self.key:
            _write_briefing(self.slot, key, whole)
        return whole


def _open_cached(path: Path, key: Key) -> Opened | None:
    """The briefing's head from its cache entry, if the entry matches `key`."""
    slot = _slot("briefings", key.path)
    if slot is None:
        return None
    try:
        file = open(slot, "rb")  # noqa: SIM115 - kept open for Opened.finish
    except OSError:
        return None
    try:
        magic, size = PREFIX.unpack(file.read(PREFIX.size))
        if magic != MAGIC:
            raise ValueError("not a briefing cache file")
        rest = os.fstat(file.fileno()).st_size - PREFIX.size - size
        if rest < 0:  # a corrupt length: never allocate it
            raise ValueError("the cache file is cut short")
        with gc_paused():
            head = msgspec.msgpack.decode(file.read(size), type=Head)
        if head.key != key:
            raise ValueError("stale")
        if any(chunk < 0 for chunk in head.chunks) or sum(head.chunks) != rest:
            raise ValueError("the chunks do not fill the cache file")
        if not head.chunks:
            file.close()
            return Opened(head.briefing)
        return Opened(head.briefing, _Rest(file, head.chunks, path, key, slot))
    except (OSError, ValueError, TypeError, struct.error):
        file.close()
        return None


def _read_uncached(path: Path) -> Briefing:
    """The briefing at `path` from its YAML (or the pre-validated copy of a
    bundled briefing). Raises BriefingError only."""
    data = read_briefing_file(path)
    briefing = prevalidated(data)
    if briefing is None:
        from briefing_tui.model.loader import parse_briefing

        briefing = parse_briefing(data, os.fspath(path))
    return briefing


def open_briefing_cached(path: str | os.PathLike[str]) -> Opened:
    """Open the briefing at `path` through the cache. Raises BriefingError only.

    From the cache, only the head is decoded here (see :class:`Opened`). A
    cache hit needs neither PyYAML nor the validator: they are imported on a
    miss, unless the file is a bundled briefing, which ships pre-validated.
    """
    path = Path(path)
    key = key_of(path)
    if key is not None:
        opened = _open_cached(path, key)
        if opened is not None:
            return opened
    briefing = _read_uncached(path)
    if key is not None and key == key_of(path):  # unchanged while we read it
        _write_briefing(_slot("briefings", key.path), key, briefing)
    return Opened(briefing)


def load_briefing_cached(path: str | os.PathLike[str]) -> Briefing:
    """The whole briefing at `path`, through the cache. Raises BriefingError only."""
    return open_briefing_cached(path).finish()


def read_library_cache(folder: Path) -> LibraryCache:
    cache = read_msgpack(_slot("libraries", str(folder.resolve())), LibraryCache)
    return cache if isinstance(cache, LibraryCache) else LibraryCache()


def write_library_cache(folder: Path, cache: LibraryCache) -> None:
    _write(_slot("libraries", str(folder.resolve())), cache)
