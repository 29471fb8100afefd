"""Typing a note: keystroke -> painted, with the autosave's maximum wait and
without it, in the same run (Pilot, headless, 120x40, the bundled briefing).

The note editor saves what is typed once typing pauses (``SAVE_IDLE``) and
never later than ``SAVE_MAX_WAIT`` after the first unsaved key. A reader who
types without pausing therefore gets a save (a SQLite write on the UI thread)
every ``SAVE_MAX_WAIT`` seconds while typing. This measures what that costs
the keys: each key is pressed, then the clock runs until the editor's text is
on screen and the screen is quiet (:func:`benchmarks.keystroke._settle`),
which is shorter than ``SAVE_IDLE``, so typing never pauses long enough for
the idle save, and:

* **with the maximum wait** (the app as shipped): a save every few keys;
* **without** (the baseline, ``SAVE_MAX_WAIT`` set beyond the run): no save
  while typing, as before the maximum wait existed.

The figure is the median time from a key to its character painted, and the
ratio of the two medians (1.0: no cost).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, log, median, seconds
from benchmarks.keystroke import SIZE, _Frames, _settle, _workers_done

TEXT = "a steady typist writes this note without ever pausing long enough "


async def _type(briefing: Path, notes: Path, max_wait: float | None, keys: int) -> tuple[list[float], int]:
    """Times from each key to its character painted; how many saves ran."""
    from briefing_tui.app import make_app
    from briefing_tui.model.loader import load_briefing
    from briefing_tui.notes.session import NoteSession
    from briefing_tui.widgets import note_editor

    shipped_max_wait = note_editor.SAVE_MAX_WAIT
    if max_wait is not None:
        note_editor.SAVE_MAX_WAIT = max_wait
    saves = [0]
    save = NoteSession.save

    def counting(self: NoteSession, text: str, *, force: bool = False) -> object:
        saves[0] += 1
        return save(self, text, force=force)

    NoteSession.save = counting  # type: ignore[method-assign, assignment]
    app = make_app(briefing=load_briefing(briefing), path=briefing, notes_path=notes)
    times: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            frames = _Frames(app)
            await pilot.pause()
            await _workers_done(app, time.perf_counter() + 30)
            await pilot.press("n")
            await _settle(pilot, frames, time.perf_counter())
            editor = app.screen.query_one("#note-editor")
            editor.cursor_blink = False
            frames.probe = lambda: editor.text
            saves[0] = 0
            for n in range(keys):
                char = TEXT[n % len(TEXT)]
                start = time.perf_counter()
                await pilot.press("space" if char == " " else char)
                took = await _settle(pilot, frames, start)
                if took is not None:
                    times.append(took[0])
    finally:
        NoteSession.save = save  # type: ignore[method-assign]
        note_editor.SAVE_MAX_WAIT = shipped_max_wait
    return times, saves[0]


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    from briefing_tui.widgets.note_editor import SAVE_MAX_WAIT

    briefing = ws.briefing("S")
    keys = 12 if settings.fast else 60
    log(settings, f"typing a note: {keys} keys with the autosave's maximum wait, {keys} without")
    shipped: list[float] = []
    baseline: list[float] = []
    saves_shipped = saves_baseline = 0
    rounds = 1 if settings.fast else 3
    for round_ in range(rounds):  # alternate, so that both see the same machine
        times, count = asyncio.run(_type(briefing, ws.scratch(f"typing-max-{round_}") / "notes.sqlite3", None, keys))
        shipped += times
        saves_shipped += count
        times, count = asyncio.run(_type(briefing, ws.scratch(f"typing-idle-{round_}") / "notes.sqlite3", 3600.0, keys))
        baseline += times
        saves_baseline += count
    if not shipped or not baseline:
        return [Row("typing a note, keystroke → painted", "no frame after typing")]
    ratio = median(shipped) / median(baseline)
    return [
        Row(
            "typing a note, keystroke → painted",
            seconds(shipped),
            f"without the maximum wait {seconds(baseline)}",
            ratio,
            "≈ 1 (no measurable cost)",
            None,
            note=(
                f"{len(shipped)} keys typed steadily into the note editor, each until its character is painted; "
                f"saves while typing: {saves_shipped} with the maximum wait of {SAVE_MAX_WAIT} s, "
                f"{saves_baseline} without"
            ),
            values={"shipped_s": shipped, "baseline_s": baseline},
        )
    ]
