"""Errors of the notes store and the Markdown export, in plain words.

Every error the notes code raises is a :class:`NotesError`; its ``str()`` is a
sentence a user can read (no SQLite jargon, no stack traces), so the app can
show it as is. ``sqlite3`` and ``OSError`` exceptions never escape the notes
package: they are wrapped in one of these, with the original as ``__cause__``.

No textual, no rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - typing only
    from briefing_tui.notes.note import Note


class NotesError(Exception):
    """Base of every notes error. ``str(error)`` is a plain-words message;
    ``detail`` is what SQLite said, when that is not plain words (kept for a
    log or a bug report, never part of the message)."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class NotesUnavailable(NotesError):
    """The notes database cannot be opened, written or read: there is no
    file, the folder cannot be created, the file or its folder is read-only,
    the file is damaged, is not a database, is a database of another program,
    or was made by a newer version of briefing-tui."""


class NotesWriteError(NotesError):
    """A write failed (disk full, read-only file or disk, I/O error, busy for
    too long). Nothing was changed: the transaction was rolled back."""


class NotesReadOnly(NotesWriteError):
    """The store was opened read-only (see ``NoteStore.open``), so it cannot
    save or delete. ``problem`` says why it is read-only."""

    def __init__(self, message: str, problem: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem


class NoteConflict(NotesError):
    """The note changed since the caller last read it (another window or
    process saved or deleted it). Nothing was written.

    ``current`` is the note as stored now (``None`` when there is no note any
    more); ``expected_version`` is the version the caller believed was stored
    (0 for "no note").
    """

    def __init__(self, current: Note | None, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        if current is None:
            message = (
                "This note was deleted in another window since you opened it. "
                "Your change was not saved; save again to keep your text."
            )
        elif expected_version == 0:
            message = (
                "Someone wrote a note here in another window since you opened it "
                f"(now version {current.version}). Your text was not saved."
            )
        else:
            message = (
                "This note was changed in another window since you opened it "
                f"(you had version {expected_version}, it is now version {current.version}). "
                "Your change was not saved."
            )
        super().__init__(message)


class ExportError(NotesError):
    """Writing an export file failed. The target file was left as it was."""


class ExportExists(ExportError):
    """The export file already exists and overwriting was not asked for."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path
