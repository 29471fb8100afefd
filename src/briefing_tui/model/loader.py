"""Load a briefing file: safe YAML in, a validated :class:`Briefing` out.

Every way loading can fail ends in one exception, :class:`BriefingError`,
which carries *all* the problems found, each with file, line, column and field
path. Nothing else escapes :func:`load_briefing` or :func:`parse_briefing`.

How the YAML is read:

* libyaml's C parser when available (pure-Python PyYAML otherwise); only the
  node tree is taken from it, and this module turns nodes into plain data.
* Every plain scalar is a string (no ``2009-01-20`` -> ``datetime``, no
  ``no`` -> ``False``); ``~``, ``null`` and empty values are null. The schema
  then converts strings where it wants numbers (msgspec's lax mode).
* Duplicate keys, anchors/aliases and explicit tags are refused.
* Files over :data:`MAX_BYTES`, non-UTF-8 files, an empty file and a top level
  that is not a mapping get a clear message.
"""

from __future__ import annotations

import os

import msgspec
import yaml

from briefing_tui.model.gcpause import gc_paused
from briefing_tui.model.problems import MAX_BYTES, BriefingError, Problem, read_briefing_file, too_big
from briefing_tui.model.schema import Briefing
from briefing_tui.model.validate import check_references, structure_problems

__all__ = ["MAX_BYTES", "BriefingError", "Problem", "load_briefing", "parse_briefing"]

_MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _python_parser() -> type:
    """PyYAML's pure-Python parser, with the C parser's interface."""
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class PythonParser(Reader, Scanner, Parser, Composer):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    return PythonParser


try:  # libyaml's C parser, when PyYAML was built with it
    from yaml.cyaml import CParser as _Parser

    USING_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    USING_LIBYAML = False
    _Parser = _python_parser()


class _Resolver(yaml.resolver.BaseResolver):
    """Plain scalars are strings, except the spellings of null."""


_Resolver.add_implicit_resolver(_NULL, yaml.resolver.re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _NodeLoader(_Parser, _Resolver):
    """Parses and composes a node tree; constructs nothing."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


class _NodeProblem(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


_ALIAS = "YAML aliases (*name) are not allowed; write the value out"
_ScalarNode, _MappingNode, _SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


def _scalar(node: yaml.ScalarNode) -> str | None:
    if node.tag == _STR:
        return node.value
    if node.tag == _NULL:
        return None
    raise _NodeProblem(node, f"YAML tags such as {node.tag!r} are not allowed")


def _to_data(node: yaml.Node, seen: set[int] | None, depth: int = 0) -> object:
    """Turn a node tree into dicts, lists, strings and None.

    `seen` holds the ids of the nodes visited: a node met twice is an alias
    (libyaml hands back the anchored node again), refused where it is used.
    It is None when the text has no ``&`` at all, so no anchor can exist and
    the check is skipped. Scalars, most of the nodes, are handled inline.
    """
    if depth > _MAX_DEPTH:
        raise _NodeProblem(node, f"nested more than {_MAX_DEPTH} levels deep")
    if type(node) is _ScalarNode:
        return _scalar(node)
    if type(node) is _MappingNode:
        if node.tag != _MAP:
            raise _NodeProblem(node, f"YAML tags such as {node.tag!r} are not allowed")
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not _ScalarNode or key_node.tag not in (_STR, _NULL):
                raise _NodeProblem(key_node, "keys must be plain words")
            name = key_node.value
            if name in result:
                first = next(k for k, _ in node.value if k.value == name)
                raise _NodeProblem(
                    key_node,
                    f"duplicate key {name!r} (first given on line {first.start_mark.line + 1})",
                )
            if seen is not None:
                if id(value_node) in seen:
                    raise _NodeProblem(key_node, f"{name}: {_ALIAS}")
                seen.add(id(value_node))
            if type(value_node) is _ScalarNode and value_node.tag == _STR:
                result[name] = value_node.value
            else:
                result[name] = _to_data(value_node, seen, depth + 1)
        return result
    if type(node) is _SequenceNode:
        if node.tag != _SEQ:
            raise _NodeProblem(node, f"YAML tags such as {node.tag!r} are not allowed")
        items: list[object] = []
        append = items.append
        for item in node.value:
            if seen is not None:
                if id(item) in seen:
                    raise _NodeProblem(node, f"an item of this list is an alias; {_ALIAS}")
                seen.add(id(item))
            if type(item) is _ScalarNode and item.tag == _STR:
                append(item.value)
            else:
                append(_to_data(item, seen, depth + 1))
        return items
    raise _NodeProblem(node, "unsupported YAML node")  # pragma: no cover


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decode(data: bytes, filename: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BriefingError(
            [Problem(filename, line, column, "", "the file is not UTF-8 text (save it as UTF-8)")]
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _char(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"U+{code:04X}"


def _plain_yaml_error(text: str, line: int, column: int, message: str) -> str:
    """PyYAML's words for the two mistakes hand-written briefings make most,
    said plainly with what to do; anything else as PyYAML says it."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    before = lines[line - 2] if 1 < line <= len(lines) + 1 else ""
    if "\t" in here[: len(here) - len(here.lstrip())] or (
        "tab character" in message and "\t" in before[: len(before) - len(before.lstrip())]
    ):
        return "YAML cannot be indented with tabs; indent with spaces (this line starts with a tab)"
    if "mapping values are not allowed" in message:
        key, sep, value = here.strip().partition(": ")
        if sep and ": " in value:
            quoted = f"'{value}'" if '"' in value and "'" not in value else '"' + value.replace('"', '\\"') + '"'
            return (
                f"a colon and a space inside a value start a new key in YAML; put the value in quotes: {key}: {quoted}"
            )
    return f"not valid YAML: {message}"


def _compose(text: str, filename: str) -> yaml.Node | None:
    loader = None
    try:
        loader = _NodeLoader(text)
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _plain_yaml_error(text, line, column, message)
        raise BriefingError([Problem(filename, line, column, "", message)]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_col(text, exc.position)
        raise BriefingError(
            [
                Problem(
                    filename,
                    line,
                    column,
                    "",
                    f"character {_char(exc.character)} is not allowed in YAML ({exc.reason})",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise BriefingError([Problem(filename, 1, 1, "", f"not valid YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse_briefing(data: bytes | str, filename: str = "<briefing>") -> Briefing:
    """Parse and validate briefing text. Raises :class:`BriefingError` only."""
    try:
        with gc_paused():
            return _parse(data, filename)
    except BriefingError:
        raise
    except RecursionError:
        raise BriefingError([Problem(filename, 1, 1, "", "the document is nested too deeply")]) from None
    except Exception as exc:  # noqa: BLE001 - the one promise: nothing else escapes
        raise BriefingError([Problem(filename, 1, 1, "", f"could not be read ({type(exc).__name__}: {exc})")]) from exc


def _parse(data: bytes | str, filename: str) -> Briefing:
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise BriefingError([too_big(filename, len(data), MAX_BYTES)])
        text = _decode(data, filename)
    else:
        text = data
    root = _compose(text, filename)
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL):
        raise BriefingError([Problem(filename, 1, 1, "", "the file is empty; a briefing starts with 'format: 1'")])
    try:
        raw = _to_data(root, set() if "&" in text else None)
    except _NodeProblem as exc:
        mark = exc.node.start_mark
        raise BriefingError([Problem(filename, mark.line + 1, mark.column + 1, "", exc.message)]) from None
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        raise BriefingError(
            [
                Problem(
                    filename,
                    root.start_mark.line + 1,
                    root.start_mark.column + 1,
                    "",
                    f"the top level is {kind}; a briefing is a mapping of fields "
                    "(format, meta, overview, timeline, recommendations, sources)",
                )
            ]
        )
    try:
        briefing = msgspec.convert(raw, Briefing, strict=False)
        located = check_references(raw)
    except msgspec.ValidationError:
        located = structure_problems(raw) + check_references(raw)
        briefing = None
    if located:
        raise BriefingError([loc.to_problem(filename, root, raw) for loc in located])
    assert briefing is not None
    return _ordered(briefing)


def _ordered(briefing: Briefing) -> Briefing:
    """The timeline in chronological order, recommendations by number (stable)."""
    timeline, recs = briefing.timeline, briefing.recommendations
    changes: dict[str, object] = {}
    if any(a.date > b.date for a, b in zip(timeline, timeline[1:], strict=False)):
        changes["timeline"] = sorted(timeline, key=lambda event: event.date)
    if any(a.number > b.number for a, b in zip(recs, recs[1:], strict=False)):
        changes["recommendations"] = sorted(recs, key=lambda rec: rec.number)
    return msgspec.structs.replace(briefing, **changes) if changes else briefing


def load_briefing(path: str | os.PathLike[str]) -> Briefing:
    """Read and validate the briefing at `path`. Raises :class:`BriefingError` only."""
    return parse_briefing(read_briefing_file(path), os.fspath(path))
