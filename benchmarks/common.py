"""What the benchmarks share: result rows, statistics, the temp workspace."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generate import write_briefing

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "briefings" / "belarus-netherlands.yaml"


@dataclass
class Settings:
    runs: int = 7
    #: One warm-up run of every command, not counted (imports compiled, files cached).
    warmup: bool = True
    #: Repeats of the in-process timings (search queries, note saves).
    repeat: int = 30
    seed: int = 0
    library_size: int = 1_000
    #: Wait for the whole library to be listed once (the slow part of the library figures).
    library_full: bool = True
    verbose: bool = True
    #: --fast: the smoke test's settings (figures that need long runs take a short cut).
    fast: bool = False


@dataclass
class Row:
    """One line of the table. `ratio` is measured / baseline; `met` None when
    there is no target (or the figure could not be measured)."""

    figure: str
    measured: str
    baseline: str = "—"
    ratio: float | None = None
    target: str = "—"
    met: bool | None = None
    note: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def skipped(cls, figure: str, reason: str, target: str = "—") -> Row:
        return cls(figure, "not available yet", target=target, note=reason, values={"skipped": True})


def log(settings: Settings, message: str) -> None:
    if settings.verbose:
        print(f"  · {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------- statistics


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float], scale: float = 1.0, fmt: str = "{:.2f}") -> str:
    """The min–max range of `values` as text ("" for one value)."""
    if len(values) < 2:
        return ""
    return f" ({fmt.format(min(values) * scale)}–{fmt.format(max(values) * scale)})"


def seconds(values: Sequence[float]) -> str:
    """Median and range of times in seconds, in s or ms as fits."""
    med = median(values)
    if med >= 100:
        return f"{med:.0f} s" + spread(values, 1, "{:.0f}")
    if med >= 1:
        return f"{med:.2f} s" + spread(values)
    if med >= 0.01:
        return f"{med * 1000:.0f} ms" + spread(values, 1000, "{:.0f}")
    return f"{med * 1000:.2f} ms" + spread(values, 1000, "{:.2f}")


def one_time(value: float) -> str:
    return seconds([value])


def mib(kib: float) -> str:
    return f"{kib / 1024:.0f} MiB"


def compile_bytecode() -> Path:
    """Compile briefing_tui's modules to bytecode, as pip does when it installs
    a wheel; the folder compiled.

    An editable install run with PYTHONDONTWRITEBYTECODE set (as on some CI
    machines) never gets bytecode, so every start of the app would compile its
    modules from source while the floor's Textual loads compiled: 30-40 ms
    more per start, which no installed copy pays. Sources that did not change
    keep their bytecode.
    """
    import compileall

    import briefing_tui

    folder = Path(briefing_tui.__file__).resolve().parent
    compileall.compile_dir(folder, quiet=1)
    return folder


def interleave(runs: int, steps: dict[str, Callable[[], float]], warmup: bool = False) -> dict[str, list[float]]:
    """Run each step once per round, in order, `runs` rounds (after one
    uncounted round if `warmup`): drift and load on a shared machine hit every
    step alike. Returns the values of each step."""
    results: dict[str, list[float]] = {name: [] for name in steps}
    if warmup:
        for step in steps.values():
            step()
    for _ in range(runs):
        for name, step in steps.items():
            results[name].append(step())
    return results


# ---------------------------------------------------------------------- workspace


def _write_one(args: tuple[str, str, int]) -> str:
    path, size, seed = args
    return str(write_briefing(path, size, seed))


class Workspace:
    """A temp dir holding the generated briefings (each made once per run,
    keyed by size and seed) and fresh homes for the processes benchmarked.
    Everything goes away on close unless `data_dir` was given, in which case
    generated briefings are kept there and reused by later runs."""

    def __init__(self, settings: Settings, data_dir: Path | None = None) -> None:
        self.settings = settings
        self._tmp = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
        self.data = Path(data_dir) if data_dir else self._tmp / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self._homes = 0

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def home(self, name: str = "home") -> Path:
        """A new empty folder for one process's data, cache, config and notes."""
        self._homes += 1
        path = self._tmp / "homes" / f"{name}-{self._homes}"
        path.mkdir(parents=True)
        return path

    def scratch(self, name: str) -> Path:
        path = self._tmp / "scratch" / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def briefing(self, size: str) -> Path:
        """The briefing file of `size`: S is the bundled briefing (copied), M
        and L are generated from the seed."""
        size = size.upper()
        if size == "S":
            path = self.data / "bundled" / BUNDLED.name
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(BUNDLED, path)
            return path
        path = self.data / f"synthetic-{size.lower()}-seed{self.settings.seed}.yaml"
        if not path.exists():
            log(self.settings, f"generating briefing {size} (seed {self.settings.seed})")
            part = path.with_suffix(".part")
            write_briefing(part, size, self.settings.seed)
            part.replace(path)
        return path

    def library(self, n: int, size: str = "M") -> Path:
        """A folder of `n` generated briefings, as
        :func:`benchmarks.generate.write_library` writes it (same names, same
        seeds), made in parallel on every core."""
        folder = self.data / f"library-{n}-{size.lower()}-seed{self.settings.seed}"
        done = folder / ".complete"
        if done.exists():
            return folder
        log(self.settings, f"generating a library of {n:,} {size} briefings (once; this takes a while)")
        folder.mkdir(parents=True, exist_ok=True)
        seed = self.settings.seed
        jobs = [
            (str(folder / f"synthetic-{size.lower()}-{seed + i:03d}.yaml"), size, seed + i)
            for i in range(n)
            if not (folder / f"synthetic-{size.lower()}-{seed + i:03d}.yaml").exists()
        ]
        # A file half written by an interrupted run would not load: write, then rename.
        for stale in folder.glob("*.part"):
            stale.unlink()
        work = [(path + ".part", size, s) for path, size, s in jobs]
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            for written in pool.map(_write_one, work, chunksize=8):
                os.replace(written, written.removesuffix(".part"))
        done.touch()
        return folder
