"""The pure core imports neither textual nor rich: the CLI commands, tests and
benchmarks use it directly, and it keeps `validate`, `export` and `search` fast.

A run-time check (what a fresh interpreter has loaded after importing each
module) that complements the static contracts of pyproject.toml, which
tests/test_import_contracts.py runs: those also see imports inside functions,
this sees what really gets imported, e.g. that importing cli loads no Textual
although cli imports launch inside a function (the one import the static
contract ignores)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import briefing_tui

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
PACKAGE = Path(briefing_tui.__file__).parent


def core_sources() -> list[str]:
    """The source modules of pyproject.toml's contract "core-no-ui"."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "core-no-ui"]
    return contract["source_modules"]


def core_modules() -> list[str]:
    """Every module of the core: those sources, their packages' modules included."""
    modules = []
    for name in core_sources():
        folder = PACKAGE.joinpath(*name.split(".")[1:])
        if folder.is_dir():
            modules += sorted(
                f"{name}.{path.relative_to(folder).with_suffix('').as_posix().replace('/', '.')}"
                for path in folder.rglob("*.py")
                if path.name != "__init__.py"
            )
        else:
            modules.append(name)
    return modules


CORE_MODULES = core_modules()


def ui_modules_after_import(module: str) -> list[str]:
    code = f"import sys, {module}\nprint(','.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in result.stdout.strip().split(",") if m]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_ui(module):
    assert ui_modules_after_import(module) == []


def test_every_core_module_is_checked():
    """The list is the static contract's, packages expanded: it follows the
    contract and new modules of the model and the notes."""
    assert {"briefing_tui.model", "briefing_tui.notes", "briefing_tui.cli"} <= set(core_sources())
    assert {"briefing_tui.cli", "briefing_tui.model.cache", "briefing_tui.notes.store"} <= set(CORE_MODULES)
    for name in core_sources():
        path = PACKAGE.joinpath(*name.split(".")[1:])
        assert path.is_dir() or path.with_suffix(".py").is_file(), f"{name} is not a module of briefing_tui"


def test_the_check_can_fail():
    """The probe itself sees Textual when something imports it."""
    assert "textual" in ui_modules_after_import("textual.app")
