"""Time to first paint, in a real pseudo-terminal.

:func:`time_to_text` starts a command in a pty of 120x40 (``TERM=xterm-256color``),
feeds everything it writes into a :mod:`pyte` screen, and stops the clock when
a given text is on that screen. The clock starts just before the spawn, so the
figure includes interpreter start-up, imports, loading and the first frame --
what the user waits for. The process is then asked to quit (``q``) and
terminated. :func:`peak_rss_kib` can be read just before that, from
``/proc/PID/status`` (``VmHWM``).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pexpect
import pyte

ROWS, COLS = 40, 120
FLOOR_APP = Path(__file__).resolve().parent / "floor_app.py"


def briefing_tui_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    beside = Path(sys.executable).parent / "briefing-tui"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("briefing-tui")
    return [found] if found else [sys.executable, "-m", "briefing_tui"]


def floor_command() -> list[str]:
    return [sys.executable, str(FLOOR_APP)]


def clean_env(home: Path) -> dict[str, str]:
    """The environment for a benchmarked process: a terminal, and every data,
    cache and config dir (and the notes file, and the cache of validated
    briefings) inside `home`, a temp dir. No other BRIEFING_TUI_* variable
    of the caller's gets through."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "TEXTUAL", "PYTHONPROFILEIMPORTTIME") and not k.startswith("BRIEFING_TUI_")
    }
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLS),
        LINES=str(ROWS),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        BRIEFING_TUI_NOTES=str(home / "notes.sqlite3"),
        BRIEFING_TUI_CACHE=str(home / "cache" / "briefing-tui"),
    )
    return env


@dataclass
class PaintRun:
    seconds: float
    #: Peak RSS in KiB (VmHWM) when the text appeared, if asked for.
    peak_rss_kib: int | None = None
    #: Seconds until `then` (an optional second condition) held, if given.
    then_seconds: float | None = None


class PaintTimeout(RuntimeError):
    pass


def peak_rss_kib(pid: int) -> int | None:
    """VmHWM of a live process, in KiB (Linux); None elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def time_to_text(
    command: Sequence[str],
    needle: str,
    env: Mapping[str, str],
    *,
    timeout: float = 120.0,
    measure_rss: bool = False,
    then: Callable[[str], bool] | None = None,
    then_timeout: float = 600.0,
    on_paint: Callable[[str], None] | None = None,
    settle: float = 0.0,
) -> PaintRun:
    """Seconds from spawning `command` until `needle` is on its screen.

    `then`, if given, is a second condition on the screen text, timed from the
    same start (e.g. "the progress bar is gone"); `on_paint` sees the screen
    when the needle appeared. With `measure_rss`, the peak RSS is read when the
    needle appears, or after `then` holds, or `settle` seconds later.
    The process runs in the home given in its environment (the folder of its
    notes file), so nothing it writes lands in the current folder.
    """
    cwd = Path(env["BRIEFING_TUI_NOTES"]).parent if env.get("BRIEFING_TUI_NOTES") else None
    screen = pyte.Screen(COLS, ROWS)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    child = pexpect.spawn(command[0], list(command[1:]), dimensions=(ROWS, COLS), env=dict(env), cwd=cwd, timeout=None)
    try:
        seen = _pump_until(child, stream, screen, lambda text: needle in text, start + timeout)
        elapsed = time.perf_counter() - start
        if not seen:
            why = "the process exited" if not child.isalive() else f"{timeout:.0f} s passed"
            raise PaintTimeout(
                f"{needle!r} never on screen ({why}) running {' '.join(command)}; screen:\n" + _text(screen)
            )
        rss = peak_rss_kib(child.pid) if measure_rss else None
        if on_paint is not None:
            on_paint(_text(screen))
        run = PaintRun(elapsed, rss)
        if settle > 0:
            _pump_until(child, stream, screen, lambda _text: False, time.perf_counter() + settle)
            if measure_rss:
                run.peak_rss_kib = peak_rss_kib(child.pid)
        if then is not None:
            if _pump_until(child, stream, screen, then, start + then_timeout):
                run.then_seconds = time.perf_counter() - start
            if measure_rss:
                run.peak_rss_kib = peak_rss_kib(child.pid)
        return run
    finally:
        _stop(child)


def _text(screen: pyte.Screen) -> str:
    return "\n".join(screen.display)


def _pump_until(
    child: pexpect.spawn, stream: pyte.ByteStream, screen: pyte.Screen, done: Callable[[str], bool], deadline: float
) -> bool:
    while True:
        try:
            data = child.read_nonblocking(1 << 20, timeout=0.5)
        except pexpect.TIMEOUT:
            data = b""
        except pexpect.EOF:
            return done(_text(screen))
        if data:
            stream.feed(data)
            if done(_text(screen)):
                return True
        if time.perf_counter() > deadline:
            return False


def _stop(child: pexpect.spawn) -> None:
    if child.isalive():
        try:
            child.send("q")
            child.expect(pexpect.EOF, timeout=5)
        except (pexpect.TIMEOUT, pexpect.EOF, OSError):
            pass
    child.close(force=True)


# ------------------------------------------------------------------ the figures

PROGRESS = re.compile(r"\d+%")


def title_needle(title: str) -> str:
    """What to wait for: the start of a title, short enough not to be wrapped
    or cut by the list column."""
    return title[:24].rstrip()


@cache  # loading L takes a second; the paint and memory sections both ask
def first_recommendation_title(path: Path) -> str:
    from briefing_tui.model.loader import load_briefing

    return load_briefing(path).recommendations[0].title


def libyaml_parse_seconds(path: Path) -> float:
    """One parse of `path` with PyYAML's libyaml loader (yaml.CSafeLoader), in this process."""
    import gc

    import yaml

    gc.collect()
    start = time.perf_counter()
    with open(path, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is the safe loader
    elapsed = time.perf_counter() - start
    gc.collect()
    return elapsed
