"""Two files with one briefing id: whose notes are whose.

A draft copy beside the original has the original's briefing id. Notes are
stored by briefing id, so without this module a note written on one copy
would show on the other and in its export. The rule:

- The first file whose notes are recorded under a briefing id keeps them under
  that id (so notes written before this record existed stay where they were).
- Another file with the same id, while the first still exists, keeps its notes
  apart, under ``<briefing id>@<8 hex digits of its path>``; the reader is
  warned, and told how to say the two are versions of one briefing.
- A file whose path is not recorded takes over the notes of a recorded file
  with the id that is gone (the briefing, or a copy, was moved or renamed).
- Notes whose files are all gone and that no other file took over (a copy
  moved over the original, the original deleted) are *stranded*: the app
  says so, and :func:`share_notes` brings them in.
- :func:`share_notes`: the reader says this file is a version of the briefing;
  its notes join the briefing id's, merged where both have a note on an item.

Files are known by their resolved path, or as the same file by another name. The notes store records them
(:meth:`NoteStore.briefing_files`); only the app records, so that the command
line's read-only uses never change the notes file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.notes.errors import NotesError

if TYPE_CHECKING:
    from briefing_tui.notes.store import NoteStore

#: Between the briefing id and the digits of a copy's own notes id.
APART = "@"


@dataclass(frozen=True, slots=True)
class NotesHome:
    """Where the notes of one file are kept."""

    #: The id the notes are stored under: the briefing id, or a copy's own.
    notes_id: str
    #: Other files with the same briefing id (that still exist), sorted.
    others: tuple[str, ...] = ()
    #: Whether this file's notes are kept apart from some of the others'.
    apart: bool = False
    #: Notes ids of this briefing whose files are gone and that no file shows
    #: (a copy moved over the original, the original deleted): share_notes
    #: brings them into this file's notes.
    stranded: tuple[str, ...] = ()


def file_key(path: str | os.PathLike[str]) -> str:
    """How the notes store knows a file: its resolved path."""
    return os.path.realpath(os.fspath(path))


def _same_file_key(key: str, recorded: Mapping[str, str]) -> str:
    """`key`, or the recorded path that is the same file by another spelling
    (a hard link, a bind mount, a case-insensitive file system)."""
    if key in recorded:
        return key
    for path in recorded:
        try:
            if os.path.samefile(path, key):
                return path
        except OSError:  # gone, or unreadable: not this file
            continue
    return key


def apart_id(briefing_id: str, key: str) -> str:
    """The notes id of a copy kept apart: stable for its path."""
    digits = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{briefing_id}{APART}{digits}"


def of_briefing(notes_id: str, briefing_id: str) -> bool:
    """Whether notes kept under `notes_id` are notes on briefing `briefing_id`
    (its own id, or a copy's)."""
    return notes_id == briefing_id or notes_id.startswith(briefing_id + APART)


def resolve(
    briefing_id: str,
    key: str,
    recorded: Mapping[str, str],
    exists: Callable[[str], bool] = os.path.exists,
) -> NotesHome:
    """Where the notes of the file `key` go, given the files `recorded` with
    this briefing id (path -> notes id). Pure, but for `exists`."""
    others = tuple(sorted(path for path in recorded if path != key and exists(path)))
    held = {recorded[path] for path in others}
    # Notes ids whose files are all gone (moved, renamed, deleted): no other
    # file shows them.
    vanished = sorted({recorded[path] for path in recorded if path != key and path not in others} - held)
    if key in recorded:
        notes_id = recorded[key]
    elif briefing_id in vanished or briefing_id not in held:
        notes_id = briefing_id  # the briefing moved here, or is the first file with its id
    elif vanished:
        notes_id = vanished[0]  # a copy renamed: its own notes follow it
    else:
        notes_id = apart_id(briefing_id, key)
    stranded = tuple(other for other in vanished if other != notes_id)
    return NotesHome(notes_id, others, apart=any(recorded[path] != notes_id for path in others), stranded=stranded)


def _locate(store: NoteStore, briefing_id: str, path: str | os.PathLike[str]) -> tuple[str, dict[str, str], NotesHome]:
    """The store's key for the file at `path`, the files recorded with its
    briefing id, and where its notes are (:func:`resolve`)."""
    recorded = store.briefing_files(briefing_id)
    key = _same_file_key(file_key(path), recorded)
    return key, recorded, resolve(briefing_id, key, recorded)


def notes_home(store: NoteStore, briefing_id: str, path: str | os.PathLike[str], *, record: bool) -> NotesHome:
    """Where the notes of the file at `path` are kept; with `record`, noted in
    the store (when it can be written) so that the answer stays the same.
    A store that cannot be read answers with the briefing id."""
    try:
        key, recorded, home = _locate(store, briefing_id, path)
    except NotesError:
        return NotesHome(briefing_id)
    if home.stranded:  # only those that still hold notes (a share empties them)
        try:
            stranded = tuple(other for other in home.stranded if store.list_notes(other))
        except NotesError:
            stranded = ()
        home = NotesHome(home.notes_id, home.others, home.apart, stranded)
    if record and recorded.get(key) != home.notes_id and not store.read_only:
        try:
            store.record_briefing_file(key, briefing_id, home.notes_id)
        except NotesError:  # a full disk: the same answer is worked out next time
            pass
    return home


def share_notes(store: NoteStore, briefing_id: str, path: str | os.PathLike[str]) -> int:
    """The file at `path` is a version of briefing `briefing_id`: its notes,
    and those of files with that id that are gone (:attr:`NotesHome.stranded`),
    join the briefing id's. Each note is written there before it is removed
    from where it was, so a failure halfway loses nothing; where both have a
    note on an item, both texts are kept. Returns how many notes moved.

    Raises :class:`NotesError` if the store cannot be written."""
    from briefing_tui.notes.session import NoteSession

    key, _, home = _locate(store, briefing_id, path)
    target = briefing_id  # versions of one briefing share its id's notes
    moved = 0
    for source in dict.fromkeys([home.notes_id, *home.stranded]):
        if source == target:
            continue
        for note in store.list_notes(source):
            there = store.get(target, note.item_id)
            body = NoteSession.merged(there.body, note) if there is not None else note.body
            store.save(
                target,
                note.item_id,
                body,
                expected_version=there.version if there is not None else 0,
                item_label=note.item_label,
            )
            store.delete(source, note.item_id, expected_version=note.version)
            moved += 1
    store.record_briefing_file(key, briefing_id, target)
    return moved


def shown_path(key: str, beside: str | os.PathLike[str] | None = None) -> str:
    """A recorded file as the reader is told of it: relative to the folder of
    `beside` where it is inside it (a copy next to the original), else whole."""
    if beside is not None:
        folder = Path(file_key(beside)).parent
        try:
            return str(Path(key).relative_to(folder))
        except ValueError:
            pass
    return key


__all__ = [
    "APART",
    "NotesHome",
    "apart_id",
    "file_key",
    "notes_home",
    "of_briefing",
    "resolve",
    "share_notes",
    "shown_path",
]
