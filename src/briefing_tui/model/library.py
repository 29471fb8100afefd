"""A folder of briefings: what each one is, or why it does not load."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing_tui.model.loader import BriefingError, briefing_path_ok, load_briefing
from briefing_tui.model.schema import Briefing


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
    return sorted(p for p in folder.iterdir() if p.is_file() and briefing_path_ok(p))


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
    try:
        return summarize(load_briefing(path), path)
    except BriefingError as error:
        return LibraryEntry(path=path, title=path.name, error=error)
