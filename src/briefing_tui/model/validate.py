"""Find every problem in a briefing's raw data, in plain words.

msgspec stops at the first error. When a file fails, :func:`structure_problems`
walks the schema and the data together, struct by struct and field by field,
and converts only the parts that fail, so the walk stays linear and every
problem is reported. :func:`check_references` does what a schema cannot:
unique ids and numbers, source references that resolve, real calendar dates.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator
from typing import Any

import msgspec

from briefing_tui.model.dates import date_problem
from briefing_tui.model.problems import Located, PathPart, format_path
from briefing_tui.model.schema import (
    DATE_PATTERN,
    FORMAT_2_FIELDS,
    FORMAT_2_FIELDS_OF,
    FORMAT_2_KINDS,
    FORMATS,
    ID_PATTERN,
    WHOLE_NUMBER,
    Briefing,
)
from briefing_tui.textsafe import one_line

_PATTERN_WORDS = {
    ID_PATTERN: "is not a valid id: use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
    DATE_PATTERN: "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, in quotes",
    r"^https?://\S+$": "is not a web address: it must start with http:// or https://",
    r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$": "is not a language code such as 'en' or 'nl-BE'",
}
_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing",
    "bool": "true or false",
}
_AT = re.compile(r"^(?P<message>.*) - at `\$(?P<path>[^`]*)`$", re.DOTALL)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


#: Words longer than this get no "did you mean": difflib's cost grows with the
#: word, and no field name or id is this long.
_CLOSE_MAX = 200


def _suggest(word: str, choices: list[str]) -> str:
    """ "; did you mean 'x'?" for the likely intended spelling of `word`, or ""."""
    close = _close(word, choices)
    return f"; did you mean {close[0]!r}?" if close else ""


def _close(word: str, choices: list[str]) -> list[str]:
    """A likely intended spelling of `word` (difflib is imported only for errors)."""
    if len(word) > _CLOSE_MAX:
        return []
    import difflib

    return difflib.get_close_matches(word, choices, n=1, cutoff=0.6)


def structure_problems(raw: dict[str, Any]) -> list[Located]:
    """Every schema problem in `raw`, each at its field path."""
    out: list[Located] = []
    _walk(raw, Briefing, (), out)
    return out


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _walk(value: Any, tp: Any, path: tuple[PathPart, ...], out: list[Located]) -> None:
    try:
        msgspec.convert(value, tp, strict=False)
        return
    except msgspec.ValidationError as exc:
        error = exc
    bare = _strip_annotated(tp)
    if isinstance(bare, type) and issubclass(bare, msgspec.Struct) and isinstance(value, dict):
        _walk_struct(value, bare, path, out)
        return
    if typing.get_origin(bare) is list and isinstance(value, list):
        (item_type,) = typing.get_args(bare)
        found = len(out)
        for index, item in enumerate(value):
            _walk(item, item_type, (*path, index), out)
        if len(out) > found:
            return
    out.append(_leaf(error, value, tp, path))


def _walk_struct(
    value: dict[str, Any], cls: type[msgspec.Struct], path: tuple[PathPart, ...], out: list[Located]
) -> None:
    fields = {field.encode_name: field for field in msgspec.structs.fields(cls)}
    for key in value:
        if key not in fields:
            message = f"unknown field {_shown(key)}"
            close = _close(str(key), list(fields))
            if close:
                message += f"; did you mean {close[0]!r}?"
            else:
                message += f"; {_noun(cls)} fields are: {', '.join(fields)}"
            out.append(Located((*path, key), message, at_key=True))
    for name, field in fields.items():
        if name not in value:
            if field.required:
                out.append(Located(path, f"missing required field {name!r}"))
            continue
        _walk(value[name], field.type, (*path, name), out)


def _noun(cls: type) -> str:
    return {"BriefingMeta": "meta", "Briefing": "top-level"}.get(cls.__name__, cls.__name__.lower())


def _leaf(error: msgspec.ValidationError, value: Any, tp: Any, path: tuple[PathPart, ...]) -> Located:
    text = str(error)
    match = _AT.match(text)
    if match:
        text = match["message"]
        for name, index in _PATH_PART.findall(match["path"]):
            path = (*path, int(index) if index else name)
            if isinstance(value, dict) and name:
                value = value.get(name)
            elif isinstance(value, list) and index and int(index) < len(value):
                value = value[int(index)]
    return Located(path, _plain(text, value, tp))


def _choices(tp: Any) -> list[str]:
    """The values a Literal (or an optional one) allows, as text."""
    out: list[str] = []
    for arg in typing.get_args(_strip_annotated(tp)):
        if typing.get_origin(arg) is typing.Literal:
            out += _choices(arg)
        elif arg is not type(None):
            out.append(str(arg))
    return out


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list"
    text = one_line(str(value)[:200])  # a long value is cut anyway: fold only its start
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _plain(message: str, value: Any, tp: Any) -> str:
    """msgspec's message in words a briefing author can act on."""
    if m := re.match(r"Expected `([\w| ]+)`, got `(\w+)`", message):
        wanted = [_TYPE_WORDS.get(part.strip(), part.strip()) for part in m[1].split("|")]
        words = " or ".join(word for word in wanted if word != "nothing") or "nothing"
        hint = ""
        if isinstance(value, list) and "text" in wanted:
            hint = "; this field holds one value: write one, and put the others elsewhere (another source, a note)"
        return f"expected {words}, got {_shown(value)}{hint}"
    if m := re.match(r"Expected `str` matching regex '(.*)'$", message):
        pattern = m[1].replace("\\\\", "\\")  # msgspec doubles the backslashes
        return f"{_shown(value)} {_PATTERN_WORDS.get(pattern, 'does not match ' + pattern)}"
    if m := re.match(r"Expected `str` of length >= 1", message):
        return "must not be empty"
    if m := re.match(r"Expected `str` of length <= (\d+)", message):
        length = f"{len(value):,} characters" if isinstance(value, str) else "too long"
        return f"is too long: {length}; the limit is {int(m[1]):,}"
    if m := re.match(r"Expected `array` of length >= (\d+)", message):
        return f"must list at least {m[1]}"
    if m := re.match(r"Expected `int` >= (\d+)", message):
        return f"must be {m[1]} or more"
    if m := re.match(r"Expected `int` <= (\d+)", message):
        return f"must be {m[1]} or less"
    if message.startswith("Invalid enum value"):
        choices = _choices(tp)
        if choices == [str(version) for version in FORMATS]:
            versions = " and ".join(choices)
            return f"format {_shown(value)} is not supported; this version reads formats {versions}"
        return f"{_shown(value)} is not one of: {', '.join(choices)}{_suggest(str(value), choices)}"
    return message.replace("`", "")


# --- Cross-checks -----------------------------------------------------------------

_ITEM_LISTS: tuple[tuple[PathPart, ...], ...] = (
    ("overview", "facts"),
    ("overview", "sections"),
    ("timeline",),
    ("recommendations",),
    ("sources",),
)


def _get(raw: Any, path: tuple[PathPart, ...]) -> Any:
    for part in path:
        if not isinstance(raw, dict):
            return None
        raw = raw.get(part)
    return raw


def _items(raw: dict[str, Any]) -> Iterator[tuple[tuple[PathPart, ...], dict[str, Any]]]:
    for list_path in _ITEM_LISTS:
        items = _get(raw, list_path)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield (*list_path, index), item


def check_references(raw: dict[str, Any]) -> list[Located]:
    """Unique ids and recommendation numbers, resolvable sources, real dates.

    Works on raw data, so it runs whether or not the schema checks passed and
    every problem is reported together.
    """
    out: list[Located] = []
    first_id: dict[str, tuple[PathPart, ...]] = {}
    first_number: dict[int, tuple[PathPart, ...]] = {}
    refs: list[tuple[tuple[PathPart, ...], str]] = []
    for path, item in _items(raw):
        item_id = item.get("id")
        if isinstance(item_id, str):
            if item_id in first_id:
                out.append(
                    Located(
                        (*path, "id"),
                        f"duplicate id {_shown(item_id)}: {format_path(first_id[item_id], raw)} has it too; "
                        "ids must be unique across the briefing",
                    )
                )
            else:
                first_id[item_id] = path
        if path[0] == "recommendations":
            number = item.get("number")
            if problem := _loose_number(number):
                out.append(Located((*path, "number"), problem))
            if isinstance(number, str) and number.strip().isdigit():
                value = int(number)
                if value in first_number:
                    out.append(
                        Located(
                            (*path, "number"),
                            f"duplicate number {value}: {format_path(first_number[value], raw)} has it too",
                        )
                    )
                else:
                    first_number[value] = path
        refs.extend(_source_refs(path, item))
        for field in ("date",):
            date = item.get(field)
            if isinstance(date, str) and re.match(DATE_PATTERN, date) and (problem := date_problem(date)):
                out.append(Located((*path, field), problem))
    if problem := _loose_number(raw.get("format")):
        out.append(Located(("format",), problem))
    meta = raw.get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("as_of"), str):
        as_of = meta["as_of"]
        if re.match(DATE_PATTERN, as_of) and (problem := date_problem(as_of)):
            out.append(Located(("meta", "as_of"), problem))
    out += _format_2_problems(raw)
    source_ids = [item["id"] for path, item in _items(raw) if path[0] == "sources" and isinstance(item.get("id"), str)]
    known = set(source_ids)
    for path, ref in refs:
        if ref not in known:
            out.append(Located(path, f"no source has the id {_shown(ref)}{_suggest(ref, source_ids)}"))
    return out


_WRITE_2 = "to use it, write 'format: 2' at the top of the file"


def _format_2_problems(raw: dict[str, Any]) -> list[Located]:
    """Format 2's fields: not in a format 1 file; `see` names other items that exist."""
    out: list[Located] = []
    format_1 = raw.get("format") in ("1", 1)
    all_ids = [item["id"] for _, item in _items(raw) if isinstance(item.get("id"), str)]
    known = set(all_ids)
    for path, item in _items(raw):
        if format_1:
            if path[0] == "sources" and item.get("kind") in FORMAT_2_KINDS:
                out.append(Located((*path, "kind"), f"{_shown(item['kind'])} is a format 2 kind; {_WRITE_2}"))
            for field in (*FORMAT_2_FIELDS, *FORMAT_2_FIELDS_OF.get(str(path[0]), ())):
                if field in item:
                    out.append(
                        Located(
                            (*path, field),
                            f"{field!r} is a format 2 field; {_WRITE_2}",
                            at_key=True,
                        )
                    )
            continue
        see = item.get("see")
        if not isinstance(see, list):
            continue
        for index, ref in enumerate(see):
            if not isinstance(ref, str):
                continue
            if ref == item.get("id"):
                out.append(Located((*path, "see", index), "an item cannot point to itself"))
            elif ref not in known:
                close = _close(ref, all_ids)
                message = f"no item has the id {_shown(ref)}"
                out.append(Located((*path, "see", index), message + (f"; did you mean {close[0]!r}?" if close else "")))
    return out


def _loose_number(value: object) -> str | None:
    """The problem of a whole number written some other way that msgspec would
    still read ('2.0', '1e1'): refused, so that the file means what an editor
    reading its JSON Schema sees. (Other spellings msgspec refuses itself.)"""
    if not isinstance(value, str) or re.match(WHOLE_NUMBER, value):
        return None
    try:
        msgspec.convert(value, int, strict=False)
    except msgspec.ValidationError:
        return None
    return f"write a whole number as digits only: {_shown(value)} is not one"


def _source_refs(path: tuple[PathPart, ...], item: dict[str, Any]) -> Iterator[tuple[tuple[PathPart, ...], str]]:
    sources = item.get("sources")
    if isinstance(sources, list):
        for index, ref in enumerate(sources):
            if isinstance(ref, str):
                yield (*path, "sources", index), ref
    footnotes = item.get("footnotes")
    if isinstance(footnotes, list):
        for note_index, footnote in enumerate(footnotes):
            if isinstance(footnote, dict):
                yield from _source_refs((*path, "footnotes", note_index), footnote)
