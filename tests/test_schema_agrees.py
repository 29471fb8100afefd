"""The published JSON Schema and `validate` accept and refuse the same files
(issue 15, point 5), as an editor sees them: yaml-language-server reads YAML
1.2's core schema (an unquoted 2013 is a number), checks it against
`briefing-tui schema` with a standard Draft 2020-12 validator (jsonschema).
The loader reads every plain scalar as text, so the schema must take 2013
where text goes. What the schema cannot say, it says in its description."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from briefing_tui.model.loader import BriefingError, parse_briefing
from briefing_tui.model.schema import SCHEMA_LIMITS, json_schema
from tests.conftest import BUNDLED, MINIMAL

FIXTURES = sorted([*BUNDLED.parent.glob("*.yaml"), *(BUNDLED.parent.parent / "tests" / "fixtures").glob("*.yaml")])


class _Core12(yaml.resolver.BaseResolver):
    """YAML 1.2's core schema, as editors read it (PyYAML reads 1.1: yes, 2009-01-20)."""


for _tag, _pattern, _first in (
    ("null", r"^(?:~|null|Null|NULL|)$", [*"~nN", ""]),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
):
    _Core12.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), _first)


class _EditorLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Core12,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Core12.__init__(self)


def _editor_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    value = node.value
    return int(value, 0) if value.startswith(("0o", "0x")) else int(value)


_EditorLoader.add_constructor("tag:yaml.org,2002:int", _editor_int)
_EditorLoader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: float(node.value.replace(".inf", "inf")))

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def validate_accepts(text: str) -> bool:
    try:
        parse_briefing(text.encode("utf-8"), "f.yaml")
    except BriefingError:
        return False
    return True


def schema_problems(text: str) -> list[str]:
    data = yaml.load(text, Loader=_EditorLoader)  # noqa: S506 - a safe constructor, a 1.2 resolver
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def _with(old: str, new: str) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new)


#: Files both must accept: what analysts write unquoted, and the quoted forms.
GOOD = {
    "unquoted year as a value": _with('value: "1994"', "value: 1994"),
    "unquoted year as a date": _with('date: "2008"', "date: 2008"),
    "unquoted day as a date": _with('date: "2009-01-20"', "date: 2009-01-20"),
    "a year among the tags": _with("    title: Later event\n", "    title: Later event\n    tags: [mh17, 2013]\n"),
    "a quoted number": _with("  - number: 2", '  - number: "2"'),
    "a title that YAML reads as true": _with("title: Second", "title: true"),
    "a title that YAML reads as a number": _with("title: Second", "title: 1.5"),
    "an id of digits": _with("id: ev-a", "id: 2013"),
    "the format quoted": _with("format: 1", 'format: "1"'),
    "nothing where nothing may go": _with("  summary:", "  classification: ~\n  summary:"),
}
#: Files both must refuse.
BAD = {
    "a negative number": _with("  - number: 2", "  - number: -2"),
    "number 0": _with("  - number: 2", "  - number: 0"),
    "number quoted 0": _with("  - number: 2", '  - number: "0"'),
    "a quoted number over the limit": _with("  - number: 2", '  - number: "2000000"'),
    "a number in words": _with("  - number: 2", "  - number: two"),
    "a year of three digits": _with('as_of: "2024-05"', "as_of: 999"),
    "a list that is nothing": _with("    title: Later event\n", "    title: Later event\n    tags: ~\n"),
    "an empty title": _with("title: Second", "title: ''"),
    "a number with a space": _with("  - number: 2", '  - number: " 2"'),
    "an unknown field": _with("kind: report", "kind: report\n    autor: Someone"),
    "a missing field": _with("    title: Second\n", ""),
    "an unknown source kind": _with("kind: report", "kind: reprot"),
    "one value given as a list": _with("  title: A minimal briefing", "  title: [A, B]"),
    "a text that is a mapping": _with("title: Second", "title: {a: 1}"),
    "format 3": _with("format: 1", "format: 3"),
    "a date that is not one": _with('as_of: "2024-05"', 'as_of: "May 2024"'),
    "a bad id": _with("id: ev-a", "id: Ev A"),
    "a year as an id": _with("id: ev-a", "id: -1"),
    "a web address that is not one": _with("kind: report", "kind: report\n    url: 12"),
}
#: What only `validate` checks (the schema's description says so).
ONLY_VALIDATE = {
    "ids are unique": (_with("id: ev-a", "id: rec-one"), "ids are unique"),
    "numbers are unique": (_with("  - number: 2", "  - number: 1"), "recommendation numbers are unique"),
    "a source that exists": (
        _with("    sources: [src-a]\n  - id: ev-a", "    sources: [nope]\n  - id: ev-a"),
        "names a source",
    ),
    "a day that exists": (_with('date: "2008"', 'date: "2009-02-29"'), "exist in the calendar"),
    "2.0 is written 2": (_with("  - number: 2", "  - number: 2.0"), "2, not 2.0"),
    "+2 is written 2": (_with("  - number: 2", "  - number: +2"), "+2"),
    "02 is written 2": (_with("  - number: 2", "  - number: 02"), "02"),
    "an id written +1": (_with("id: ev-a", "id: +1"), "+1"),
    "a year written 2008.0": (_with('date: "2008"', "date: 2008.0"), "2008.0"),
}


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fixture_file_is_judged_alike(path):
    text = path.read_text(encoding="utf-8")
    problems = schema_problems(text)
    assert validate_accepts(text) == (not problems), problems


@pytest.mark.parametrize("name", GOOD)
def test_both_accept(name):
    text = GOOD[name]
    assert validate_accepts(text), "validate"
    assert schema_problems(text) == [], "the JSON Schema"


@pytest.mark.parametrize("name", BAD)
def test_both_refuse(name):
    text = BAD[name]
    assert not validate_accepts(text), "validate"
    assert schema_problems(text), "the JSON Schema"


@pytest.mark.parametrize("name", ONLY_VALIDATE)
def test_what_only_validate_checks_is_said_in_the_schema(name):
    text, said = ONLY_VALIDATE[name]
    assert not validate_accepts(text)
    assert schema_problems(text) == [], "the schema cannot express this"
    published = json.loads((BUNDLED.parent.parent / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert said in SCHEMA_LIMITS and said in published["description"], "the published schema says so"
