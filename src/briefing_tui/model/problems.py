"""Problems found in a briefing, the one error type that carries them, and
reading a briefing file (the first place a problem can arise).

Nothing here imports PyYAML, so the cache can read a file without it.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from briefing_tui.textsafe import literal_line, present

if TYPE_CHECKING:
    import yaml

PathPart = str | int

#: Briefing files larger than this are refused unread (50 MiB).
MAX_BYTES = 50 * 1024 * 1024
_MIB = 1024 * 1024
#: Open without waiting (a FIFO would wait for a writer; no effect on a regular file).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


#: A field name longer than this is cut where a path shows it (an unknown key
#: can be as long as the file).
_PART_SHOWN = 80


#: An item's id longer than this is cut where a path names the item by it.
_ID_SHOWN = 40


def format_path(path: tuple[PathPart, ...], data: object = None) -> str:
    """``("recommendations", 3, "title")`` -> ``recommendations #4 (rec-4).title``.

    A position counts from 1, as a reader counts; with the file's `data`
    (what YAML read), an item is named by its id too, where it has one."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            out += f" #{part + 1}"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            item_id = node.get("id") if isinstance(node, dict) else None
            if isinstance(item_id, str) and item_id.strip():
                shown = item_id if len(item_id) <= _ID_SHOWN else item_id[: _ID_SHOWN - 1] + "…"
                out += f" ({literal_line(shown)})"  # the id is the file's: kept on one line
        else:
            node = node.get(part) if isinstance(node, dict) else None
            if len(part) > _PART_SHOWN:
                part = part[: _PART_SHOWN - 1] + "…"
            out += f".{part}" if out else part
    return out


class Problem(NamedTuple):
    """One thing wrong with a briefing file. Line and column count from 1; 0 means
    the problem is with the file as a whole."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        """The problem as shown everywhere (validate, the launch error, the error
        view): the file name, the field path and the message come from the
        file, so they go through the presenter; names are kept on one line."""
        file = literal_line(self.file)
        where = f"{file}:{self.line}:{self.column}" if self.line else file
        message = present(self.message)
        return f"{where}: {literal_line(self.path)}: {message}" if self.path else f"{where}: {message}"


class BriefingError(Exception):
    """A briefing could not be loaded. `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""


def too_big(filename: str, size: int, limit: int = MAX_BYTES) -> Problem:
    """The problem of a file over the size cap, in one unit (MiB) with the bytes."""
    return Problem(
        filename,
        1,
        1,
        "",
        f"the file is {size / _MIB:,.1f} MiB ({size:,} bytes); "
        f"briefings are limited to {limit / _MIB:,.1f} MiB ({limit:,} bytes)",
    )


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"  # pragma: no cover - no other kinds on POSIX


def _not_regular(filename: str, mode: int) -> BriefingError:
    kind = _kind(mode)
    what = kind if kind.startswith("not") else f"is {kind}"
    return BriefingError([Problem(filename, 0, 0, "", f"{what}, not a briefing file")])


def read_briefing_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the briefing at `path`. Raises :class:`BriefingError` only.

    Anything but a regular file (a folder, a FIFO, a device, a socket) is
    refused before it is opened: reading a FIFO would wait for a writer
    forever. It is checked again on the open file (opened without blocking),
    in case the path was replaced in between.
    """
    filename = os.fspath(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(filename, mode)
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _not_regular(filename, info.st_mode)
            if info.st_size > MAX_BYTES:
                raise BriefingError([too_big(filename, info.st_size)])
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:  # it grew since the fstat
                raise BriefingError([too_big(filename, len(data))])
            return data
    except BriefingError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise BriefingError([Problem(filename, 0, 0, "", f"cannot be read: {reason}")]) from None


@dataclass(frozen=True, slots=True)
class Located:
    """A problem at a field path, before the path is turned into a line and column.

    `at_key` points at the key itself (an unknown field) rather than its value.
    """

    path: tuple[PathPart, ...]
    message: str
    at_key: bool = False

    def to_problem(self, filename: str, root: yaml.Node, data: object = None) -> Problem:
        """Where it is in the file; `data` (what YAML read) names items by id."""
        mark = _mark_for(root, self.path, self.at_key)
        return Problem(filename, mark.line + 1, mark.column + 1, format_path(self.path, data), self.message)


def _mark_for(root: yaml.Node, path: tuple[PathPart, ...], at_key: bool) -> yaml.Mark:
    """The position of `path` in the node tree; the nearest existing parent when
    the path does not exist (a missing field is reported on its parent)."""
    import yaml  # only when a problem is located: not on the way to a first paint

    node = root
    for index, part in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    node = key_node if (last and at_key) else value_node
                    break
            else:
                return node.start_mark
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node.start_mark
    return node.start_mark
