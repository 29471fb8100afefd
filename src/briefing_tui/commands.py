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


def open_notes(path: Path | None) -> NoteStore:
    from briefing_tui.notes.store import NoteStore, default_notes_path

    return NoteStore.open(path or default_notes_path())


def export_command(args: argparse.Namespace) -> int:
    """`briefing-tui export BRIEFING [-o FILE|-] [--force] [--notes PATH]`."""
    from briefing_tui.notes.errors import ExportExists, NotesError
    from briefing_tui.notes.export import ExportNotAFile, export_notes

    briefing = load_or_report(args.briefing)
    if briefing is None:
        return EXIT_CANNOT_RUN
    store = open_notes(args.notes)
    to_stdout = args.output in (None, "-")
    try:
        if store.problem and not store.path.exists():
            say(f"briefing-tui export: {store.problem}", file=sys.stderr)
            return EXIT_CANNOT_RUN
        done = export_notes(briefing, store, None if to_stdout else Path(args.output), overwrite=args.force)
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
    """`briefing-tui search BRIEFING QUERY...`: one line per hit; exit 1 on no match."""
    from briefing_tui.model.items import KIND_LABELS
    from briefing_tui.model.query import QueryError
    from briefing_tui.model.search import SearchIndex
    from briefing_tui.notes.errors import NotesError

    briefing = load_or_report(args.briefing)
    if briefing is None:
        return EXIT_CANNOT_RUN
    notes: dict[str, str] = {}
    if args.notes is not None or _notes_exist():
        store = open_notes(args.notes)
        try:
            notes = {note.item_id: note.body for note in store.list_notes(briefing.meta.id)}
        except NotesError as error:
            say(f"briefing-tui search: notes not searched: {error}", file=sys.stderr)
        finally:
            store.close()
    text = " ".join(args.query)
    try:
        result = SearchIndex(briefing, notes).search(text)
    except QueryError as error:
        say(f"briefing-tui search: {one_line(error.message)}", file=sys.stderr)
        if error.position is not None:
            # One for one, so the caret stays under the character it points at.
            say(f"  {literal_line(text)}\n  {' ' * error.position}^", file=sys.stderr)
        return EXIT_CANNOT_RUN
    for hit in result.hits:
        kind = "Note" if hit.kind == "note" else KIND_LABELS.get(hit.kind, hit.kind)
        say(f"{kind}\t{one_line(hit.label)}\t{one_line(hit.title)}")
    return EXIT_OK if result.hits else EXIT_FAILED


def _notes_exist() -> bool:
    from briefing_tui.notes.store import default_notes_path

    return default_notes_path().exists()
