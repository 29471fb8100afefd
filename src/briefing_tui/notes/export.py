"""Notes of one briefing as a Markdown (CommonMark) document, and a safe way
to write it to a file.

:func:`render_markdown` is a pure function of the briefing, the notes and the
export time. The document::

    # <briefing title> — notes

    Parties: A, B · As of 20 Jan 2009 · Exported 1 May 2024, 12:00 UTC

    ## General note                      (if there is one)

    <the note>

    ## Recommendation 4 — <title>        (each item with a note: recommendations first)

    > <the item's text; a recommendation's footnotes too>

    Sources:                             (if the item cites any)

    - <source title> — <https://...>

    **Note:**

    <the note>

    ## Orphaned notes                    (notes whose item is no longer there)

    ### <label saved with the note, or its item id>

    *This item is no longer in the briefing (item id: ...).*

    <the note>

Notes are untrusted Markdown and briefing text is untrusted plain text; how
both are kept from changing the document's structure (headings demoted by
three levels, fences closed, HTML blocks and setext underlines escaped,
briefing text escaped and quoted) is described in
:mod:`briefing_tui.notes.mdsafe`. The upshot: the document's headings of
levels 1-3 are exactly the ones generated here. Terminal control characters
never reach the output (:func:`briefing_tui.textsafe.strip_control`).

Notes of other briefings in the list are ignored, and so are blank notes;
the order is :func:`briefing_tui.notes.order.order_notes`, the Notes pane's.
:func:`export_notes` is the whole sequence (read, render, write) that the
``export`` command and the app both run.

:func:`write_atomic` writes a file all-or-nothing (temporary file in the same
folder, fsync, rename), only to a regular file or a new name, or through a
symbolic link to one (next to the link's target; the link stays);
:func:`export_target` says what a path is before anything is written, without
opening it: named pipes, devices, sockets and folders are refused. No
textual, no rich.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefing_tui.model.dates import format_date
from briefing_tui.model.items import ItemIndex, ItemRef, cited_ids, item_body, item_name, labelled_fields, lettered
from briefing_tui.model.schema import Briefing, Recommendation, Source
from briefing_tui.notes import mdsafe
from briefing_tui.notes.errors import ExportError, ExportExists
from briefing_tui.notes.order import OrderedNotes, order_notes, orphan_label
from briefing_tui.notes.store import Note, NoteStore
from briefing_tui.textsafe import literal_line, one_line

__all__ = [
    "ExportError",
    "ExportExists",
    "ExportNotAFile",
    "ExportTarget",
    "Exported",
    "default_export_name",
    "export_notes",
    "export_target",
    "render_markdown",
    "write_atomic",
]

GENERAL_HEADING = "General note"
ORPHANS_HEADING = "Orphaned notes"
NOTE_LABEL = "**Note:**"
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def default_export_name(briefing: Briefing) -> str:
    """The suggested file name of a briefing's notes export."""
    return f"{briefing.meta.id}-notes.md"


def default_export_folder(briefing_path: Path | None) -> Path:
    """Where the app suggests writing the export: beside the briefing when
    that folder can be written (not the app's own bundled folder), else the
    user's documents folder, else their home; not the current folder, which
    for an app started from a launcher or a new terminal means nothing."""
    from briefing_tui.model.cache import bundled_dir

    if briefing_path is not None:
        folder = briefing_path.resolve().parent
        if folder != bundled_dir().resolve() and os.access(folder, os.W_OK):
            return folder
    from platformdirs import user_documents_dir

    documents = Path(user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def _export_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return f"{format_date(moment.date().isoformat())}, {moment:%H:%M} UTC"


def _source_line(source: Source | None, source_id: str) -> str:
    if source is None:
        return mdsafe.plain_line(source_id)
    line = mdsafe.plain_line(source.title)
    link = mdsafe.autolink(source.links[0]) if source.links else None
    return f"{line} — {link}" if link else line


def _quote(ref: ItemRef) -> list[str]:
    """The item's text as a block quote (a recommendation's sub-points and
    footnotes too)."""
    lines = mdsafe.blockquote(item_body(ref.kind, ref.item))
    if isinstance(ref.item, Recommendation):
        parts = [(f"{letter})", point) for letter, point in lettered(ref.item.points)]  # format 2, as shown
        parts += [(f"Footnote {mdsafe.inline(one_line(note.mark))}:", note.text) for note in ref.item.footnotes]
        for prefix, text in parts:
            quoted = mdsafe.blockquote(text)
            if not quoted:
                continue
            first = quoted[0][2:] if quoted[0] != ">" else ""
            quoted[0] = f"> {prefix} {first}".rstrip()
            if lines:
                lines.append(">")
            lines.extend(quoted)
    return lines


def _item_section(index: ItemIndex, ref: ItemRef, note_lines: list[str]) -> list[str]:
    out = [f"## {mdsafe.heading_text(ref.heading)}", ""]
    quote = _quote(ref)
    if quote:
        out += [*quote, ""]
    for label, values in labelled_fields(ref.item):  # as the detail pane shows them
        if values:
            out += [f"{label}: {', '.join(mdsafe.inline(one_line(value)) for value in values)}", ""]
    if isinstance(ref.item, Source):
        for label, url in [*(("Link", url) for url in ref.item.links), ("Archived copy", ref.item.archived)]:
            link = mdsafe.autolink(url) if url else None
            if link:
                out += [f"{label}: {link}", ""]
    if ref.item.uncertain:  # format 2
        out += [f"Uncertain: {mdsafe.inline(one_line(ref.item.uncertain))}", ""]
    see = index.see_also(ref)
    if see:  # format 2: what the item points to, named as the app names it
        named = (f"{what} — {title}" for what, title in map(item_name, see))
        out += [f"See also: {'; '.join(mdsafe.inline(one_line(name)) for name in named)}", ""]
    cited = cited_ids(ref.item)
    if cited:
        out += ["Sources:", ""]
        out += [f"- {_source_line(index.sources.get(sid), sid)}" for sid in cited]
        out.append("")
    out += [NOTE_LABEL, "", *note_lines, ""]
    return out


def render_markdown(briefing: Briefing, notes: Iterable[Note], exported_at: datetime) -> str:
    """The notes on ``briefing`` as one CommonMark document (see the module
    docstring). Pure: the same inputs give the same text."""
    index = ItemIndex(briefing)
    return _render(index, order_notes(index, notes, skip_blank=True), exported_at)


def _render(index: ItemIndex, ordered: OrderedNotes, exported_at: datetime) -> str:
    meta = index.briefing.meta
    parties = ", ".join(one_line(party) for party in meta.parties)
    out = [
        f"# {mdsafe.heading_text(meta.title)} — notes",
        "",
        mdsafe.inline(
            one_line(f"Parties: {parties} · As of {format_date(meta.as_of)} · Exported {_export_time(exported_at)}")
        ),
        "",
    ]
    if ordered.general is not None:
        out += [f"## {GENERAL_HEADING}", "", *mdsafe.note_block(ordered.general.body, under=2), ""]
    for ref, note in ordered.on_items:
        out += _item_section(index, ref, mdsafe.note_block(note.body, under=2))
    if ordered.orphans:
        out += [f"## {ORPHANS_HEADING}", ""]
        for note in ordered.orphans:
            label = orphan_label(note)
            gone = mdsafe.inline(one_line(note.item_id)) or "none"
            out += [
                f"### {mdsafe.heading_text(label or 'Unnamed item')}",
                "",
                f"*This item is no longer in the briefing (item id: {gone}).*",
                "",
                *mdsafe.note_block(note.body),
                "",
            ]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


@dataclass(frozen=True, slots=True)
class Exported:
    """What :func:`export_notes` did."""

    #: How many notes the document holds (blank notes are left out).
    count: int
    text: str
    #: Where it was written; None when only rendered (for stdout).
    path: Path | None


def export_notes(
    briefing: Briefing,
    store: NoteStore,
    target: str | os.PathLike[str] | None,
    *,
    overwrite: bool = False,
    now: datetime | None = None,
    notes_id: str | None = None,
) -> Exported:
    """Read the notes on `briefing` from `store`, render them and, unless
    `target` is None, write them there with :func:`write_atomic`. `notes_id`:
    where this file's notes are kept, if not under the briefing's id
    (:mod:`briefing_tui.notes.copies`).

    Raises :class:`~briefing_tui.notes.errors.NotesError` when the notes
    cannot be read, :class:`ExportExists` or :class:`ExportError` when the
    file cannot be written; nothing is written then.
    """
    index = ItemIndex(briefing)
    ordered = order_notes(index, store.list_notes(notes_id or briefing.meta.id), skip_blank=True)
    text = _render(index, ordered, now or datetime.now(UTC))
    path = write_atomic(target, text, overwrite=overwrite) if target is not None else None
    return Exported(len(ordered), text, path)


# ----------------------------------------------------------------- writing


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable where the platform allows (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class ExportTarget:
    """Where an export to ``path`` lands (see :func:`export_target`)."""

    #: The path as given.
    path: Path
    #: The file written: ``path``, or where its symbolic link(s) lead.
    real: Path
    #: ``path`` is a symbolic link (to a regular file, or dangling).
    link: bool
    #: ``real`` exists (a regular file).
    real_exists: bool

    @property
    def exists(self) -> bool:
        """Something is at ``path``: a file, or a link (a dangling one too).
        Writing there replaces something, so the reader is asked first."""
        return self.link or self.real_exists


class ExportNotAFile(ExportError):
    """The export target is not a regular file (nor a link to one, nor a new
    name): a folder, a named pipe, a device, a socket. Nothing was opened."""


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "not a regular file"


def _name(path: Path) -> str:
    return literal_line(str(path))


def export_target(path: str | os.PathLike[str]) -> ExportTarget:
    """What writing an export to ``path`` would do, found without opening it
    (a FIFO is never opened, so this never blocks).

    Accepted: a new name in an existing folder, a regular file, or a symbolic
    link to either (a dangling link counts as existing; the export goes to
    the link's target and the link stays). Raises :class:`ExportNotAFile`
    for a folder, named pipe, device or socket (or a link to one), and
    :class:`ExportError` for a link that loops or a folder that does not exist.
    """
    given = Path(path)
    try:
        info = os.lstat(given)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ExportError(f"Cannot export to {_name(given)}: {exc.strerror or exc}.") from exc
    link = info is not None and stat.S_ISLNK(info.st_mode)
    real = given
    if link:
        try:
            info = os.stat(given)
        except FileNotFoundError:
            info = None  # dangling: the export creates the link's target
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ExportError(f"Cannot export to {_name(given)}: it is a link that loops.") from exc
            raise ExportError(f"Cannot export to {_name(given)}: {exc.strerror or exc}.") from exc
        real = Path(os.path.realpath(given))
    if info is not None and not stat.S_ISREG(info.st_mode):
        through = f"it is a link to {_name(real)}, which is" if link else "it is"
        raise ExportNotAFile(
            f"Cannot export to {_name(given)}: {through} {_kind(info.st_mode)}. Export to a regular file."
        )
    folder = real.parent
    if not folder.is_dir():
        if link:
            why = f"it is a link to {_name(real)}, in a folder that does not exist"
        else:
            why = f"the folder {_name(folder)} does not exist"
        raise ExportError(f"Cannot export to {_name(given)}: {why}.")
    return ExportTarget(given, real, link, info is not None)


def write_atomic(path: str | os.PathLike[str], text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` all-or-nothing; return ``path``.

    ``path`` must be accepted by :func:`export_target`: a regular file or a
    new name, or a link to one, which is written through (its target is
    replaced, the link stays). Raises :class:`ExportExists` if something is
    at ``path`` (a dangling link too) and ``overwrite`` is False,
    :class:`ExportNotAFile` for a folder, pipe, device or socket, and
    :class:`ExportError` (plain words) if writing fails. The text goes to a
    temporary file in the folder of the file written (the link's target's),
    is flushed and fsynced, then renamed onto it (without ``overwrite``,
    hard-linked, so a file created meanwhile is not replaced). A replaced
    file's permission bits are kept. On failure the temporary file is removed
    and every file is as it was. No folder is created.
    """
    target = export_target(path)
    if target.exists and not overwrite:
        raise _exists(target)
    real = target.real
    folder = real.parent
    mode = _mode_of(real) if target.real_exists else None
    temp = folder / f".{real.name}.{secrets.token_hex(6)}.tmp"
    data = text.encode("utf-8")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        try:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(temp, real)
        else:
            _link_new(temp, target)
        _fsync_dir(folder)
    except ExportError:
        _remove(temp)
        raise
    except OSError as exc:
        _remove(temp)
        raise ExportError(f"Could not write {_name(real)}: {exc.strerror or exc}. Nothing was written.") from exc
    return target.path


def _mode_of(path: Path) -> int | None:
    """The permission bits of the file about to be replaced."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _exists(target: ExportTarget) -> ExportExists:
    name = _name(target.path)
    if not target.link:
        message = f"{name} already exists."
    elif target.real_exists:
        message = f"{name} already exists: it is a link to {_name(target.real)}."
    else:
        message = f"{name} already exists: it is a link to {_name(target.real)}, which does not exist yet."
    return ExportExists(message, str(target.path))


def _link_new(temp: Path, target: ExportTarget) -> None:
    """Put ``temp`` at ``target`` only if nothing is there."""
    try:
        os.link(temp, target.real)
    except FileExistsError:
        raise _exists(target) from None
    except OSError:
        # No hard links on this file system: check, then rename.
        if os.path.lexists(target.path) or os.path.lexists(target.real):
            raise _exists(target) from None
        os.replace(temp, target.real)
        return
    _remove(temp)


def _remove(temp: Path) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
