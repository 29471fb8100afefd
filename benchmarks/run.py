"""``python -m benchmarks``: run the benchmarks, print the table, optionally
write it into ``docs/performance.md``. See ``--help`` and docs/performance.md."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from benchmarks import cli, close_memory, first_paint, load, memory, note_typing, notes, report, search, year_strip
from benchmarks.common import REPO, Row, Settings, Workspace, compile_bytecode

SIZES = ("S", "M", "L", "library")
#: Section name -> its run function, in the order of the table.
SECTIONS: dict[str, Callable[[Workspace, Settings, list[str]], list[Row]]] = {
    "paint": first_paint.run,
    "load": load.run,
    "search": search.run,
    "strip": year_strip.run,
    "memory": memory.run,
    "close": close_memory.run,
    "notes": notes.run,
    "typing": note_typing.run,
    "cli": cli.run,
}
DOCS = REPO / "docs" / "performance.md"


def _list(value: str, allowed: Sequence[str], what: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    canon = {a.lower(): a for a in allowed}
    out = []
    for item in items:
        if item.lower() not in canon:
            raise argparse.ArgumentTypeError(f"unknown {what} {item!r} (choose from {', '.join(allowed)})")
        out.append(canon[item.lower()])
    return out


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmarks of briefing-tui: first paint, load, search, memory, memory after closing "
        "briefings, notes, typing a note, CLI. Prints a table; --write-docs also writes it into docs/performance.md.",
    )
    p.add_argument(
        "--sizes",
        type=lambda v: _list(v, SIZES, "size"),
        default=list(SIZES),
        help="comma-separated: S (the bundled briefing), M, L, library (1,000 M briefings); default all",
    )
    p.add_argument(
        "--sections",
        type=lambda v: _list(v, list(SECTIONS), "section"),
        default=list(SECTIONS),
        help=f"comma-separated: {', '.join(SECTIONS)}; default all",
    )
    p.add_argument("--runs", type=int, default=None, help="rounds of every timed process (default 7; --fast: 1)")
    p.add_argument("--repeat", type=int, default=None, help="repeats of in-process timings (default 30; --fast: 3)")
    p.add_argument(
        "--fast",
        action="store_true",
        help="smoke-test settings: one round, no warm-up, fewer repeats, no bytecode compiled",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the generated briefings (default 0)")
    p.add_argument("--library-size", type=int, default=1_000, help="briefings in the library (default 1,000)")
    p.add_argument(
        "--no-library-full",
        action="store_true",
        help="do not wait once for the whole library to be listed (minutes)",
    )
    p.add_argument("--data-dir", type=Path, help="keep generated briefings here and reuse them (default: a temp dir)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write every measurement as JSON to FILE")
    p.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(REPO)}")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    return p


def settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings(seed=args.seed, library_size=args.library_size, verbose=not args.quiet)
    if args.fast:
        settings.runs, settings.warmup, settings.repeat, settings.library_full = 1, False, 3, False
        settings.fast = True
    if args.runs is not None:
        settings.runs = max(1, args.runs)
    if args.repeat is not None:
        settings.repeat = max(1, args.repeat)
    if args.no_library_full:
        settings.library_full = False
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = settings_from(args)
    # The app runs in this process too (keystroke figures): the user's key map,
    # notes file or cache settings must not change what is measured.
    for name in [n for n in os.environ if n.startswith("BRIEFING_TUI_")]:
        del os.environ[name]
    sizes: list[str] = args.sizes
    report.print_header(sys.stderr)
    sha = report.commit()  # the code measured is the code at the start
    if not args.fast:  # the smoke test times nothing, and writes nothing into the checkout
        compiled = compile_bytecode()
        if settings.verbose:
            print(f"bytecode of {compiled} compiled, as an install would", file=sys.stderr, flush=True)
    rows: list[Row] = []
    failed = False
    started = time.perf_counter()
    with Workspace(settings, args.data_dir) as ws:
        for name in args.sections:
            section_start = time.perf_counter()
            if settings.verbose:
                print(f"[{name}]", file=sys.stderr, flush=True)
            try:
                rows += SECTIONS[name](ws, settings, sizes)
            except Exception as error:  # noqa: BLE001 - report it, run the other sections
                failed = True
                traceback.print_exc()
                rows.append(Row(f"{name}: FAILED", f"{type(error).__name__}: {error}"[:200], met=False))
            if settings.verbose:
                print(f"[{name}] {time.perf_counter() - section_start:.0f} s", file=sys.stderr, flush=True)
    settings_line = (
        f"sizes {','.join(sizes)}; {settings.runs} round{'s' if settings.runs != 1 else ''}"
        f"{', no warm-up' if not settings.warmup else ''}; seed {settings.seed}"
    )
    print()
    print(f"{settings_line}; {time.perf_counter() - started:.0f} s in all")
    print(report.text_table(rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"settings": settings_line, "machine": report.machine(), "rows": [r.__dict__ for r in rows]},
                indent=2,
                default=str,
            ),
            encoding="utf-8",
        )
    if args.write_docs:
        path = report.write_docs(DOCS, rows, settings_line, sha)
        print(f"\nwrote {path}")
    return 1 if failed else 0
