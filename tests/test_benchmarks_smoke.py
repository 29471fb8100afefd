"""The benchmarks still run: `python -m benchmarks` at size S, one round.

Nothing here asserts anything about time (timings belong in
docs/performance.md, not in tests); only that every figure is produced and
that nothing is written into the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Row
from benchmarks.report import MARKER, write_docs

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs" / "performance.md"

FIGURES = [
    "first paint, bundled briefing (S)",
    "load, bundled briefing (S)",
    "query → results, S",
    "keystroke → painted, S",
    "peak memory, S",
    "memory after closing 4 briefings, S",
    "notes: save latency",
    "notes: export 1,000 notes",
    "`validate`, S",
    "`export`, S",
    "year strip, 10,000 events",
]


def _snapshot() -> tuple[set[str], bytes | None]:
    names = {p.name for p in REPO.iterdir()}
    return names, DOCS.read_bytes() if DOCS.exists() else None


def test_benchmarks_run_at_size_s() -> None:
    before = _snapshot()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--fast", "--sizes", "S", "--quiet"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "figure" in out and "measured" in out and "met?" in out
    for figure in FIGURES:
        assert figure in out, f"{figure!r} missing from:\n{out}"
    assert "FAILED" not in out
    assert "not available yet" not in out, "a figure was skipped"
    assert _snapshot() == before, "the benchmarks wrote into the repository"


def test_write_docs_keeps_the_hand_written_part(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    rows = [Row("first paint, L", "1.00 s", "floor 0.30 s", 3.3, "≤ 1.5 × floor", False, note="a | b")]
    write_docs(path, rows, "sizes L; 1 round")
    text = path.read_text(encoding="utf-8")
    assert "| first paint, L | 1.00 s | floor 0.30 s | 3.30 | ≤ 1.5 × floor | **no** |" in text
    assert text.count(MARKER) == 1

    path.write_text(text + "\n## Search notes\n\nWritten by hand.\n", encoding="utf-8")
    write_docs(path, [Row("first paint, L", "0.40 s")], "sizes L; 1 round")
    again = path.read_text(encoding="utf-8")
    assert "| first paint, L | 0.40 s |" in again and "1.00 s" not in again
    assert again.endswith("## Search notes\n\nWritten by hand.\n")
    assert again.count(MARKER) == 1


def test_write_docs_keeps_a_file_without_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text("# Notes on speed\n\nOld text.\n", encoding="utf-8")
    write_docs(path, [Row("x", "1 ms")], "sizes S; 1 round")
    text = path.read_text(encoding="utf-8")
    assert text.index(MARKER) < text.index("# Notes on speed")
    assert text.endswith("Old text.\n")
