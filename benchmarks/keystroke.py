"""Keystroke -> painted, in the app, headless (Textual's Pilot), 120x40.

The app runs in this process on the headless driver, with its ``_display``
(what the screen calls with each rendered frame) wrapped to note the time of
every frame, to turn the frame into terminal output as a real driver would
(that cost is part of painting), and to note what the search results look
like in it. After a key press the clock runs until the app has been quiet
(no new frame) for :data:`QUIET` seconds. Two times come out of each press:

* **results painted**: the first frame that shows the search results as they
  are at the end (the list's options and the status line, read from the
  widgets ``#search-results`` and ``#search-status``, counting every change
  of the options); if there are no such widgets, the same as "settled".
* **settled**: the last frame before the quiet spell -- everything the key
  caused (the preview of the first hit in the detail pane too) is on screen.

Figures:

* search: typing fixed queries one key at a time into the search bar (opened
  with the binding whose id is ``search-open``). Before typing, the benchmark
  waits for every worker the bar started (building the index) to finish; that
  wait is reported.
* cursor down (``j``) on the recommendations, for comparison: the cost of a
  plain repaint of the briefing screen (list highlight + detail pane).
* switching to the Timeline tab (key ``2``): the first time, when its list is
  built, and again after going back to the recommendations.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, log, median, seconds

SIZE = (120, 40)
#: How long the app must stay without a new frame for a key's effect to count as painted.
QUIET = 0.25
#: Give up waiting for quiet after this long (a blinking cursor never stops).
MAX_WAIT = 3.0
#: Typed one key at a time into the search bar (words of benchmarks.search_bench.QUERIES).
SEARCH_QUERIES = ["sanctions", "human rights", "dutch embassy visa", "civil soc"]
SEARCH_BINDING = "search-open"
#: Longest wait for the work that opening the search bar starts (building the index).
WORKERS_TIMEOUT = 120.0


def search_key() -> str:
    """The key that opens the search bar (the binding with id SEARCH_BINDING)."""
    from briefing_tui import keys

    for binding in keys.all_bindings():
        if binding.id == SEARCH_BINDING:
            return binding.key.split(",")[0]
    raise LookupError(f"no binding with id {SEARCH_BINDING!r} in briefing_tui.keys")


class _Frames:
    """Wraps ``app._display``; see the module docstring."""

    def __init__(self, app: object) -> None:
        self.app = app
        #: (time, probe state) of every frame.
        self.frames: list[tuple[float, object]] = []
        self.probe: Callable[[], object] = lambda: None
        self._display = app._display  # type: ignore[attr-defined]
        app._display = self  # type: ignore[attr-defined]

    def __call__(self, screen: object, renderable: object) -> None:
        if renderable is not None:
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(self.app.console)  # type: ignore[attr-defined]
            self.frames.append((time.perf_counter(), self.probe()))
        self._display(screen, renderable)

    def last_time(self) -> float | None:
        return self.frames[-1][0] if self.frames else None


def _results_probe(app: object) -> Callable[[], object]:
    """What the search results look like now (None without a search bar)."""
    found: dict[str, object] = {}

    generation = [0]

    def counted(method: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            generation[0] += 1
            return method(*args, **kwargs)

        return wrapper

    def widget(selector: str) -> object | None:
        if selector not in found:
            try:
                found[selector] = app.screen.query_one(selector)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - NoMatches, or no screen yet
                return None
            if selector == "#search-results":
                # Count every change of the options, so that results equal in
                # text to the last ones (typing "sanc" after "san") still count.
                for name in ("clear_options", "add_options", "add_option", "set_options"):
                    method = getattr(found[selector], name, None)
                    if method is not None:
                        setattr(found[selector], name, counted(method))
        return found[selector]

    def probe() -> object:
        results, status = widget("#search-results"), widget("#search-status")
        if results is None:
            return None
        count = getattr(results, "option_count", 0)
        return (generation[0], count, str(getattr(status, "content", "")) if status is not None else "")

    return probe


def _timeline_probe(app: object) -> Callable[[], object]:
    """Whether the timeline's list is on screen, and with how many rows."""

    def probe() -> object:
        try:
            timeline = app.screen.query_one("#timeline-list")  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not mounted yet
            return None
        return (timeline.region.height > 0, getattr(timeline, "option_count", 0)) if timeline.display else None

    return probe


async def _settle(pilot: object, frames: _Frames, start: float) -> tuple[float, float] | None:
    """(results painted, settled) in seconds from `start`; None when no frame came."""
    await pilot.pause()  # type: ignore[attr-defined]
    deadline = start + MAX_WAIT
    while True:
        last = frames.last_time() or start
        now = time.perf_counter()
        if now - max(last, start) >= QUIET or now > deadline:
            break
        await asyncio.sleep(0.01)
    after = [(t, state) for t, state in frames.frames if t >= start]
    if not after:
        return None
    final = after[-1][1]
    painted = after[-1][0]
    for t, state in reversed(after):  # the first frame of the final run of identical states
        if state != final:
            break
        painted = t
    return painted - start, after[-1][0] - start


async def _workers_done(app: object, deadline: float) -> None:
    while any(not worker.is_finished for worker in app.workers) and time.perf_counter() < deadline:  # type: ignore[attr-defined]
        await asyncio.sleep(0.01)


def _key(char: str) -> str:
    return {" ": "space", '"': "quotation_mark", ":": "colon", "#": "number_sign", ".": "full_stop"}.get(char, char)


async def _measure(
    path: Path, notes: Path, search_key: str, presses: int, queries: list[str]
) -> dict[str, list[float]]:
    from briefing_tui.app import make_app
    from briefing_tui.model.loader import load_briefing

    app = make_app(briefing=load_briefing(path), path=path, notes_path=notes)
    result: dict[str, list[float]] = {
        "cursor": [],
        "results": [],
        "settled": [],
        "open": [],
        "timeline_first": [],
        "timeline_again": [],
    }
    async with app.run_test(size=SIZE) as pilot:
        frames = _Frames(app)
        await pilot.pause()
        await _workers_done(app, time.perf_counter() + WORKERS_TIMEOUT)
        await _settle(pilot, frames, time.perf_counter())
        gc.collect()
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("j")
            took = await _settle(pilot, frames, start)
            if took is not None:
                result["cursor"].append(took[1])
        # Switching to the Timeline (its list is built the first time) and back:
        # until the first frame that shows the timeline's list.
        frames.probe = _timeline_probe(app)
        for round_ in range(3):
            start = time.perf_counter()
            await pilot.press("2")
            took = await _settle(pilot, frames, start)
            if took is not None:
                result["timeline_first" if round_ == 0 else "timeline_again"].append(took[0])
            await pilot.press("3")
            await _settle(pilot, frames, time.perf_counter())
        frames.probe = lambda: None
        from textual.widgets import Input

        start = time.perf_counter()
        await pilot.press(search_key)
        # Opening may start work (building the index): wait for every
        # worker to finish, so the keys below time searching only.
        await _workers_done(app, start + WORKERS_TIMEOUT)
        result["open"].append(time.perf_counter() - start)
        await _settle(pilot, frames, time.perf_counter())
        for widget in app.screen.query(Input):
            widget.cursor_blink = False
        frames.probe = _results_probe(app)
        frames.probe()  # find the widgets (and count their changes) from now on
        for query in queries:
            for char in query:
                start = time.perf_counter()
                await pilot.press(_key(char))
                took = await _settle(pilot, frames, start)
                if took is not None:
                    result["results"].append(took[0])
                    result["settled"].append(took[1])
            await pilot.press(*["backspace"] * len(query))
            await _settle(pilot, frames, time.perf_counter())
        frames.probe = lambda: None
        await pilot.press("escape")
    return result


def run(ws: Workspace, settings: Settings, size: str) -> list[Row]:
    path = ws.briefing(size)
    key = search_key()
    presses = max(3, min(settings.repeat, 20))
    # Smoke-test settings (few repeats): one query is enough to show it works.
    queries = SEARCH_QUERIES if settings.repeat >= 10 else SEARCH_QUERIES[:1]
    log(
        settings,
        f"keystroke → painted {size} (Pilot, headless): {presses} × j" + f", {sum(map(len, queries))} keys of search",
    )
    times = asyncio.run(_measure(path, ws.scratch("keystroke") / "notes.sqlite3", key, presses, queries))
    figure = f"keystroke → painted, {size}"
    is_l = size == "L"
    target = "≤ 50 ms median" if is_l else "—"
    rows = []
    if not times["results"]:
        rows.append(Row(figure, "no frame after typing", target=target, met=False if is_l else None))
    else:
        med = median(times["results"])
        opened = (
            f"; opening the bar took {times['open'][0]:.2f} s until its work (the index) was done"
            if times["open"]
            else ""
        )
        rows.append(
            Row(
                figure,
                seconds(times["results"]),
                "50 ms" if is_l else "—",
                med / 0.05 if is_l else None,
                target,
                (med <= 0.05) if is_l else None,
                note=f"{len(times['results'])} keys typed into the search bar, one at a time: "
                f"until the final results are painted{opened}",
                values={k: times[k] for k in ("results", "settled", "open")},
            )
        )
        rows.append(
            Row(
                f"keystroke → screen settled, {size}",
                seconds(times["settled"]),
                note="the same keys, until the last frame they cause (the detail pane's preview of the first hit too)",
            )
        )
    if times["cursor"]:
        rows.append(
            Row(
                f"cursor down (j) → painted, {size}",
                seconds(times["cursor"]),
                note=f"{len(times['cursor'])} presses on the recommendations list, until the screen settles",
                values={"cursor_s": times["cursor"]},
            )
        )
    if times["timeline_first"]:
        events = "10,000 events" if is_l else "its events"
        rows.append(
            Row(
                f"switch to the Timeline tab → painted, {size}",
                seconds(times["timeline_first"]),
                note=f"key 2, the first time ({events}: the list is built then), until the list is on screen",
                values={"first_s": times["timeline_first"]},
            )
        )
        rows.append(
            Row(
                f"switch to the Timeline tab again → painted, {size}",
                seconds(times["timeline_again"]),
                note="key 2 after key 3, the list already built",
                values={"again_s": times["timeline_again"]},
            )
        )
    return rows
