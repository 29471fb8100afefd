"""A folder of briefings: what each one is, or why it does not load."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.model.problems import BriefingError

if TYPE_CHECKING:
    from briefing_tui.model.cache import Key, Summary
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

    @property
    def ok(self) -> bool:
        return self.error is None


def library_files(folder: Path) -> list[Path]:
    """The briefing files directly in `folder`, sorted by name."""
    with os.scandir(folder) as entries:  # file types without a stat per file
        names = sorted(e.name for e in entries if briefing_name_ok(e.name) and e.is_file())
    return [folder / name for name in names]


def summarize(briefing: Briefing, path: Path) -> LibraryEntry:
    return LibraryEntry(
        path=path,
        title=briefing.meta.title,
        parties=tuple(briefing.meta.parties),
        as_of=briefing.meta.as_of,
        events=len(briefing.timeline),
        recommendations=len(briefing.recommendations),
    )


def read_entry(path: Path) -> LibraryEntry:
    """Load `path` and summarise it; a file that fails is an entry with its error."""
    from briefing_tui.model.loader import load_briefing  # PyYAML: only when a file is read

    try:
        return summarize(load_briefing(path), path)
    except BriefingError as error:
        return LibraryEntry(path=path, title=path.name, error=error)


class LibraryScan:
    """Read a folder's entries, reusing the summaries of unchanged files.

    Summaries of files that loaded are cached by path, size and modification
    time (see :mod:`briefing_tui.model.cache`); files that failed are read again
    every time, so their problems are always current.
    """

    def __init__(self, folder: Path) -> None:
        from briefing_tui.model.cache import read_library_cache

        self.folder = folder
        self._resolved = folder.resolve()
        self.cache = read_library_cache(folder)
        self.fresh: dict[str, tuple[Key, Summary]] = {}

    def _key(self, path: Path) -> Key | None:
        """:func:`cache.key_of`, without resolving every file of the folder again."""
        from briefing_tui.model.cache import Key, key_of

        if path.parent != self.folder or path.is_symlink():
            return key_of(path)
        try:
            stat = path.stat()
        except OSError:
            return None
        return Key(str(self._resolved / path.name), stat.st_size, stat.st_mtime_ns)

    def cached(self, path: Path) -> LibraryEntry | None:
        key = self._key(path)
        hit = self.cache.entries.get(str(path))
        if key is None or hit is None or hit[0] != key:
            return None
        self.fresh[str(path)] = hit
        summary = hit[1]
        return LibraryEntry(
            path, summary.title, tuple(summary.parties), summary.as_of, summary.events, summary.recommendations
        )

    def read(self, path: Path) -> LibraryEntry:
        from briefing_tui.model.cache import Summary

        key = self._key(path)
        entry = read_entry(path)
        if entry.ok and key is not None:
            summary = Summary(entry.title, list(entry.parties), entry.as_of, entry.events, entry.recommendations)
            self.fresh[str(path)] = (key, summary)
        return entry

    def save(self) -> None:
        from briefing_tui.model.cache import LibraryCache, write_library_cache

        write_library_cache(self.folder, LibraryCache(self.fresh))
