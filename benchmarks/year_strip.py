"""The timeline's year strip: counting 10,000 events into columns and building
the two rows the widget draws (``strip`` + ``strip_content``, as
``YearStrip.render`` does on every change), at 120 cells.

Baseline: the target itself (5 ms), so the ratio says how much of it is used.
"""

from __future__ import annotations

import random
import time

from benchmarks.common import Row, Settings, Workspace, log, median, spread
from briefing_tui.model.yearstrip import strip
from briefing_tui.widgets.year_strip import cell_width, strip_content

EVENTS = 10_000
WIDTH = 120
TARGET_MS = 5.0


def _dates(seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(EVENTS):
        year = rng.randint(1697, 2025)
        precision = rng.random()
        if precision < 0.3:
            out.append(f"{year}")
        elif precision < 0.6:
            out.append(f"{year}-{rng.randint(1, 12):02d}")
        else:
            out.append(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    return sorted(out)


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    dates = _dates(settings.seed)
    hits = dates[:: len(dates) // 50]
    repeat = max(3, settings.repeat)
    log(settings, f"year strip: {EVENTS:,} events × {repeat}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        columns = strip(dates, WIDTH, selected=dates[len(dates) // 2], hits=hits)
        strip_content(columns, cell_width(WIDTH, columns))
        times.append((time.perf_counter() - started) * 1000)
    med = median(times)
    return [
        Row(
            f"year strip, {EVENTS:,} events",
            f"{med:.2f} ms{spread(times)}",
            f"{TARGET_MS:g} ms",
            med / TARGET_MS,
            f"≤ {TARGET_MS:g} ms",
            med <= TARGET_MS,
            note=f"{WIDTH} cells, {len(hits)} hits marked; median of {repeat}",
        )
    ]
