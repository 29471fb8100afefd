"""A folder of briefings: what each one is, or why it does not load."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.model.problems import BriefingError, read_briefing_file

if TYPE_CHECKING:
    from briefing_tui.model.cache import LibraryEntryCache, Summary
    from briefing_tui.model.schema import Briefing


def briefing_name_ok(name: str) -> bool:
    """Whether a file looks like a briefing by its name."""
    return name.lower().endswith((".yaml", ".yml")) and not name.startswith(".")


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One file of a library: its summary, or the error that stops it loading."""

    path: Path
    title: str = ""
    parties: tuple[str, ...] = ()
    as_of: str = ""
    events: int = 0
    recommendations: int = 0
    error: BriefingError | None = None
    briefing_id: str = ""
    #: Some other YAML file (no ``format:`` key): listed apart, not as broken.
    not_a_briefing: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


#: How deep below a library folder briefings are looked for.
MAX_DEPTH = 8


def library_files(folder: Path) -> list[Path]:
    """The briefing files in `folder` and its subfolders (not hidden ones,
    nor links to folders, so no loop), sorted by their path in the folder."""
    found: list[Path] = []

    def walk(here: Path, depth: int) -> None:
        with os.scandir(here) as entries:  # file types without a stat per file
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    if depth < MAX_DEPTH:
                        try:
                            walk(here / entry.name, depth + 1)
                        except OSError:
                            continue  # an unreadable subfolder: the rest is listed
                elif briefing_name_ok(entry.name) and entry.is_file():
                    found.append(here / entry.name)

    walk(folder, 0)
    return sorted(found, key=lambda path: path.relative_to(folder).parts)


def the_only_briefing(folder: Path) -> Path | None:
    """The briefing file of a folder that holds exactly one (the bundled
    briefings, opened or exported with no path named), else None."""
    files = library_files(folder) if folder.is_dir() else []
    return files[0] if len(files) == 1 else None


#: How much of a file :func:`looks_like_briefing` reads.
SNIFF_BYTES = 65536


def looks_like_briefing(data: bytes) -> bool:
    """Whether YAML bytes have a top-level ``format:`` key (in their first
    SNIFF_BYTES): a file without one is some other YAML (a config, notes), not
    a briefing that fails to load."""
    return re.search(rb"^format\s*:", data[:SNIFF_BYTES], re.MULTILINE) is not None


def summarize(briefing: Briefing, path: Path) -> LibraryEntry:
    return LibraryEntry(
        path=path,
        title=briefing.meta.title,
        parties=tuple(briefing.meta.parties),
        as_of=briefing.meta.as_of,
        events=len(briefing.timeline),
        recommendations=len(briefing.recommendations),
        briefing_id=briefing.meta.id,
    )


def read_entry(path: Path) -> LibraryEntry:
    """Load `path` and summarise it; a file that fails is an entry with its error."""
    from briefing_tui.model.loader import load_briefing  # PyYAML: only when a file is read

    try:
        return summarize(load_briefing(path), path)
    except BriefingError as error:
        return LibraryEntry(path=path, title=path.name, error=error)


def _entry(path: Path, summary: Summary) -> LibraryEntry:
    return LibraryEntry(
        path,
        summary.title,
        tuple(summary.parties),
        summary.as_of,
        summary.events,
        summary.recommendations,
        briefing_id=summary.briefing_id,
    )


class LibraryScan:
    """Read a folder's entries, reusing the summaries of unchanged files.

    Summaries of files that loaded are cached with the file's stat and the
    SHA-256 of its bytes (see :mod:`briefing_tui.model.cache` for why):
    :meth:`cached` trusts an unchanged stat, a few system calls per file;
    :meth:`read` reads the file, and parses it only when its hash is not the
    cached one. Files that failed are read again every time, so their
    problems are always current.
    """

    def __init__(self, folder: Path) -> None:
        from briefing_tui.model.cache import read_library_cache

        self.folder = folder
        self.cache = read_library_cache(folder)
        self.fresh: dict[str, LibraryEntryCache] = {}

    def cached(self, path: Path) -> LibraryEntry | None:
        """The entry of `path` from the cache, if its stat is the one cached."""
        from briefing_tui.model.cache import file_stat

        hit = self.cache.entries.get(str(path))
        if hit is None or hit.stat is None or not hit.summary.briefing_id or file_stat(path) != hit.stat:
            return None  # an entry from before summaries held the id is read again
        self.fresh[str(path)] = hit
        return _entry(path, hit.summary)

    def read(self, path: Path) -> LibraryEntry:
        """The entry of `path` from its bytes: from the cache when they hash to
        the cached SHA-256, else parsed."""
        from briefing_tui.model.cache import LibraryEntryCache, Summary, digest_of, file_stat, trusted_stat

        stat = file_stat(path)  # before the read: a change during it shows next time
        try:
            data = read_briefing_file(path)
        except BriefingError as error:
            return LibraryEntry(path=path, title=path.name, error=error)
        digest = digest_of(data)
        hit = self.cache.entries.get(str(path))
        if hit is not None and hit.sha256 == digest and hit.summary.briefing_id:
            entry = _entry(path, hit.summary)
            summary = hit.summary
        else:
            from briefing_tui.model.loader import parse_briefing  # PyYAML: only when a file is parsed

            try:
                entry = summarize(parse_briefing(data, os.fspath(path)), path)
            except BriefingError as error:
                other = not looks_like_briefing(data)
                return LibraryEntry(path=path, title=path.name, error=error, not_a_briefing=other)
            summary = Summary(
                entry.title, list(entry.parties), entry.as_of, entry.events, entry.recommendations, entry.briefing_id
            )
        self.fresh[str(path)] = LibraryEntryCache(trusted_stat(stat), digest, summary)
        return entry

    def save(self) -> None:
        from briefing_tui.model.cache import LibraryCache, write_library_cache

        write_library_cache(self.folder, LibraryCache(self.fresh))
