"""First-paint figures: the real ``briefing-tui`` against the floor app, in a pty.

Each round runs the floor app and then every variant of the app once, so
drift on a shared machine hits all of them alike. "Cold" runs get a fresh
home (empty XDG data/cache/config dirs and notes file) every time, so a cache
of validated briefings, once there is one, cannot help them; "again" runs
share one home that an uncounted first run has primed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, interleave, log, median, one_time, seconds
from benchmarks.floor_app import READY
from benchmarks.paint import (
    PROGRESS,
    briefing_tui_command,
    clean_env,
    first_recommendation_title,
    floor_command,
    libyaml_parse_seconds,
    time_to_text,
    title_needle,
)


def _floor(ws: Workspace) -> Callable[[], float]:
    home = ws.home("floor")
    return lambda: time_to_text(floor_command(), READY, clean_env(home)).seconds


def _app(ws: Workspace, target: Path, needle: str, *, cold: bool, name: str) -> Callable[[], float]:
    """A step timing `briefing-tui target` until `needle` shows."""
    command = [*briefing_tui_command(), str(target)]
    shared = None if cold else ws.home(name)

    def step() -> float:
        home = ws.home(name) if cold else shared
        assert home is not None
        return time_to_text(command, needle, clean_env(home)).seconds

    if not cold:
        step()  # prime the shared home: this is the "first time"; later runs are "again"
    return step


def _ratio_row(figure: str, app: list[float], floor: list[float], limit: float | None, **values: object) -> Row:
    ratio = median(app) / median(floor)
    return Row(
        figure,
        seconds(app),
        f"floor {seconds(floor)}",
        ratio,
        f"≤ {limit:g} × floor" if limit else "—",
        (ratio <= limit) if limit else None,
        values={"app_s": app, "floor_s": floor, **values},
    )


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    rows: list[Row] = []
    runs = settings.runs
    for size in [s for s in ("S", "M") if s in sizes]:
        path = ws.briefing(size)
        needle = title_needle(first_recommendation_title(path))
        log(settings, f"first paint {size}: {runs} rounds of floor + app, waiting for {needle!r}")
        times = interleave(
            runs,
            {"floor": _floor(ws), "app": _app(ws, path, needle, cold=True, name=f"paint-{size}")},
            warmup=settings.warmup,
        )
        if size == "S":
            rows.append(_ratio_row("first paint, bundled briefing (S)", times["app"], times["floor"], 1.3))
        else:
            rows.append(_ratio_row("first paint, M", times["app"], times["floor"], None))

    if "L" in sizes:
        path = ws.briefing("L")
        needle = title_needle(first_recommendation_title(path))
        log(settings, f"first paint L: {runs} rounds of floor + app + app again + libyaml parse")
        steps = {
            "floor": _floor(ws),
            "app": _app(ws, path, needle, cold=True, name="paint-L"),
            "again": _app(ws, path, needle, cold=False, name="paint-L-again"),
            "libyaml": lambda: libyaml_parse_seconds(path),
        }
        times = interleave(runs, steps, warmup=settings.warmup)
        floor, libyaml = median(times["floor"]), median(times["libyaml"])
        budget = floor + 1.5 * libyaml
        app = median(times["app"])
        rows.append(
            Row(
                "first paint, L",
                seconds(times["app"]),
                f"floor + 1.5 × libyaml = {floor:.2f} + 1.5 × {libyaml:.2f} s = {budget:.2f} s",
                app / budget,
                "≤ floor + 1.5 × libyaml parse",
                app <= budget,
                values={"app_s": times["app"], "floor_s": times["floor"], "libyaml_s": times["libyaml"]},
            )
        )
        rows.append(_ratio_row("first paint, L, opened again unchanged", times["again"], times["floor"], 1.5))

    if "library" in sizes:
        rows += _library(ws, settings)
    return rows


def _library(ws: Workspace, settings: Settings) -> list[Row]:
    n = settings.library_size
    folder = ws.library(n, "M")
    needle = f"Synthetic briefing M #{settings.seed}:"
    command = [*briefing_tui_command(), str(folder)]
    label = f"library of {n:,}"
    bars: list[bool] = []

    def saw_bar(text: str) -> None:
        bars.append(bool(PROGRESS.search(text)))

    def listed(text: str) -> bool:
        return needle in text and not PROGRESS.search(text)

    shared = ws.home("library-again")
    rows: list[Row] = []
    full: float | None = None
    if settings.library_full:
        # The first open of the shared home is a "first time" too; it waits
        # until every file is listed (the progress bar goes), which also
        # leaves whatever the app caches in that home for the "again" runs.
        log(settings, f"{label}: first open, until every briefing is listed (once)")
        first = time_to_text(command, needle, clean_env(shared), then=listed, then_timeout=1800, on_paint=saw_bar)
        full = first.then_seconds
    else:
        time_to_text(command, needle, clean_env(shared))  # prime the shared home

    log(settings, f"{label}: {settings.runs} rounds of floor + first open + open again")

    def cold() -> float:
        return time_to_text(command, needle, clean_env(ws.home("library")), on_paint=saw_bar).seconds

    def again() -> float:
        return time_to_text(command, needle, clean_env(shared)).seconds

    times = interleave(settings.runs, {"floor": _floor(ws), "cold": cold, "again": again}, warmup=False)
    cold_median = median(times["cold"])
    with_bar = all(bars)
    rows.append(
        Row(
            f"first paint, {label}, first time",
            seconds(times["cold"]),
            "2 s",
            cold_median / 2.0,
            "≤ 2 s, with a progress bar",
            cold_median <= 2.0 and with_bar,
            note="progress bar on screen at first paint" if with_bar else "no progress bar at first paint",
            values={"cold_s": times["cold"], "floor_s": times["floor"], "progress_bar": bars},
        )
    )
    if full is not None:
        rows.append(
            Row(
                f"library of {n:,}: every briefing listed",
                one_time(full),
                note="one run; the progress bar is gone",
                values={"full_s": full},
            )
        )
    reopened = _ratio_row(f"first paint, {label}, reopened", times["again"], times["floor"], 1.3)
    if full is None:
        reopened.note = (
            "the first open was stopped at its first paint, so whatever the app caches after a full scan is not there"
        )
    rows.append(reopened)
    return rows
