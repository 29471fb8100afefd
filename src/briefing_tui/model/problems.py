"""Problems found in a briefing, the one error type that carries them, and
reading a briefing file (the first place a problem can arise).

Nothing here imports PyYAML, so the cache can read a file without it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from briefing_tui.textsafe import literal_line, present

if TYPE_CHECKING:
    import yaml

PathPart = str | int

#: Briefing files larger than this are refused unread.
MAX_BYTES = 50 * 1024 * 1024


def format_path(path: tuple[PathPart, ...]) -> str:
    """``("recommendations", 3, "title")`` -> ``recommendations[3].title``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
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
    return Problem(
        filename,
        1,
        1,
        "",
        f"the file is {size / 1e6:.0f} MB; briefings are limited to {limit // (1024 * 1024)} MB",
    )


def read_briefing_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the briefing at `path`. Raises :class:`BriefingError` only."""
    filename = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise BriefingError([too_big(filename, size)])
            return handle.read(MAX_BYTES + 1)
    except BriefingError:
        raise
    except IsADirectoryError:
        raise BriefingError([Problem(filename, 0, 0, "", "is a folder, not a briefing file")]) from None
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

    def to_problem(self, filename: str, root: yaml.Node) -> Problem:
        mark = _mark_for(root, self.path, self.at_key)
        return Problem(filename, mark.line + 1, mark.column + 1, format_path(self.path), self.message)


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
