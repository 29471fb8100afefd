"""The recovery file: typed notes that the notes store could not take.

When a save fails (a read-only or damaged store, a full disk, a conflict not
yet answered), the app hands the text to :class:`Recovery` at once, not only at
exit: a process killed a moment later has lost nothing that reached it. The
file is Markdown, one section per note, and is always written whole: to a
temporary file in the same folder, fsynced, read back, renamed over the last
version, and the folder fsynced.

Where: the first of the places given that takes the whole file (by default
the user data folder, then the briefing's folder, then the home folder). When
none does, :attr:`Recovery.path` is None and the caller prints the notes
(:meth:`Recovery.text`) to stderr as the last resort. Once every note in it
has been saved to the store after all, the file is removed.

No textual, no rich.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from briefing_tui.textsafe import one_line

#: (briefing id, item id) of a note.
Key = tuple[str, str]


def default_places(briefing_folder: Path | None = None) -> list[Path]:
    """The user data folder, the briefing's folder, the home folder."""
    import platformdirs

    places = [Path(platformdirs.user_data_dir("briefing-tui"))]
    if briefing_folder is not None:
        places.append(briefing_folder)
    places.append(Path.home())
    return places


class Recovery:
    """Notes that could not be saved, kept on disk as they change."""

    def __init__(self, places: Iterable[Path]) -> None:
        self.places = list(places)
        #: (briefing id, item id) -> (label, text), in the order they came.
        self.notes: dict[Key, tuple[str, str]] = {}
        #: Where the file is now (None: nowhere yet, or nowhere would take it).
        self.path: Path | None = None
        #: Why the last write went nowhere, if it did.
        self.problem = ""
        self._name = f"briefing-tui-unsaved-notes-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.md"

    def __bool__(self) -> bool:
        return bool(self.notes)

    def keep(self, briefing_id: str, item_id: str, label: str, text: str) -> Path | None:
        """Keep `text` for this note (replacing what was kept for it), on disk now."""
        if self.notes.get((briefing_id, item_id)) == (label, text) and self.path is not None:
            return self.path
        self.notes[(briefing_id, item_id)] = (label, text)
        return self.write()

    def saved(self, briefing_id: str, item_id: str) -> None:
        """This note reached the store after all: it need not be recovered."""
        if self.notes.pop((briefing_id, item_id), None) is None:
            return
        if self.notes:
            self.write()
        elif self.path is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            else:
                self.path = None

    def text(self) -> str:
        """The file's Markdown: a heading per note, the note as typed."""
        lines = ["# briefing-tui: notes that could not be saved", ""]
        for (briefing_id, item_id), (label, text) in self.notes.items():
            where = f"{briefing_id} / {item_id or 'general note'}"
            lines += [f"## {one_line(where)} — {one_line(label)}", "", text, ""]
        return "\n".join(lines)

    def write(self) -> Path | None:
        """Write the whole file to the first place that takes it; its path, or None."""
        data = self.text().encode("utf-8")
        places = ([self.path.parent] if self.path is not None else []) + self.places
        problems: list[str] = []
        for folder in dict.fromkeys(places):
            try:
                path = _write_whole(folder / self._name, data)
            except OSError as error:
                problems.append(f"{folder}: {error.strerror or error}")
                continue
            if self.path is not None and self.path != path:
                try:
                    os.unlink(self.path)  # an older, shorter copy elsewhere
                except OSError:
                    pass
            self.path, self.problem = path, ""
            return path
        self.problem = "; ".join(problems)
        if self.path is not None and not _holds(self.path, data):
            self.path = None  # what is there is out of date: say nothing was kept
        return None


def _write_whole(target: Path, data: bytes) -> Path:
    """`data` at `target`, all or nothing (raises OSError, leaves nothing behind)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if not _holds(temp, data):
            raise OSError(0, "the file did not read back whole")
        os.replace(temp, target)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    try:
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        pass
    return target


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
