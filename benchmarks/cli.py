"""Command-line figures: whole-process wall time of ``briefing-tui validate``
and ``briefing-tui export`` on the bundled briefing (S), against the import
floor ``python -c "import yaml, msgspec"``, interleaved.

"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence

from benchmarks.common import Row, Settings, Workspace, interleave, log, median, seconds
from benchmarks.paint import briefing_tui_command, clean_env

IMPORT_FLOOR = [sys.executable, "-c", "import yaml, msgspec"]


def _timed(command: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def _seed_notes(path: str, briefing_path: str) -> None:
    from briefing_tui.model.items import ItemIndex
    from briefing_tui.model.loader import load_briefing
    from briefing_tui.notes.store import NoteStore

    briefing = load_briefing(briefing_path)
    with NoteStore(path) as store:
        for i, ref in enumerate(ItemIndex(briefing).ordered[:10]):
            store.save(briefing.meta.id, ref.id, f"Note {i} on *{ref.id}*.", expected_version=0)


_UI_IMPORTS = (
    "import contextlib, io, sys\n"
    "from briefing_tui.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['validate', sys.argv[1]])\n"
    "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})))\n"
)


def ui_imports(path: str, env: dict[str, str]) -> str:
    """The UI packages (textual, rich) that `validate` imports; "" when none."""
    result = subprocess.run(
        [sys.executable, "-c", _UI_IMPORTS, path], env=env, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else f"check failed: {result.stderr.strip()[-200:]}"


def run(ws: Workspace, settings: Settings, sizes: list[str]) -> list[Row]:
    path = str(ws.briefing("S"))
    home = ws.home("cli")
    env = clean_env(home)
    runs = max(1, settings.runs * 3)  # short processes: more rounds
    validate = [*briefing_tui_command(), "validate", path]
    export = [*briefing_tui_command(), "export", path, "--notes", str(home / "notes.sqlite3"), "-o", "-"]
    _seed_notes(str(home / "notes.sqlite3"), path)
    steps = {
        "floor": lambda: _timed(IMPORT_FLOOR, env),
        "validate": lambda: _timed(validate, env),
        "export": lambda: _timed(export, env),  # _timed raises if it fails
    }
    log(settings, f"cli: {runs} rounds of import floor + {' + '.join(list(steps)[1:])}")
    times = interleave(runs, steps, warmup=settings.warmup)
    floor = median(times["floor"])
    ratio = median(times["validate"]) / floor
    ui = ui_imports(path, env)
    rows = [
        Row(
            "`validate`, S",
            seconds(times["validate"]),
            f"import floor {seconds(times['floor'])}",
            ratio,
            "≤ 1.5 × import floor",
            ratio <= 1.5 and not ui,
            note=f"imports {ui}: should import no UI" if ui else "imports neither textual nor rich",
            values={"validate_s": times["validate"], "floor_s": times["floor"]},
        )
    ]
    rows.append(
        Row(
            "`export`, S",
            seconds(times["export"]),
            f"import floor {seconds(times['floor'])}",
            median(times["export"]) / floor,
            note="10 notes, to stdout",
            values={"export_s": times["export"], "floor_s": times["floor"]},
        )
    )
    return rows
