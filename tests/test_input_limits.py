"""What the loader refuses before it costs much (issue 13, points 12 and 13):
one field over its length limit, anything that is not a regular file (a FIFO
would block a reader forever), and a file over the size cap, in one unit."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from briefing_tui.model.loader import BriefingError, load_briefing
from briefing_tui.model.problems import MAX_BYTES
from briefing_tui.model.schema import MAX_LABEL, MAX_PROSE, json_schema
from tests.conftest import MINIMAL

#: No test here may wait for a FIFO's writer: a hang is a failure, soon.
TIMEOUT = 20


def problems_of(path) -> list[str]:
    with pytest.raises(BriefingError) as caught:
        load_briefing(path)
    return [str(problem) for problem in caught.value.problems]


# --- One field's length -----------------------------------------------------------


def test_a_prose_field_over_the_limit_names_the_field_its_length_and_the_limit(write_file):
    long = "word " * 50_000  # 250,000 characters, one line
    path = write_file(MINIMAL.replace("Two fictional countries and one recommendation.", long.strip()))
    assert problems_of(path) == [
        f"{path}:7:12: meta.summary: is too long: {len(long.strip()):,} characters; the limit is {MAX_PROSE:,}"
    ]


def test_a_prose_field_at_the_limit_loads(write_file):
    text = "x" * MAX_PROSE
    path = write_file(MINIMAL.replace("Two fictional countries and one recommendation.", text))
    assert load_briefing(path).meta.summary == text


@pytest.mark.parametrize(
    ("field", "replace", "path_shown"),
    [
        ("detail", "    title: Later event\n", "timeline #1 (ev-b).detail"),
        ("note", "    kind: report\n", "sources #1 (src-a).note"),
    ],
)
def test_fields_that_may_be_empty_have_the_limit_too(write_file, field, replace, path_shown):
    long = "y" * (MAX_PROSE + 1)
    path = write_file(MINIMAL.replace(replace, f"{replace}    {field}: {long}\n"))
    (problem,) = problems_of(path)
    assert f": {path_shown}: is too long: {MAX_PROSE + 1:,} characters; the limit is {MAX_PROSE:,}" in problem


def test_a_title_over_the_limit_says_how_long_it_is(write_file):
    path = write_file(MINIMAL.replace("title: A minimal briefing", "title: " + "t" * 1_000))
    assert problems_of(path) == [f"{path}:4:10: meta.title: is too long: 1,000 characters; the limit is {MAX_LABEL}"]


def test_an_unknown_field_with_a_huge_name_is_named_briefly(write_file):
    key = "k" * 1_000_000
    path = write_file(MINIMAL.replace("format: 1\n", f"format: 1\n? {key}\n: 1\n"))  # a long key needs '?'
    (problem,) = problems_of(path)
    assert "unknown field 'kkkk" in problem and len(problem) < 1_000


def test_the_json_schema_has_the_same_limits():
    defs = json_schema()["$defs"]

    def text_of(field: dict) -> dict:  # the text alternative (the other: what YAML reads as a number)
        return next(part for part in field.get("anyOf", [field]) if part.get("type") == "string")

    assert text_of(defs["BriefingMeta"]["properties"]["summary"])["maxLength"] == MAX_PROSE
    assert text_of(defs["Event"]["properties"]["detail"])["maxLength"] == MAX_PROSE
    assert text_of(defs["Source"]["properties"]["note"])["maxLength"] == MAX_PROSE
    assert text_of(defs["BriefingMeta"]["properties"]["title"])["maxLength"] == MAX_LABEL


# --- Not a regular file --------------------------------------------------------


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "x.yaml"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_waiting_for_a_writer(fifo):
    """Loaded in a thread, so that a loader that waits fails the test instead
    of hanging it: the test then opens the FIFO's other end to let it go."""
    result: list[object] = []

    def load() -> None:
        try:
            load_briefing(fifo)
        except BriefingError as error:
            result.extend(str(problem) for problem in error.problems)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(TIMEOUT)
    if reader.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # the reader gets an empty file
        reader.join(TIMEOUT)
        pytest.fail("the loader waited for a writer of the FIFO")
    assert result == [f"{fifo}: is a named pipe (FIFO), not a briefing file"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_tui", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=os.environ.copy(),
        stdin=subprocess.DEVNULL,
    )


def test_validate_refuses_a_fifo(fifo, write_file):
    good = write_file(MINIMAL, "good.yaml")
    result = run_cli("validate", str(fifo), str(good))
    assert result.returncode == 1
    assert f"{fifo}: is a named pipe (FIFO), not a briefing file" in result.stdout
    assert f"{good}: OK" in result.stdout


def test_the_app_refuses_a_fifo_before_any_screen(fifo):
    result = run_cli(str(fifo))
    assert result.returncode == 2
    assert f"{fifo}: is a named pipe (FIFO), not a briefing file" in result.stderr
    assert "could not be opened" in result.stderr


def test_a_device_is_refused(tmp_path):
    assert problems_of("/dev/zero") == ["/dev/zero: is a device, not a briefing file"]


def test_a_symlink_to_a_regular_file_still_loads(tmp_path, write_file):
    target = write_file(MINIMAL)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert load_briefing(link).meta.id == "mini"


# --- The size cap, in one unit --------------------------------------------------


def test_the_size_message_uses_one_unit(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as out:
        out.truncate(MAX_BYTES + 1)  # sparse: costs no disk, and is refused unread
    (problem,) = problems_of(path)
    assert problem == (
        f"{path}:1:1: the file is 50.0 MiB ({MAX_BYTES + 1:,} bytes); "
        f"briefings are limited to 50.0 MiB ({MAX_BYTES:,} bytes)"
    )
    assert " MB" not in problem
