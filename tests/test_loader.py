"""The loader: good files load; every class of bad input gets a clear message
naming the file, the line and the field, and every problem is reported at once."""

from __future__ import annotations

import pytest

from briefing_tui.model import loader
from briefing_tui.model.loader import BriefingError, load_briefing, parse_briefing
from tests.conftest import MINIMAL


def problems_of(path) -> list:
    with pytest.raises(BriefingError) as caught:
        load_briefing(path)
    problems = caught.value.problems
    assert problems, "a BriefingError always carries at least one problem"
    for problem in problems:
        assert problem.file == str(path)
        assert str(path) in str(problem)
    return problems


def only_problem(path):
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_minimal_briefing_loads_sorted(write_file):
    briefing = load_briefing(write_file(MINIMAL))
    assert briefing.meta.title == "A minimal briefing"
    assert [e.id for e in briefing.timeline] == ["ev-a", "ev-b"], "timeline sorted by date"
    assert [r.number for r in briefing.recommendations] == [1, 2], "recommendations by number"
    assert briefing.recommendations[0].actors == ["EU"]


def test_dates_and_yes_no_stay_as_written(write_file):
    text = MINIMAL.replace('value: "1994"', "value: no").replace('date: "2009-01-20"', "date: 2009-01-20")
    briefing = load_briefing(write_file(text))
    assert briefing.overview.facts[0].value == "no"
    assert briefing.timeline[1].date == "2009-01-20"
    assert isinstance(briefing.timeline[1].date, str)


def test_unquoted_year_and_number_are_read(write_file):
    briefing = load_briefing(write_file(MINIMAL.replace('date: "2008"', "date: 2008")))
    assert briefing.timeline[0].date == "2008"


def test_invalid_yaml_syntax_names_line_and_column(write_file):
    problem = only_problem(write_file(MINIMAL.replace("  title: A minimal briefing", "  title: [unclosed")))
    assert problem.line == 5
    assert "not valid YAML" in problem.message


def test_duplicate_key_is_an_error(write_file):
    text = MINIMAL.replace("  title: A minimal briefing\n", "  title: A minimal briefing\n  title: Again\n")
    problem = only_problem(write_file(text))
    assert (problem.line, problem.column) == (5, 3)
    assert "duplicate key 'title'" in problem.message and "line 4" in problem.message


def test_aliases_are_refused(write_file):
    text = MINIMAL.replace("parties: [Ruritania, Freedonia]", "parties: &p [Ruritania, Freedonia]")
    text = text.replace("    actors: [EU]", "    actors: *p")
    problem = only_problem(write_file(text))
    assert "aliases" in problem.message
    assert problem.line == text.splitlines().index("    actors: *p") + 1
    assert "actors" in problem.message


def test_billion_laughs_is_refused_quickly(write_file):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    problem = only_problem(write_file("\n".join(lines) + "\n"))
    assert "aliases" in problem.message


@pytest.mark.parametrize(
    "snippet",
    ["!!python/object/apply:os.system ['echo hacked']", "!!binary aGVsbG8=", "!custom value"],
)
def test_tags_are_refused(write_file, snippet):
    text = MINIMAL.replace("  title: A minimal briefing", f"  title: {snippet}")
    problem = only_problem(write_file(text))
    assert "tags" in problem.message
    assert problem.line == 4


def test_file_over_the_size_cap(write_file, monkeypatch):
    monkeypatch.setattr(loader, "MAX_BYTES", 100)
    problem = only_problem(write_file(MINIMAL))
    assert "limited to" in problem.message


def test_non_utf8_file(write_file):
    data = MINIMAL.replace("A minimal briefing", "Caf\xe9 briefing").encode("latin-1")
    problem = only_problem(write_file(data))
    assert "not UTF-8" in problem.message
    assert (problem.line, problem.column) == (4, 13)


def test_utf8_bom_is_accepted(write_file):
    assert load_briefing(write_file(b"\xef\xbb\xbf" + MINIMAL.encode())).meta.id == "mini"


@pytest.mark.parametrize("content", ["", "\n\n# only a comment\n", "---\n"])
def test_empty_file(write_file, content):
    problem = only_problem(write_file(content))
    assert "empty" in problem.message


def test_top_level_list(write_file):
    problem = only_problem(write_file("- format: 1\n- meta: {}\n"))
    assert "top level is a list" in problem.message
    assert problem.line == 1


def test_control_characters_in_the_raw_file(write_file):
    problem = only_problem(write_file(MINIMAL.replace("A minimal briefing", "A \x07 briefing")))
    assert problem.line == 4 and "not allowed" in problem.message


def test_unknown_field_suggests_the_likely_key(write_file):
    path = write_file(MINIMAL.replace("kind: report", "kind: report\n    autor: Someone"))
    problem = only_problem(path)
    assert problem.path == "sources #1 (src-a).autor"
    assert "did you mean 'author'?" in problem.message
    assert (problem.line, problem.column) == (len(MINIMAL.splitlines()) + 1, 5)


def test_misspelt_key_reports_unknown_and_missing(write_file):
    problems = problems_of(write_file(MINIMAL.replace("    title: Second", "    titel: Second")))
    paths = {(p.path, p.message.split(";")[0]) for p in problems}
    assert ("recommendations #1 (rec-two).titel", "unknown field 'titel'") in paths
    assert ("recommendations #1 (rec-two)", "missing required field 'title'") in paths


def test_wrong_type_and_bad_values(write_file):
    text = (
        MINIMAL.replace("parties: [Ruritania, Freedonia]", "parties: Ruritania")
        .replace("  - number: 2", "  - number: two")
        .replace("kind: report", "kind: reprot")
        .replace('as_of: "2024-05"', 'as_of: "May 2024"')
    )
    problems = {p.path: p for p in problems_of(write_file(text))}
    assert "expected a list" in problems["meta.parties"].message
    assert "whole number" in problems["recommendations #1 (rec-two).number"].message
    assert "did you mean 'report'?" in problems["sources #1 (src-a).kind"].message
    assert "is not a date" in problems["meta.as_of"].message
    assert problems["meta.parties"].line == 5


def test_impossible_calendar_date(write_file):
    problem = only_problem(write_file(MINIMAL.replace('date: "2008"', 'date: "2009-02-29"')))
    assert problem.path == "timeline #2 (ev-a).date"
    assert "day 29 does not exist" in problem.message


def test_unsupported_format_version(write_file):
    problem = only_problem(write_file(MINIMAL.replace("format: 1", "format: 3")))
    assert problem.path == "format" and "formats 1 and 2" in problem.message


def test_duplicate_ids_across_kinds(write_file):
    problem = only_problem(write_file(MINIMAL.replace("id: ev-a", "id: rec-one")))
    assert problem.path == "recommendations #2 (rec-one).id"
    assert "duplicate id 'rec-one'" in problem.message and "timeline #2 (rec-one)" in problem.message


def test_duplicate_recommendation_numbers(write_file):
    problem = only_problem(write_file(MINIMAL.replace("  - number: 2", "  - number: 1")))
    assert problem.path == "recommendations #2 (rec-one).number"
    assert "duplicate number 1" in problem.message


def test_unknown_source_reference_suggests(write_file):
    problem = only_problem(
        write_file(MINIMAL.replace("    sources: [src-a]\n  - id: ev-a", "    sources: [src-b]\n  - id: ev-a"))
    )
    assert problem.path == "timeline #1 (ev-b).sources #1"
    assert "no source has the id 'src-b'" in problem.message
    assert "did you mean 'src-a'?" in problem.message


def test_every_problem_is_reported_at_once(write_file):
    text = (
        MINIMAL.replace("  title: A minimal briefing", "  title: ''")
        .replace("id: ev-a", "id: rec-one")
        .replace("    titel", "    title")
        .replace("    title: Second", "    titel: Second")
        .replace("sources: [src-a]\nrecommendations", "sources: [nope]\nrecommendations")
    )
    problems = problems_of(write_file(text))
    paths = [p.path for p in problems]
    assert "meta.title" in paths
    assert "recommendations #1 (rec-two).titel" in paths
    assert "recommendations #2 (rec-one).id" in paths
    assert len(problems) >= 4
    assert [p.line for p in problems] == sorted(p.line for p in problems), "in file order"


def test_missing_file_and_folder(tmp_path):
    problem = only_problem(tmp_path / "nope.yaml")
    assert "cannot be read" in problem.message
    problem = only_problem(tmp_path)
    assert "folder" in problem.message


def test_problem_format_is_file_line_col_path_message(write_file):
    path = write_file(MINIMAL.replace("    title: Second", "    title: ''"))
    problem = only_problem(path)
    assert str(problem) == f"{path}:25:12: recommendations #1 (rec-two).title: must not be empty"


def test_deep_nesting_is_an_error_not_a_crash():
    with pytest.raises(BriefingError) as caught:
        parse_briefing("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")
    assert caught.value.problems[0].file == "deep.yaml"


def test_libyaml_c_parser_is_used_when_available():
    import yaml

    assert yaml.__with_libyaml__ == loader.USING_LIBYAML
    if yaml.__with_libyaml__:
        from yaml.cyaml import CParser

        assert issubclass(loader._NodeLoader, CParser)


def test_loading_pauses_the_collector_and_restores_it(write_file):
    import gc

    from briefing_tui.model.gcpause import gc_paused

    assert gc.isenabled()
    load_briefing(write_file(MINIMAL))
    assert gc.isenabled(), "the collector is on again after a load"
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "still paused until the outer pause ends"
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.enable()
    with pytest.raises(BriefingError):
        parse_briefing("- a list\n", "x.yaml")
    assert gc.isenabled(), "also after a failed load"
