"""Property test: whatever bytes arrive, the loader returns a Briefing or raises
BriefingError with at least one located problem; nothing else escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from briefing_tui.model.loader import BriefingError, parse_briefing
from briefing_tui.model.schema import Briefing
from tests.conftest import MINIMAL

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes | str) -> None:
    try:
        result = parse_briefing(data, "fuzz.yaml")
    except BriefingError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "fuzz.yaml"
            assert problem.message
            assert problem.line >= 0 and problem.column >= 0
    else:
        assert isinstance(result, Briefing)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(data):
    check(data)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@` \n\tab1\x00\x1b")), max_size=200))
def test_yaml_punctuation_soup(text):
    check(text)


@st.composite
def mutated(draw):
    """MINIMAL with a few lines deleted, duplicated, swapped or corrupted."""
    lines = MINIMAL.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "garble", "swap"]))
        if action == "delete" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        elif action == "garble":
            junk = draw(st.text(min_size=1, max_size=8))
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + junk + lines[index][at:]
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines) + "\n"


@SETTINGS
@given(mutated())
def test_mutated_documents(text):
    check(text)
    check(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(
    st.recursive(
        st.none() | st.text(max_size=10) | st.integers() | st.booleans(),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
        max_leaves=20,
    )
)
def test_random_structures_in_place_of_sections(value):
    import yaml

    for key in ("overview", "timeline", "recommendations", "sources", "meta"):
        document = yaml.safe_load(MINIMAL)
        document[key] = value
        check(yaml.safe_dump(document, allow_unicode=True))
