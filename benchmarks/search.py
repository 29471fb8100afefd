"""Search figures.

* query -> ranked results, in the pure core: :mod:`benchmarks.search_bench`
  (its fixed queries, its timing: ``SearchIndex.search`` plus reading every
  hit's label, snippet and highlight spans).
* keystroke -> results painted, in the app: :mod:`benchmarks.keystroke`.
"""

from __future__ import annotations

from benchmarks import keystroke, search_bench
from benchmarks.common import Row, Settings, Workspace, log


def _size(sizes: list[str]) -> str | None:
    for size in ("L", "M", "S"):
        if size in sizes:
            return size
    return None


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    size = _size(sizes)
    if size is None:
        return []
    figure = f"query → results, {size}"
    target = "≤ 10 ms median" if size == "L" else "—"
    repeat = max(3, settings.repeat)
    log(settings, f"search {size}: {len(search_bench.QUERIES)} queries × {repeat} (benchmarks.search_bench)")
    result = search_bench.run(size, repeat=repeat, seed=settings.seed)
    med = result["median_ms"]
    slowest_name, slowest = max(result["queries"].items(), key=lambda item: item[1]["median_ms"])
    rows = [
        Row(
            figure,
            f"{med:.2f} ms (p90 {result['p90_ms']:.2f})",
            "10 ms" if size == "L" else "—",
            med / 10 if size == "L" else None,
            target,
            (med <= 10) if size == "L" else None,
            note=f"{len(result['queries'])} queries × {repeat}, limit {result['limit']}; "
            f"index built in {result['build_s']:.2f} s",
            values={"search_bench": result},
        ),
        Row(
            f"query → results, {size}, slowest query",
            f"{slowest['median_ms']:.2f} ms",
            note=f"{slowest_name}: {slowest['query']!r}",
        ),
    ]
    rows += keystroke.run(ws, settings, size)
    return rows
