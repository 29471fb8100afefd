"""The process that ``benchmarks/close_memory.py`` starts: the real app on a
library, headless (Textual's ``run_test``, 120×40), opening its briefings one
after another and closing each (Enter on the row, Escape back), reading the
process's resident memory (``VmRSS``) after every close.

    python benchmarks/close_app.py FOLDER COUNT VARIANT

VARIANT:

* ``app``: the app as it is.
* ``freeze``: the app with the loader's garbage-collector pause as it was
  before (``gc.freeze()`` at the end of every load), for comparison.

Prints one JSON object: ``rss_kib`` (after each close), ``alive`` (how many of
the closed briefing screens are still in memory at the end, through weak
references), ``frozen`` (``gc.get_freeze_count()`` at the end) and the wall
time.
"""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Longest wait for one step (the library listed, a briefing open, back at the library).
TIMEOUT = 60.0


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def patch_freeze_per_load() -> None:
    """The loader's and cache's ``gc_paused`` as it was before: the collector
    paused, then everything alive frozen (``gc.freeze()``) when the last pause ends."""
    lock = threading.Lock()
    state = {"depth": 0, "was_enabled": True}

    @contextmanager
    def gc_paused() -> Iterator[None]:
        with lock:
            if state["depth"] == 0:
                state["was_enabled"] = gc.isenabled()
                gc.disable()
            state["depth"] += 1
        try:
            yield
        finally:
            with lock:
                state["depth"] -= 1
                if state["depth"] == 0:
                    gc.freeze()
                    if state["was_enabled"]:
                        gc.enable()

    import briefing_tui.model.cache as cache
    import briefing_tui.model.loader as loader

    loader.gc_paused = gc_paused
    cache.gc_paused = gc_paused


async def wait_for(pilot: object, condition: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(f"never happened: {what}")
        await pilot.pause(0.02)  # type: ignore[attr-defined]


async def run(folder: Path, count: int, variant: str) -> dict[str, object]:
    if variant == "freeze":
        patch_freeze_per_load()
    from briefing_tui.app import make_app
    from briefing_tui.screens.briefing import BriefingScreen

    app = make_app(library=folder)
    rss: list[int] = []
    closed: list[weakref.ref[object]] = []
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.screen
        table = library.query_one("#library-table")
        await wait_for(pilot, lambda: table.option_count >= count, "every briefing listed")
        await app.workers.wait_for_complete()
        for row in range(count):
            table.highlighted = row
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, BriefingScreen), f"briefing {row + 1} open")
            closed.append(weakref.ref(app.screen))
            opened = closed[-1]
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()  # everything it does after the first paint
            await pilot.pause(0.05)
            while app.screen is not library:
                await pilot.press("escape")
                await wait_for(
                    pilot,
                    lambda opened=opened: app.screen is library or app.screen is not opened(),
                    "back at the library",
                )
            await wait_for(
                pilot, lambda opened=opened: not getattr(opened(), "is_attached", False), f"briefing {row + 1} removed"
            )
            # The app frees a closed briefing right after the next refresh; wait
            # for it (briefly: with the old freeze per load it never happens).
            deadline = time.monotonic() + 0.5
            while closed[-1]() is not None and time.monotonic() < deadline:
                await pilot.pause(0.02)
            rss.append(rss_kib())
        alive = sum(ref() is not None for ref in closed)
    elapsed = time.perf_counter() - started
    return {
        "variant": variant,
        "rss_kib": rss,
        "alive": alive,
        "frozen": gc.get_freeze_count(),
        "seconds": elapsed,
    }


def main(argv: list[str]) -> int:
    folder, count, variant = Path(argv[0]), int(argv[1]), argv[2]
    if variant not in ("app", "freeze"):
        raise SystemExit(f"unknown variant {variant!r}")
    print(json.dumps(asyncio.run(run(folder, count, variant))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
