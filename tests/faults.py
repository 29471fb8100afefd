"""Real faults for tests: a filesystem that is full, one that is read-only.

Each is a small tmpfs mounted on a folder of the test's own (root can mount
here; CI runs as root). Where mounting is impossible the test is skipped,
unless ``BRIEFING_TUI_REQUIRE_FAULTS=1`` (``.ci/run`` sets it): then it fails,
so CI never passes with these tests left out.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRED = os.environ.get("BRIEFING_TUI_REQUIRE_FAULTS") == "1"


def _cannot(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"fault injection is required here (BRIEFING_TUI_REQUIRE_FAULTS=1) but {reason}")
    pytest.skip(reason)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


@contextmanager
def mounted_tmpfs(folder: Path, *, size_kib: int = 256) -> Iterator[Path]:
    """A tmpfs of `size_kib` KiB mounted on `folder` (made if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        _cannot("mounting a small filesystem needs root")
    done = _run("mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0777", "tmpfs", str(folder))
    if done.returncode != 0:
        _cannot(f"mount failed: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


def fill(folder: Path) -> None:
    """Write into `folder` until its filesystem has no room left, even for
    metadata: writes there fail with ENOSPC from now on."""
    chunk = b"\0" * 65536
    n = 0
    while True:
        try:
            with open(folder / f".filler-{n}", "wb") as handle:
                while True:
                    handle.write(chunk)
                    handle.flush()
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
            chunk = chunk[: len(chunk) // 2]
            if not chunk:
                break
        n += 1
    try:  # the last bytes and inodes too
        for k in range(10_000):
            (folder / f".f{k}").touch()
    except OSError:
        pass


@contextmanager
def full_folder(folder: Path, *, size_kib: int = 256) -> Iterator[Path]:
    """A folder on a filesystem that is full."""
    with mounted_tmpfs(folder, size_kib=size_kib):
        fill(folder)
        yield folder


@contextmanager
def read_only_folder(folder: Path, *, files: dict[str, bytes] | None = None) -> Iterator[Path]:
    """A folder on a read-only filesystem holding `files` (name -> bytes).

    Read-only for root too: permission bits do not stop root, a read-only
    mount does."""
    with mounted_tmpfs(folder, size_kib=4096):
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        done = _run("mount", "-o", "remount,ro", str(folder))
        if done.returncode != 0:
            _cannot(f"remount read-only failed: {done.stderr.strip()}")
        yield folder
