"""The command line: validate, schema, usage errors, and no Textual on those paths."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing_tui.cli import main
from tests.conftest import BUNDLED, MINIMAL, REPO


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\n"
        "from briefing_tui.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules), 'UI imported'\n"
        "sys.exit(status)\n"
    )
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)


def test_validate_good_file(write_file):
    path = write_file(MINIMAL)
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{path}: OK"


def test_validate_reports_every_problem_and_exits_1(write_file):
    good = write_file(MINIMAL, "good.yaml")
    bad = write_file(
        MINIMAL.replace("    title: Second", "    titel: Second").replace("kind: report", "kind: memo"),
        "bad.yaml",
    )
    result = run_cli("validate", str(good), str(bad))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"{good}: OK"
    assert f"{bad}:25:5: recommendations #1 (rec-two).titel: unknown field 'titel'; did you mean 'title'?" in lines
    assert any(line.startswith(f"{bad}:") and "sources #1 (src-a).kind" in line for line in lines)
    assert len(lines) == 4  # OK + unknown field + missing title + bad kind


def test_validate_a_folder(tmp_path):
    (tmp_path / "a.yaml").write_text(MINIMAL)
    (tmp_path / "b.yml").write_text("- not a briefing\n")
    (tmp_path / "c.yml").write_text("format: 1\nmeta: []\n")
    (tmp_path / "notes.txt").write_text("ignored")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path / 'a.yaml'}: OK" in result.stdout
    # Other YAML in a folder (no format: key) is skipped, saying so; a briefing that fails is a problem.
    assert f"{tmp_path / 'b.yml'}: skipped, not a briefing (no format: key)" in result.stdout
    assert f"{tmp_path / 'c.yml'}:2:" in result.stdout


def test_validate_missing_file_is_a_problem(tmp_path):
    result = run_cli("validate", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "missing.yaml: cannot be read" in result.stdout


@pytest.mark.parametrize("args", [["validate"], ["schema", "extra"], ["validate", "--bogus", "x"]])
def test_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_validate_empty_folder_cannot_run(tmp_path):
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    assert "no briefing files" in result.stderr


def test_schema_prints_json_schema_matching_the_repo_copy():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$ref"] == "#/$defs/Briefing"
    assert "Recommendation" in schema["$defs"]
    committed = json.loads((REPO / "schema" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert committed == schema, (
        "schema/briefing.schema.json is stale: run `briefing-tui schema > schema/briefing.schema.json`"
    )


def test_bundled_briefing_points_editors_at_the_schema():
    first_line = BUNDLED.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/briefing.schema.json"
    assert (BUNDLED.parent / "../schema/briefing.schema.json").resolve().is_file()


def test_version_names_app_and_textual(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("briefing-tui 0.") and "Textual 8." in out


def test_python_dash_m_runs_the_same_cli(write_file):
    path = write_file(MINIMAL)
    result = subprocess.run(
        [sys.executable, "-m", "briefing_tui", "validate", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("OK")
