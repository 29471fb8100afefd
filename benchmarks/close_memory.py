"""Memory kept after closing briefings: the app on a library of generated
briefings opens them one after another and closes each
(``benchmarks/close_app.py``, headless, in a process of its own), reading its
resident memory (``VmRSS``) after every close.

The figure is the growth after the second briefing: RSS after the last close
minus RSS after the second, as a % of RSS after the second (the first two
opens bring in code, caches and the interpreter's arenas that any later open
reuses). A briefing that is freed when it closes leaves it near 0 %; one kept
per open adds its size every time.

Two processes, each with a fresh home (so an empty cache: every briefing is
parsed from its YAML, as a first open does):

* **app**: the app as it is (a closed briefing screen frees what it held:
  ``screens.release.release_memory``);
* **freeze per load** (not with ``--fast``): the loader's pause of the
  garbage collector as it was before, ``gc.freeze()`` at the end of every load.

Sizes: 20 M briefings (1,200 items each) when M, L or the library is
measured; 4 S briefings otherwise (the smoke test).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, log, mib
from benchmarks.paint import clean_env

CHILD = Path(__file__).resolve().parent / "close_app.py"
TARGET = 10.0  # % growth after the second briefing
TIMEOUT = 900


def close_briefings(folder: Path, count: int, variant: str, home: Path) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(CHILD), str(folder), str(count), variant],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env=clean_env(home),
    )
    if result.returncode != 0:
        raise RuntimeError(f"{CHILD.name} {variant} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def growth(rss: list[int]) -> float:
    """% growth of RSS from after the second close to after the last."""
    return (rss[-1] - rss[1]) / rss[1] * 100


def _summary(data: dict[str, object]) -> str:
    rss: list[int] = data["rss_kib"]  # type: ignore[assignment]
    return f"{growth(rss):+.1f} % ({mib(rss[1])} → {mib(rss[-1])})"


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    if not sys.platform.startswith("linux"):
        return [Row.skipped("memory after closing briefings", "needs /proc (Linux)")]
    size, count = ("M", 20) if {"M", "L", "library"} & set(sizes) else ("S", 4)
    folder = ws.library(count, size)
    variants = ["app"] if settings.fast else ["freeze", "app"]
    log(settings, f"closing briefings: {count} {size} briefings opened and closed, {', '.join(variants)}")
    results = {}
    for variant in variants:
        results[variant] = close_briefings(folder, count, variant, ws.home(f"close-{variant}"))
        log(settings, f"{variant}: {_summary(results[variant])}, {results[variant]['seconds']:.0f} s")
    before = results.get("freeze")
    before_growth = growth(before["rss_kib"]) if before else None  # type: ignore[arg-type]
    full = size == "M" and count == 20
    figure = f"memory after closing {count} briefings, {size}"
    rows = []
    for variant, label in (("app", figure),):
        data = results[variant]
        value = growth(data["rss_kib"])  # type: ignore[arg-type]
        note = (
            f"RSS after the last close minus after the 2nd, as a % of after the 2nd; "
            f"{data['alive']} of {count} closed briefing screens still in memory after the last close"
        )
        if before is not None:
            note += f" (freeze per load: {before['alive']} of {count})"
        rows.append(
            Row(
                label,
                _summary(data),
                f"freeze per load {_summary(before)}" if before else "—",
                (value / before_growth) if before_growth else None,
                f"≤ {TARGET:.0f} % growth" if full else "—",
                (value <= TARGET) if full else None,
                note=note,
                values={"results": results} if variant == "app" else {},
            )
        )
    return rows
