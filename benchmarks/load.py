"""Load figures: ``load_briefing`` (parse, convert, validate, order) against
libyaml alone (``yaml.load(file, Loader=yaml.CSafeLoader)``) on the same file,
interleaved, in this process."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, interleave, log, median, seconds
from benchmarks.paint import libyaml_parse_seconds


def load_seconds(path: Path) -> float:
    from briefing_tui.model.loader import load_briefing

    gc.collect()
    start = time.perf_counter()
    load_briefing(path)
    elapsed = time.perf_counter() - start
    gc.collect()
    return elapsed


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    rows = []
    for size in [s for s in ("S", "M", "L") if s in sizes]:
        path = ws.briefing(size)
        # Small files are quick: more rounds for a steadier median.
        runs = settings.runs * {"S": 20, "M": 3, "L": 1}[size]
        log(settings, f"load {size} ({path.stat().st_size / 1e6:.1f} MB): {runs} rounds of loader + libyaml")
        times = interleave(
            runs,
            {"load": lambda path=path: load_seconds(path), "libyaml": lambda path=path: libyaml_parse_seconds(path)},
            warmup=settings.warmup,
        )
        ratio = median(times["load"]) / median(times["libyaml"])
        label = "bundled briefing (S)" if size == "S" else size
        rows.append(
            Row(
                f"load, {label}",
                seconds(times["load"]),
                f"libyaml {seconds(times['libyaml'])}",
                ratio,
                values={"load_s": times["load"], "libyaml_s": times["libyaml"], "bytes": path.stat().st_size},
            )
        )
    return rows
