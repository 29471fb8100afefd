"""Search speed on a synthetic briefing.

``run(size)`` generates the briefing (:mod:`benchmarks.generate`), builds the
:class:`~briefing_tui.model.search.SearchIndex` once, then times each query of
:data:`QUERIES` over `repeat` runs. One run is what the search screen does on a
key press: ``search(query, limit=LIMIT)`` and reading the label, title spans,
snippet and snippet spans of every returned hit. ``all_hits_median_ms`` is
``search(query)`` with no limit (every hit ranked, none of them read). Run it with
``python -m benchmarks.search_bench [S|M|L]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

import msgspec

from benchmarks.generate import generate_briefing
from briefing_tui.model.schema import Briefing
from briefing_tui.model.search import SearchIndex

#: Hits the search screen asks for at once.
LIMIT = 50

#: Realistic queries, by what they exercise.
QUERIES: dict[str, str] = {
    "single word": "sanctions",
    "rare word": "Łukašenka",
    "two words": "human rights",
    "three words": "dutch embassy visa",
    "prefix": "sanc",
    "short prefix": "e",
    "word + prefix": "civil soc",
    "phrase": '"civil society"',
    "dashed phrase": "Belarus-Netherlands",
    "filter only": "in:rec",
    "tag filter": "tag:sanctions",
    "year range": "year:2006..2009",
    "words + filters": "visa in:events year:2008..",
    "recommendation #": "#1234",
    "no match": "zzyzx",
}


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def _one(index: SearchIndex, query: str) -> int:
    result = index.search(query, limit=LIMIT)
    for hit in result.hits:
        hit.label, hit.title_spans, hit.snippet, hit.snippet_spans  # noqa: B018
    return result.total


def run(size: str = "L", repeat: int = 50, seed: int = 0) -> dict[str, Any]:
    """Time every query of QUERIES on a briefing of `size`; times in milliseconds."""
    t0 = time.perf_counter()
    briefing = msgspec.convert(generate_briefing(size, seed), Briefing, strict=False)
    t1 = time.perf_counter()
    index = SearchIndex(briefing)
    t2 = time.perf_counter()
    queries: dict[str, dict[str, Any]] = {}
    every: list[float] = []
    for name, text in QUERIES.items():
        first = time.perf_counter()
        total = _one(index, text)
        first = time.perf_counter() - first
        times, unlimited = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            _one(index, text)
            times.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            index.search(text)
            unlimited.append((time.perf_counter() - start) * 1000)
        every.extend(times)
        queries[name] = {
            "query": text,
            "hits": total,
            "first_ms": first * 1000,
            "median_ms": statistics.median(times),
            "p90_ms": _percentile(times, 0.9),
            "all_hits_median_ms": statistics.median(unlimited),
        }
    return {
        "size": size,
        "items": len(index),
        "vocabulary": index.vocabulary_size,
        "generate_s": t1 - t0,
        "build_s": t2 - t1,
        "limit": LIMIT,
        "repeat": repeat,
        "queries": queries,
        "median_ms": statistics.median(every),
        "p90_ms": _percentile(every, 0.9),
        "max_median_ms": max(q["median_ms"] for q in queries.values()),
    }


def format_table(result: dict[str, Any]) -> str:
    """The result of `run` as a small text table."""
    lines = [
        f"size {result['size']}: {result['items']:,} items, vocabulary {result['vocabulary']:,}, "
        f"index built in {result['build_s']:.2f} s; limit {result['limit']}, {result['repeat']} runs",
        f"{'query':<18} {'text':<28} {'hits':>6} {'first':>7} {'median':>7} {'p90':>7} {'no limit':>8}",
    ]
    for name, q in result["queries"].items():
        lines.append(
            f"{name:<18} {q['query']:<28} {q['hits']:>6} {q['first_ms']:>7.2f} "
            f"{q['median_ms']:>7.2f} {q['p90_ms']:>7.2f} {q['all_hits_median_ms']:>8.2f}"
        )
    lines.append(
        f"{'all queries':<18} {'':<28} {'':>6} {'':>7} {result['median_ms']:>7.2f} {result['p90_ms']:>7.2f}  (ms)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    size = (args[0] if args else "L").upper()
    if size not in ("S", "M", "L"):
        print("usage: python -m benchmarks.search_bench [S|M|L]", file=sys.stderr)
        return 2
    print(format_table(run(size)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
