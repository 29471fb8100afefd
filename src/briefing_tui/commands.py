"""The `export` and `search` commands: the pure core, no Textual."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.exits import EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK
from briefing_tui.model.loader import BriefingError, load_briefing
from briefing_tui.model.schema import Briefing
from briefing_tui.textsafe import literal_line, one_line, say

if TYPE_CHECKING:
    from briefing_tui.notes.store import NoteStore


def load_or_report(path: Path) -> Briefing | None:
    """The briefing at `path`, or None after printing its problems to stderr."""
    try:
        return load_briefing(path)
    except BriefingError as error:
        say(error, file=sys.stderr)
        return None


def open_notes(path: Path | None, command: str) -> NoteStore | None:
    """The notes database for a command that only reads notes (`path`, else
    the default), opened read-only: never created, never changed. None after
    saying on stderr why it cannot be read (no file there, naming the default
    location too; damaged; not a notes database; another program's)."""
    from briefing_tui.notes.errors import NotesUnavailable
    from briefing_tui.notes.store import NoteStore, default_notes_path

    target = path or default_notes_path()
    try:
        return NoteStore(target, read_only=True)
    except NotesUnavailable as error:
        say(f"briefing-tui {command}: {_unreadable(error, target)}", file=sys.stderr)
        return None


def _unreadable(error: Exception, target: Path) -> str:
    """Why the notes at `target` cannot be read; for a missing file, where
    the default is and how to name another."""
    if target.exists() or target.is_symlink():
        return str(error)
    return f"there is no notes file at {literal_line(str(target))}. {_default_location(target)}"


def _default_location(target: Path) -> str:
    import os

    from briefing_tui.notes.store import ENV_VAR, default_notes_path

    default = default_notes_path()
    shown = literal_line(str(default))
    source = f" (from {ENV_VAR})" if os.environ.get(ENV_VAR, "").strip() else ""
    if target == default:
        where = f"That is the default location{source}: no notes have been written there yet"
    else:
        where = f"The default is {shown}{source}"
    return f"{where}; --notes PATH names another notes file. Nothing was created."


def export_command(args: argparse.Namespace) -> int:
    """`briefing-tui export BRIEFING [-o FILE|-] [--force] [--notes PATH]`."""
    from briefing_tui.notes.errors import ExportExists, NotesError
    from briefing_tui.notes.export import ExportNotAFile, export_notes

    if args.briefing is None:  # as the app does with no argument: the bundled briefing
        from briefing_tui.model.cache import bundled_dir
        from briefing_tui.model.library import the_only_briefing

        args.briefing = the_only_briefing(bundled_dir())
        if args.briefing is None:
            say("briefing-tui export: name the briefing whose notes to export", file=sys.stderr)
            return EXIT_CANNOT_RUN
    briefing = load_or_report(args.briefing)
    if briefing is None:
        return EXIT_CANNOT_RUN
    store = open_notes(args.notes, "export")
    if store is None:  # the notes cannot be read: said why, nothing written
        return EXIT_CANNOT_RUN
    to_stdout = args.output in (None, "-")
    try:
        from briefing_tui.notes.copies import notes_home

        home = notes_home(store, briefing.meta.id, args.briefing, record=False)  # this file's notes
        target = None if to_stdout else Path(args.output)
        done = export_notes(briefing, store, target, overwrite=args.force, notes_id=home.notes_id)
    except ExportExists as error:
        how = "to write through the link" if Path(error.path).is_symlink() else "to overwrite it"
        say(f"briefing-tui export: {error} Use --force {how}.", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except ExportNotAFile as error:
        say(f"briefing-tui export: {error} For stdout, leave out -o or give '-o -'.", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except NotesError as error:
        say(f"briefing-tui export: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    finally:
        store.close()
    if done.path is None:
        # An output error (a full disk, EIO) is cli.main's: a message and exit 2.
        sys.stdout.write(done.text)
    else:
        noun = "note" if done.count == 1 else "notes"
        say(f"{done.count} {noun} exported to {literal_line(str(done.path))}", file=sys.stderr)
    return EXIT_OK


def search_command(args: argparse.Namespace) -> int:
    """`briefing-tui search BRIEFING QUERY...`: one line per hit; exit 1 on no match.

    Notes are searched when the query can match them. Notes that cannot be
    read are never skipped in silence: stderr says they were not searched and
    why; the briefing's hits still come, but a query of notes only
    (`in:notes`) exits 2, since its answer would mean nothing. A `--notes`
    file that does not exist exits 2 (nothing is created); with no notes file
    at the default location there are no notes yet, which `in:notes` says.
    """
    from briefing_tui.model.items import KIND_LABELS
    from briefing_tui.model.query import QueryError, parse_query
    from briefing_tui.model.search import SearchIndex

    briefing = load_or_report(args.briefing)
    if briefing is None:
        return EXIT_CANNOT_RUN
    files = [word for word in args.query if word.lower().endswith((".yaml", ".yml")) and Path(word).is_file()]
    if files:
        say(
            f"briefing-tui search: {literal_line(files[0])} is a briefing file, not a search word: "
            "search takes one briefing, then the words to look for "
            "(quote the word to search for it: briefing-tui search BRIEFING '\"name.yaml\"').",
            file=sys.stderr,
        )
        return EXIT_CANNOT_RUN
    text = " ".join(args.query)
    try:
        query = parse_query(text)
    except QueryError as error:
        say(f"briefing-tui search: {one_line(error.message)}", file=sys.stderr)
        if error.position is not None:
            # One for one, so the caret stays under the character it points at.
            say(f"  {literal_line(text)}\n  {' ' * error.position}^", file=sys.stderr)
        return EXIT_CANNOT_RUN
    notes_only = query.kinds == frozenset(("note",))
    notes: dict[str, str] = {}
    if args.notes is not None or not query.kinds or "note" in query.kinds:
        read, status = _notes_to_search(args.notes, briefing.meta.id, args.briefing, notes_only=notes_only)
        if read is None:
            return status
        notes = read
    result = SearchIndex(briefing, notes).search(query)
    for hit in result.hits:
        kind = "Note" if hit.kind == "note" else KIND_LABELS.get(hit.kind, hit.kind)
        # The second column is the item's number or date; empty for kinds without one.
        where = "" if hit.label in (kind, KIND_LABELS.get(hit.kind)) else one_line(hit.label)
        say(f"{kind}\t{where}\t{one_line(hit.title)}")
    return EXIT_OK if result.hits else EXIT_FAILED


def _notes_to_search(
    path: Path | None, briefing_id: str, briefing_path: Path, *, notes_only: bool
) -> tuple[dict[str, str] | None, int]:
    """The notes of the briefing file for `search` (item id -> text), or None and
    the exit status after saying why on stderr. Notes that cannot be read
    are said to be left out; the search goes on without them (`{}`) unless
    it asked for notes only."""
    from briefing_tui.notes.errors import NotesError
    from briefing_tui.notes.store import NoteStore, default_notes_path

    target = path or default_notes_path()
    if path is None and not target.exists() and not target.is_symlink():
        if notes_only:  # no notes written yet: say so, not "no match" alone
            say(
                f"briefing-tui search: there are no notes yet (no notes file at {literal_line(str(target))})",
                file=sys.stderr,
            )
        return {}, EXIT_OK
    if path is not None and not target.exists() and not target.is_symlink():
        say(f"briefing-tui search: {_unreadable(FileNotFoundError(), target)}", file=sys.stderr)
        return None, EXIT_CANNOT_RUN
    try:
        from briefing_tui.notes.copies import notes_home

        with NoteStore(target, read_only=True) as store:
            notes_id = notes_home(store, briefing_id, briefing_path, record=False).notes_id  # this file's notes
            return {note.item_id: note.body for note in store.list_notes(notes_id)}, EXIT_OK
    except NotesError as error:
        say(f"briefing-tui search: notes not searched: {error}", file=sys.stderr)
        return (None, EXIT_CANNOT_RUN) if notes_only else ({}, EXIT_OK)
