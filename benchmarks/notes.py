"""Notes figures, in this process, on a notes file in a temp dir.

* save latency: ``NoteStore.save`` of one note (new and updated, alternately)
  against the floor of a durable SQLite write on the same disk: a bare
  connection with the store's settings (WAL, ``synchronous=FULL``) doing
  ``BEGIN IMMEDIATE; INSERT; COMMIT``. Interleaved.
* export of 1,000 notes: ``list_notes`` + ``render_markdown`` +
  ``write_atomic``, on a generated briefing (M when the run includes M, L or
  the library; else the bundled S, where most of the 1,000 notes are orphans).
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.common import Row, Settings, Workspace, interleave, log, median, seconds

NOTES = 1_000
_WORDS = [
    "the",
    "embassy",
    "should",
    "follow",
    "up",
    "with",
    "ministry",
    "on",
    "visa",
    "sanctions",
    "dialogue",
    "potash",
    "civil",
    "society",
]


def _body(rng: random.Random) -> str:
    lines = [" ".join(rng.choices(_WORDS, k=rng.randint(6, 20))).capitalize() + "." for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        lines += ["", "- " + " ".join(rng.choices(_WORDS, k=5)), "- " + " ".join(rng.choices(_WORDS, k=7))]
    return "\n".join(lines)


def _raw_writer(path: Path):  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, body TEXT)")
    counter = iter(range(1, 1 << 30))

    def write(body: str) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (k, body) VALUES (?, ?)", (next(counter), body))
        conn.execute("COMMIT")

    return conn, write


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    from briefing_tui.model.items import ItemIndex
    from briefing_tui.model.loader import load_briefing
    from briefing_tui.notes.export import render_markdown, write_atomic
    from briefing_tui.notes.store import NoteStore

    rows: list[Row] = []
    rng = random.Random(f"notes:{settings.seed}")
    scratch = ws.scratch("notes")

    # -- save latency
    repeat = max(5, settings.repeat)
    log(settings, f"notes: {repeat} rounds of NoteStore.save + bare SQLite write")
    store = NoteStore(scratch / "save.sqlite3")
    conn, raw_write = _raw_writer(scratch / "raw.sqlite3")
    versions: dict[str, int] = {}
    keys = [f"event-{i}" for i in range(repeat)]
    turn = iter(range(1 << 30))

    def save() -> float:
        i = next(turn)
        item = keys[(i // 2) % len(keys)]  # new note, then an update of it
        body = _body(rng)
        start = time.perf_counter()
        note = store.save("bench", item, body, expected_version=versions.get(item, 0), item_label=item)
        elapsed = time.perf_counter() - start
        versions[item] = note.version if note else 0
        return elapsed

    def raw() -> float:
        body = _body(rng)
        start = time.perf_counter()
        raw_write(body)
        return time.perf_counter() - start

    times = interleave(repeat, {"save": save, "raw": raw}, warmup=settings.warmup)
    store.close()
    conn.close()
    rows.append(
        Row(
            "notes: save latency",
            seconds(times["save"]),
            f"bare SQLite write {seconds(times['raw'])}",
            median(times["save"]) / median(times["raw"]),
            note="WAL, synchronous=FULL: one fsync'd transaction per save",
            values={"save_s": times["save"], "raw_s": times["raw"]},
        )
    )

    # -- export of 1,000 notes
    size = "M" if {"M", "L", "library"} & set(sizes) else "S"
    briefing = load_briefing(ws.briefing(size))
    refs = ItemIndex(briefing).ordered
    store = NoteStore(scratch / "export.sqlite3")
    for i in range(NOTES):
        item = refs[i].id if i < len(refs) else f"gone-{i}"
        store.save(briefing.meta.id, item, _body(rng), expected_version=0, item_label=f"Item {i}")
    runs = max(1, settings.runs)
    log(settings, f"notes: export {NOTES:,} notes on {size}, {runs} runs")
    parts: dict[str, list[float]] = {"read": [], "render": [], "write": [], "total": []}
    out = scratch / "export"
    out.mkdir(exist_ok=True)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    size_bytes = 0
    for i in range(runs):
        t0 = time.perf_counter()
        notes = store.list_notes(briefing.meta.id)
        t1 = time.perf_counter()
        text = render_markdown(briefing, notes, now)
        t2 = time.perf_counter()
        write_atomic(out / f"notes-{i}.md", text)
        t3 = time.perf_counter()
        for key, value in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            parts[key].append(value)
        size_bytes = len(text.encode("utf-8"))
    store.close()
    rows.append(
        Row(
            f"notes: export {NOTES:,} notes ({size})",
            seconds(parts["total"]),
            note=f"read {median(parts['read']) * 1000:.0f} ms, render {median(parts['render']) * 1000:.0f} ms, "
            f"write {median(parts['write']) * 1000:.0f} ms; {size_bytes / 1e6:.1f} MB of Markdown",
            values={key: value for key, value in parts.items()},
        )
    )
    return rows
