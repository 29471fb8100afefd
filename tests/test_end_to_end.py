"""The installed `briefing-tui` in a real pseudo-terminal, read back with pyte."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from tests.conftest import BUNDLED, MINIMAL


def executable() -> str:
    beside = Path(sys.executable).parent / "briefing-tui"
    found = str(beside) if beside.exists() else shutil.which("briefing-tui")
    if not found:
        pytest.fail("the briefing-tui console script is not installed (pip install -e '.[test]')")
    return found


class Terminal:
    def __init__(
        self,
        args: list[str],
        tmp_path: Path,
        rows: int = 40,
        cols: int = 120,
        env: dict[str, str] | None = None,
        shell: str | None = None,
    ) -> None:
        """`shell`: run the app from this ``sh -c`` script, which names it ``"$0" "$@"``."""
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "BRIEFING_TUI_NOTES": str(tmp_path / "notes.sqlite3"),
            **(env or {}),
        }
        environment.pop("NO_COLOR", None)
        command, args = ("sh", ["-c", shell, executable(), *args]) if shell else (executable(), args)
        self.child = pexpect.spawn(command, args, dimensions=(rows, cols), env=environment, timeout=1)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self) -> None:
        try:
            while True:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def pump_for(self, seconds: float) -> None:
        """Read what the app draws for `seconds` (a reader's pause)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=left))
            except pexpect.TIMEOUT:
                return
            except pexpect.EOF:
                return

    def wait_for(self, needle: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.pump()
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text()}")

    def wait_gone(self, needle: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.pump()
            if needle not in self.text():
                return
        raise AssertionError(f"{needle!r} never went; screen:\n{self.text()}")

    def press(self, keys: str) -> None:
        self.child.send(keys)


def test_opens_the_bundled_briefing_navigates_and_quits(tmp_path, bundled_briefing):
    term = Terminal([str(BUNDLED)], tmp_path)
    try:
        term.wait_for(bundled_briefing.recommendations[0].title[:40])
        assert "Recommendations" in term.text()
        term.press("j")
        term.wait_for("RECOMMENDATION 2")
        term.press("2")
        term.wait_for("1994")
        term.press("q")
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        term.child.close(force=True)
    assert term.child.exitstatus == 0


def test_no_argument_opens_the_bundled_briefing(tmp_path, bundled_briefing):
    term = Terminal([], tmp_path, rows=24, cols=80)
    try:
        term.wait_for(bundled_briefing.recommendations[0].title[:30])
        term.press("q")
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        term.child.close(force=True)


def test_a_broken_briefing_exits_2_with_its_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("kind: report", "kind: memo"), encoding="utf-8")
    child = pexpect.spawn(executable(), [str(bad)], timeout=30, env={**os.environ, "TERM": "xterm-256color"})
    output = child.read().decode()
    child.close()
    assert child.exitstatus == 2
    assert f"{bad}:" in output and "sources #1 (src-a).kind" in output
