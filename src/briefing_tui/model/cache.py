"""A cache of validated briefings and library summaries, so reopening is instant.

A briefing that loaded once is stored as msgpack (msgspec) keyed by its
absolute path, the SHA-256 of its YAML bytes, and the format and app
versions. On the next open, the YAML is read and hashed (it is read anyway
to be parsed on a miss); a cache entry whose key matches is decoded and
*validated again by msgspec against the schema* (cheap next to parsing
YAML); an entry that is stale, corrupt, or from another version is ignored,
never trusted, and replaced. Writing the cache is best effort: a cache that
cannot be written costs speed, never correctness.

Why these keys:

* **A briefing is keyed on its content**, not on its size and modification
  time: an edit that keeps the size and puts the old time back (``touch -r``,
  a restore from a backup, a checkout) is read again, and the entry used is
  always the one made from exactly these bytes. Hashing costs one pass over
  bytes that are in the page cache already; SHA-256 rather than BLAKE2b
  because OpenSSL's SHA-256 uses the CPU's SHA instructions, which most
  machines have, and then is faster than BLAKE2b (docs/performance.md), and
  it is the hash that names the bundled briefings' pre-validated copies, so
  a miss hashes once for both.
* **A library's summaries are keyed on** ``os.stat``: size, ``st_mtime_ns``,
  ``st_ctime_ns`` and the inode, with the SHA-256 kept beside. Reopening a
  library must not read every file of it; the status-change time catches
  what the modification time misses, since no ordinary tool can set it
  (``touch -r`` and ``os.utime`` set it to now). A file whose stat differs
  is read and hashed; when the hash is the one cached, its summary is kept
  and only the stat is updated (a ``touch`` costs no parse). A stat taken
  within a tick or so of the file's last change (:data:`RACY_NS`) is not
  trusted next time, since the file could change again within that tick
  without its stat changing: the file is hashed once more then, as git does
  for its index.
* **The cache file checks itself**: the head's SHA-256 is in the file's
  prefix and each chunk of events' SHA-256 in the head, so bytes that were
  altered (by accident, a bad disk, a hand edit) but still decode are
  refused before they are decoded. No HMAC: its key would live beside the
  cache, in the user's own folders, where anyone who can rewrite the cache
  can read the key too (and rewrite the YAML); binding each entry to the
  YAML's hash and checking the payload's hash is what catches the edits a
  key would, short of that.

A briefing's cache file holds its head (everything but the timeline events)
first, then the events in chunks. :func:`open_briefing_cached` decodes only the
head, which is what the first screen shows; :meth:`Opened.finish` decodes the
events later, in a worker, while the reader is already looking at the
recommendations (docs/performance.md has what that saves).

A write goes to a temporary file, renamed over the entry when complete. A
writer killed in between leaves its temporary behind: :func:`clean_temporaries`
deletes those older than :data:`STALE_SECONDS` or whose writer's process is
gone. It runs before each write and in the worker that completes a briefing,
never on the way to the first paint.

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
import hashlib
import os
import re
import struct
import time
import zlib
from pathlib import Path
from typing import BinaryIO

import msgspec

from briefing_tui import __version__
from briefing_tui.model.gcpause import gc_paused
from briefing_tui.model.problems import BriefingError, Problem, read_briefing_file
from briefing_tui.model.schema import FORMAT_VERSION, Briefing, Event

ENV_VAR = "BRIEFING_TUI_CACHE"


def digest_of(data: bytes | memoryview) -> bytes:
    """The SHA-256 of `data`: what keys a briefing's cache entry (see above)."""
    return hashlib.sha256(data).digest()


class Key(msgspec.Struct, frozen=True):
    """What a briefing's cache entry was made from."""

    path: str
    #: SHA-256 of the YAML file's bytes.
    sha256: bytes
    format: int = FORMAT_VERSION
    app: str = __version__


class Head(msgspec.Struct, frozen=True):
    """The start of a briefing's cache file; its events follow in `chunks`."""

    key: Key
    #: The briefing without its timeline.
    briefing: Briefing
    #: Byte lengths of the msgpack chunks of events that follow the head, in order.
    chunks: list[int]
    #: SHA-256 of each chunk, in the same order.
    digests: list[bytes]


#: A briefing's cache file: MAGIC, the head's length (u32, little-endian), the
#: head's SHA-256, the head, then each chunk of events (a msgpack list of Event).
MAGIC = b"BTC3"
PREFIX = struct.Struct("<4sI32s")
#: Events per chunk: each decodes in a few ms, so a worker decoding them lets
#: the UI thread in between.
CHUNK_EVENTS = 500

#: A library's cache file: LIBRARY_MAGIC, the payload's SHA-256, the payload
#: (a msgpack LibraryCache).
LIBRARY_MAGIC = b"BTL1"
LIBRARY_PREFIX = struct.Struct("<4s32s")

#: A temporary cache file this old (seconds) is a killed writer's, whatever its pid.
STALE_SECONDS = 3600
#: A stat taken this soon (ns) after the file's last change is not trusted
#: later: the file could change again within the same tick of the clock that
#: stamps files and keep its stat. Linux stamps from a clock that ticks every
#: 1-10 ms (since 6.13 ext4, xfs, btrfs and tmpfs stamp a file whose times
#: were read with the fine clock, which closes the gap).
RACY_NS = 10_000_000
#: The same, for a file system that stamps whole seconds (or two: FAT).
RACY_COARSE_NS = 2_000_000_000


class Summary(msgspec.Struct, frozen=True):
    """What the library screen shows of a briefing."""

    title: str
    parties: list[str]
    as_of: str
    events: int
    recommendations: int
    #: The briefing's id (its notes are counted by it); "" in an older entry.
    briefing_id: str = ""


class FileStat(msgspec.Struct, frozen=True, array_like=True):
    """What ``os.stat`` says of a file, as far as a change of its bytes shows in it."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


def file_stat(path: Path) -> FileStat | None:
    """`path`'s :class:`FileStat` (following symlinks); None when it cannot be had."""
    try:
        info = path.stat()
    except OSError:
        return None
    return FileStat(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def trusted_stat(stat: FileStat | None, now_ns: int | None = None) -> FileStat | None:
    """`stat`, or None when the file changed too recently for its stat to show
    a change made later within the same tick of the file system's clock."""
    if stat is None:
        return None
    now_ns = time.time_ns() if now_ns is None else now_ns
    window = RACY_COARSE_NS if stat.ctime_ns % 1_000_000_000 == 0 else RACY_NS
    return stat if now_ns - stat.ctime_ns > window else None


class LibraryEntryCache(msgspec.Struct, frozen=True, array_like=True):
    """A good file's summary, its SHA-256, and its stat when that can be trusted."""

    stat: FileStat | None
    sha256: bytes
    summary: Summary


class LibraryCache(msgspec.Struct):
    """Summaries of the good files of one folder, by path."""

    entries: dict[str, LibraryEntryCache] = {}
    format: int = FORMAT_VERSION
    app: str = __version__


def cache_dir() -> Path | None:
    """Where the cache lives; None when it is turned off."""
    configured = os.environ.get(ENV_VAR, "")
    if configured.lower() in ("off", "0", "no", "false"):
        return None
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefing-tui"))


def key_of(path: Path, data: bytes) -> Key:
    """The key of the briefing at `path` whose YAML is `data`."""
    return Key(str(path.resolve()), digest_of(data))


#: The folders of the cache, one per kind of entry.
KINDS = ("briefings", "libraries")


def _slot(kind: str, key_path: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    # A readable, stable name; a clash is harmless since the entry's key is checked.
    raw = key_path.encode("utf-8", "surrogatepass")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(key_path).name)[:60]
    return folder / kind / f"{stem}-{zlib.crc32(raw):08x}{len(raw):x}.msgpack"


#: Files larger than this are never looked up among the pre-validated copies.
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


def prevalidated(data: bytes, sha256: bytes | None = None) -> Briefing | None:
    """The pre-validated briefing whose YAML is exactly `data` (whose SHA-256
    is `sha256`, when the caller has it already), if one ships."""
    if len(data) > PREVALIDATED_MAX_BYTES:
        return None
    digest = (digest_of(data) if sha256 is None else sha256).hex()
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


_TEMP_PREFIX = ".tmp-"
_TEMP_PID = re.compile(r"^\.tmp-(\d+)-")


def _writer_gone(name: str) -> bool:
    """Whether the process that made the temporary file `name` is gone (POSIX
    only; elsewhere, and for names without a pid, only age counts)."""
    match = _TEMP_PID.match(name)
    if match is None or os.name != "posix":
        return False
    pid = int(match[1])
    if pid == os.getpid():
        return False  # ours: maybe being written by another thread
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # exists (not ours to signal), or cannot tell
    return False


def clean_temporaries(now: float | None = None) -> int:
    """Delete the temporary files of writers that were killed mid-write: those
    older than :data:`STALE_SECONDS`, or whose writer's process is gone. The
    number deleted; best effort. A scan of the cache's folders: not for the
    way to a first paint."""
    folder = cache_dir()
    if folder is None:
        return 0
    now = time.time() if now is None else now
    deleted = 0
    for kind in KINDS:
        try:
            entries = os.scandir(folder / kind)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.name.startswith(_TEMP_PREFIX):
                    continue
                try:
                    age = now - entry.stat(follow_symlinks=False).st_mtime
                    if age > STALE_SECONDS or _writer_gone(entry.name):
                        os.unlink(entry.path)
                        deleted += 1
                except OSError:
                    pass  # gone already, or not ours to delete
    return deleted


def _write_parts(slot: Path | None, parts: list[bytes]) -> None:
    """Write `parts` one after the other to `slot`, atomically (a reader sees
    the old file or the new one, never a mix); best effort. Killed writers'
    temporaries are cleaned first."""
    if slot is None:
        return
    import tempfile  # only when writing: not on the way to a first paint from the cache

    clean_temporaries()
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=slot.parent, prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".msgpack")
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
    head = encode(
        Head(
            key,
            msgspec.structs.replace(briefing, timeline=[]),
            [len(chunk) for chunk in chunks],
            [digest_of(chunk) for chunk in chunks],
        )
    )
    return [PREFIX.pack(MAGIC, len(head), digest_of(head)), head, *chunks]


def _write_briefing(key: Key, briefing: Briefing) -> None:
    slot = _slot("briefings", key.path)
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

    def __init__(self, file: BinaryIO, head: Head, path: Path, slot: Path) -> None:
        self.file, self.chunks, self.digests = file, head.chunks, head.digests
        self.path, self.key, self.slot = path, head.key, slot

    def read(self, head: Briefing) -> Briefing:
        try:
            with self.file, gc_paused():
                events: list[Event] = []
                decoder = msgspec.msgpack.Decoder(list[Event])
                for size, digest in zip(self.chunks, self.digests, strict=True):
                    data = self.file.read(size)
                    if len(data) != size:
                        raise ValueError("the cache file is cut short")
                    if digest_of(data) != digest:
                        raise ValueError("a chunk of the cache file was altered")
                    events.extend(decoder.decode(data))
            whole = msgspec.structs.replace(head, timeline=events)
        except (OSError, ValueError, TypeError):  # msgspec's errors are ValueErrors
            with contextlib.suppress(OSError):
                self.slot.unlink()
            whole = self._parse_again(head)
        clean_temporaries()  # in the worker, after the first paint
        return whole

    def _parse_again(self, head: Briefing) -> Briefing:
        """The cached events are unreadable: take them from the file itself, if
        it still is the one the head came from."""
        data = read_briefing_file(self.path)
        key = key_of(self.path, data)
        whole = _parse(data, key.sha256, self.path)
        if key != self.key and msgspec.structs.replace(whole, timeline=[]) != head:
            message = "the file changed while it was being opened; open it again to see its timeline"
            raise BriefingError([Problem(os.fspath(self.path), 0, 0, "", message)])
        _write_briefing(key, whole)
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
        magic, size, digest = PREFIX.unpack(file.read(PREFIX.size))
        if magic != MAGIC:
            raise ValueError("not a briefing cache file")
        rest = os.fstat(file.fileno()).st_size - PREFIX.size - size
        if rest < 0:  # a corrupt length: never allocate it
            raise ValueError("the cache file is cut short")
        data = file.read(size)
        if digest_of(data) != digest:
            raise ValueError("the cache file's head was altered")
        with gc_paused():
            head = msgspec.msgpack.decode(data, type=Head)
        if head.key != key:
            raise ValueError("stale")
        if len(head.digests) != len(head.chunks) or any(chunk < 0 for chunk in head.chunks) or sum(head.chunks) != rest:
            raise ValueError("the chunks do not fill the cache file")
        if not head.chunks:
            file.close()
            return Opened(head.briefing)
        return Opened(head.briefing, _Rest(file, head, path, slot))
    except (OSError, ValueError, TypeError, struct.error):
        file.close()
        return None


def _parse(data: bytes, sha256: bytes, path: Path) -> Briefing:
    """The briefing whose YAML is `data` (the pre-validated copy of a bundled
    briefing, else parsed). Raises BriefingError only."""
    briefing = prevalidated(data, sha256)
    if briefing is None:
        from briefing_tui.model.loader import parse_briefing

        briefing = parse_briefing(data, os.fspath(path))
    return briefing


def open_briefing_cached(path: str | os.PathLike[str]) -> Opened:
    """Open the briefing at `path` through the cache. Raises BriefingError only.

    The file is read and hashed; from the cache, only the head is decoded
    here (see :class:`Opened`). A cache hit needs neither PyYAML nor the
    validator: they are imported on a miss, unless the file is a bundled
    briefing, which ships pre-validated. The entry written on a miss is keyed
    on the very bytes that were parsed.
    """
    path = Path(path)
    data = read_briefing_file(path)
    key = key_of(path, data)
    opened = _open_cached(path, key)
    if opened is not None:
        return opened
    briefing = _parse(data, key.sha256, path)
    del data  # not needed while the cache is written
    _write_briefing(key, briefing)
    return Opened(briefing)


def load_briefing_cached(path: str | os.PathLike[str]) -> Briefing:
    """The whole briefing at `path`, through the cache. Raises BriefingError only."""
    return open_briefing_cached(path).finish()


def read_library_cache(folder: Path) -> LibraryCache:
    """The library cache of `folder`; empty when it is missing, altered or from
    another version."""
    empty = LibraryCache()
    slot = _slot("libraries", str(folder.resolve()))
    if slot is None:
        return empty
    try:
        data = slot.read_bytes()
        magic, digest = LIBRARY_PREFIX.unpack_from(data)
        payload = memoryview(data)[LIBRARY_PREFIX.size :]
        if magic != LIBRARY_MAGIC or digest_of(payload) != digest:
            return empty
        with gc_paused():
            cache = msgspec.msgpack.decode(payload, type=LibraryCache)
    except (OSError, ValueError, TypeError, struct.error):
        return empty
    return cache if (cache.format, cache.app) == (FORMAT_VERSION, __version__) else empty


def write_library_cache(folder: Path, cache: LibraryCache) -> None:
    payload = msgspec.msgpack.encode(cache)
    prefix = LIBRARY_PREFIX.pack(LIBRARY_MAGIC, digest_of(payload))
    _write_parts(_slot("libraries", str(folder.resolve())), [prefix, payload])
