"""The briefing format, versions 1 and 2, as msgspec Structs.

Format 2 is format 1 and more: every format 1 file is read unchanged, and the
fields only format 2 has (:data:`FORMAT_2_FIELDS`) are refused in a file that
says ``format: 1``. Format 2 is being built field by field (issue 15); what it
has so far is in docs/briefing-format.md.

This module is the single source of truth for the format: the loader validates
against it, `briefing-tui schema` prints its JSON Schema, and
`docs/briefing-format.md` documents it field by field.

It imports neither textual nor rich.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct  # noqa: F401

#: The generation of these Structs that cached and pre-validated briefings
#: record: bump it when a cached briefing would decode wrongly (fields added
#: with defaults, as format 2's are, decode fine and need no bump).
FORMAT_VERSION = 1
#: The format versions this code reads.
FORMATS = (1, 2)
#: Fields of an item that only format 2 has.
FORMAT_2_FIELDS = ("see", "uncertain")
#: Fields that only format 2 has on the items of one list, by the list's key.
FORMAT_2_FIELDS_OF: dict[str, tuple[str, ...]] = {
    "sources": ("urls", "archived"),
    "timeline": ("actors", "places"),
    "recommendations": ("points", "priority", "timeframe"),
}
#: How a whole number is written (the loader reads every scalar as text).
WHOLE_NUMBER = r"^(0|[1-9][0-9]*)$"

#: An identifier notes can attach to: lowercase letters, digits, ``.``, ``_`` and ``-``.
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
#: A date of year, month or day precision: ``2008``, ``2008-10``, ``2009-01-20``.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        max_length=100,
        description="Stable identifier, unique in the briefing: lowercase letters, digits, '.', '_' and '-'.",
    ),
]
PartialDate = Annotated[
    str,
    Meta(
        pattern=DATE_PATTERN,
        description="A date at year, month or day precision: YYYY, YYYY-MM or YYYY-MM-DD. Quote it in YAML.",
    ),
]
#: The longest a prose field (text, summary, value, detail, note) may be, in
#: characters: about 15,000 words, far beyond any real briefing's paragraph;
#: it keeps one field from being more than the screen and the index can take.
MAX_PROSE = 100_000
#: The longest a label (a title, a name, a tag) may be, in characters.
MAX_LABEL = 300
#: The longest a web address may be, in characters.
MAX_URL = 2_000

Text = Annotated[str, Meta(min_length=1, max_length=MAX_PROSE, description="Non-empty text, shown literally.")]
#: Text that may be empty (an event's detail, a source's note).
Prose = Annotated[str, Meta(max_length=MAX_PROSE, description="Text, shown literally; may be empty.")]
Label = Annotated[str, Meta(min_length=1, max_length=MAX_LABEL, description="A short line of text.")]
SourceRefs = Annotated[
    list[Id],
    Meta(description="Ids of entries in `sources` that this item cites."),
]
SourceKind = Literal[
    "article",
    "report",
    "chapter",
    "book",
    "encyclopedia",
    "web",
    "speech",
    "statement",
    "dataset",
    "court-decision",
    "treaty",
    "resolution",
    "other",
]
#: Source kinds that only format 2 has.
FORMAT_2_KINDS = ("court-decision", "treaty", "resolution")
Url = Annotated[str, Meta(pattern=r"^https?://\S+$", max_length=MAX_URL, description="A web address (http or https).")]


class _Item(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base for everything the format defines."""


class _Linked(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An item a note can be on (a fact, section, event, recommendation or
    source): what every one of them can say, in format 2."""

    see: Annotated[
        list[Id], Meta(description="Format 2: ids of other items this one points to (shown as See also).")
    ] = []
    uncertain: Annotated[Prose, Meta(description="Format 2: what is uncertain about this item, shown with it.")] = ""


class BriefingMeta(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What the briefing is: shown in the header and the library list."""

    id: Id
    title: Label
    parties: Annotated[list[Label], Meta(min_length=1)]
    as_of: PartialDate
    summary: Text
    authors: list[Label] = []
    classification: Label | None = None
    language: Annotated[str, Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", max_length=35)] | None = None


class Fact(_Linked, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A key fact of the relationship, shown as a label/value row."""

    id: Id
    label: Label
    value: Text
    sources: SourceRefs = []


class Section(_Linked, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A titled section of prose: background, context, scenarios."""

    id: Id
    title: Label
    text: Text
    tags: list[Label] = []
    sources: SourceRefs = []


class Overview(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    facts: list[Fact] = []
    sections: list[Section] = []


class Event(_Linked, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A dated event. `date` sorts; `date_label` (optional) is what is shown."""

    id: Id
    date: PartialDate
    title: Label
    date_label: Label | None = None
    detail: Prose = ""
    tags: list[Label] = []
    sources: SourceRefs = []
    #: Format 2: who took part, and where it happened.
    actors: list[Label] = []
    places: list[Label] = []


class Footnote(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A footnote of a recommendation; `mark` is the original's marker (e.g. "75")."""

    mark: Annotated[str, Meta(min_length=1, max_length=20)]
    text: Text
    sources: SourceRefs = []


class Recommendation(_Linked, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A numbered recommendation, shown as "1.", "2." and so on."""

    number: Annotated[int, Meta(ge=1, le=1_000_000)]
    id: Id
    title: Label
    text: Text
    actors: list[Label] = []
    themes: list[Label] = []
    footnotes: list[Footnote] = []
    sources: SourceRefs = []
    #: Format 2: the recommendation's sub-points, how pressing it is, and by when.
    points: list[Text] = []
    priority: Literal["high", "medium", "low"] | None = None
    timeframe: Label | None = None


class Source(_Linked, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A document the briefing cites."""

    id: Id
    title: Label
    kind: SourceKind
    author: Label | None = None
    publisher: Label | None = None
    date: PartialDate | None = None
    url: Url | None = None
    note: Prose = ""
    #: Format 2: more addresses of the same document, and an archived copy.
    urls: list[Url] = []
    archived: Url | None = None

    @property
    def links(self) -> list[str]:
        """Every address of the document (`url`, then `urls`), each once."""
        return list(dict.fromkeys([self.url, *self.urls] if self.url else self.urls))


class Briefing(_Item, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A whole briefing file."""

    format: Literal[1, 2]
    meta: BriefingMeta
    overview: Overview = Overview()
    timeline: list[Event] = []
    recommendations: list[Recommendation] = []
    sources: list[Source] = []


#: What the JSON Schema cannot say, and `briefing-tui validate` checks.
SCHEMA_LIMITS = (
    "Checked by `briefing-tui validate` and not by this schema: ids are unique across the briefing; "
    "recommendation numbers are unique; every id in `sources` names a source; dates exist in the "
    "calendar (no 2009-02-29); a whole number is written as digits (2, not 2.0, +2, 02 or 0x2, which "
    "this schema cannot tell from 2); an id or a date written as a number is spelt as digits (not +1, .5, "
    "1E5, 0x1F, .inf, +2008 or 2008.0, which this schema reads as numbers); a text of .nan is "
    "accepted; `see` names items that exist; a file of format 1 uses none of format 2's fields "
    "and source kinds."
)


def json_schema() -> dict:
    """The JSON Schema of the format, for editors and `briefing-tui schema`.

    It accepts what the loader accepts as an editor's YAML (1.2, core schema)
    reads it: the loader takes every plain scalar as text, so an unquoted
    ``2013`` in a text field is the text "2013", and a quoted "2" is the
    number 2 where a number goes (see :func:`_as_yaml_reads_it`).
    """
    schema: dict[str, Any] = _as_yaml_reads_it(msgspec.json.schema(Briefing))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "briefing-tui briefing, format 1 or 2"
    schema["description"] = SCHEMA_LIMITS
    return schema


#: The numbers and booleans an editor reads in a text field, by the field's pattern,
#: that the loader reads as text that fits it; no pattern: any.
_SCALARS_AS_TEXT: dict[str | None, dict | None] = {
    None: {"type": ["number", "boolean"]},
    ID_PATTERN: {"type": "number", "minimum": 0},
    DATE_PATTERN: {"type": "integer", "minimum": 1000, "maximum": 9999},
}


def _digits_pattern(node: dict[str, Any]) -> str:
    """Quoted digits for an integer field, within its bounds where a pattern
    can say them (a minimum of 0 or 1, a maximum that is a power of ten)."""
    low, high = node.get("minimum", 0), node.get("maximum")
    first = "[0-9]" if low < 1 else "[1-9]"
    if isinstance(high, int) and high >= 10 and str(high) == "1" + "0" * (len(str(high)) - 1):
        places = len(str(high)) - 1
        return rf"^({first}[0-9]{{0,{places - 1}}}|{high})$"
    return WHOLE_NUMBER if low < 1 else r"^[1-9][0-9]*$"


def _as_yaml_reads_it(node: Any) -> Any:
    """msgspec's schema, with each text field also taking the numbers and
    booleans that are text to the loader, and each number also written as
    quoted digits."""
    if isinstance(node, list):
        return [_as_yaml_reads_it(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _as_yaml_reads_it(value) for key, value in node.items()}
    if node.get("type") == "string" and "enum" not in node:
        pattern = node.get("pattern")
        also = _SCALARS_AS_TEXT.get(pattern if isinstance(pattern, str) else None)
        if also is not None:
            described = {"description": node.pop("description")} if "description" in node else {}
            return {**described, "anyOf": [node, also]}
    if node.get("type") == "integer":
        return {"anyOf": [node, {"type": "string", "pattern": _digits_pattern(node)}]}
    if node.get("enum") == list(FORMATS):
        return {"enum": [*FORMATS, *map(str, FORMATS)]}
    return node
