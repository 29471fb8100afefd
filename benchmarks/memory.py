"""Memory figures: peak RSS of the app against the floor app plus the parsed data.

* app: ``briefing-tui FILE`` in the pty, peak RSS (``VmHWM``) read
  :data:`SETTLE` seconds after the first recommendation is on screen.
* floor: the floor app, read the same way.
* parsed data: a plain Python process that imports the loader and then loads
  the briefing: its peak RSS growth during the load (``VmHWM`` after, minus
  ``VmRSS`` before; the peak is reset first where Linux allows), and what stays
  (``VmRSS`` after, minus before) for reference.

Baseline = floor + parsed-data peak growth: what any Textual app that loads
the file with our loader cannot avoid.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, interleave, log, median, mib
from benchmarks.floor_app import READY
from benchmarks.paint import (
    briefing_tui_command,
    clean_env,
    first_recommendation_title,
    floor_command,
    time_to_text,
    title_needle,
)

SETTLE = 1.5

_PARSED = r"""
import gc, json, sys

def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])

from briefing_tui.model.loader import load_briefing
gc.collect()
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # reset VmHWM to the current RSS
except OSError:
    pass
before = status("VmRSS")
briefing = load_briefing(sys.argv[1])
peak = status("VmHWM")
gc.collect()
after = status("VmRSS")
print(json.dumps({"before": before, "peak": peak, "after": after}))
"""


def parsed_data_kib(path: Path, env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", _PARSED, str(path)], capture_output=True, text=True, check=True, env=env
    ).stdout
    data = json.loads(out)
    return {"peak_growth": data["peak"] - data["before"], "retained": data["after"] - data["before"]}


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    if not sys.platform.startswith("linux"):
        return [Row.skipped("peak memory", "needs /proc (Linux)")]
    size = next((s for s in ("L", "M", "S") if s in sizes), None)
    if size is None:
        return []
    path = ws.briefing(size)
    needle = title_needle(first_recommendation_title(path))
    command = [*briefing_tui_command(), str(path)]
    runs = max(1, min(settings.runs, 3))
    log(settings, f"peak memory {size}: {runs} rounds of floor + app + parse-only process")
    parsed: list[dict[str, int]] = []
    floor_home = ws.home("memory-floor")

    def floor() -> float:
        return float(
            time_to_text(floor_command(), READY, clean_env(floor_home), measure_rss=True, settle=SETTLE).peak_rss_kib
            or 0
        )

    def app() -> float:
        home = ws.home("memory-app")
        return float(time_to_text(command, needle, clean_env(home), measure_rss=True, settle=SETTLE).peak_rss_kib or 0)

    def data() -> float:
        parsed.append(parsed_data_kib(path, clean_env(floor_home)))
        return float(parsed[-1]["peak_growth"])

    values = interleave(runs, {"floor": floor, "app": app, "data": data}, warmup=False)
    floor_kib, app_kib, data_kib = median(values["floor"]), median(values["app"]), median(values["data"])
    retained = median([p["retained"] for p in parsed])
    baseline = floor_kib + data_kib
    ratio = app_kib / baseline
    is_l = size == "L"
    return [
        Row(
            f"peak memory, {size}",
            mib(app_kib),
            f"floor {mib(floor_kib)} + parsed data {mib(data_kib)} = {mib(baseline)}",
            ratio,
            "≤ 1.5 × (floor + parsed data)" if is_l else "—",
            (ratio <= 1.5) if is_l else None,
            note=f"parsed data: peak growth of a load-only process; {mib(retained)} stays after the load",
            values={"app_kib": values["app"], "floor_kib": values["floor"], "parsed": parsed},
        )
    ]
