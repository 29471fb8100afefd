"""The pure core imports neither textual nor rich: the CLI commands, tests and
benchmarks use it directly, and it keeps `validate`, `export` and `search` fast."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "briefing_tui.cli",
    "briefing_tui.commands",
    "briefing_tui.textsafe",
    "briefing_tui.bundled",
    "briefing_tui.model.schema",
    "briefing_tui.model.loader",
    "briefing_tui.model.validate",
    "briefing_tui.model.problems",
    "briefing_tui.model.dates",
    "briefing_tui.model.items",
    "briefing_tui.model.library",
    "briefing_tui.model.cache",
    "briefing_tui.model.gcpause",
    "briefing_tui.model.query",
    "briefing_tui.model.text",
    "briefing_tui.model.search",
    "briefing_tui.model.hits",
    "briefing_tui.model.snippets",
    "briefing_tui.notes.store",
    "briefing_tui.notes.db",
    "briefing_tui.notes.errors",
    "briefing_tui.notes.session",
    "briefing_tui.notes.export",
    "briefing_tui.notes.mdsafe",
]


def ui_modules_after_import(module: str) -> list[str]:
    code = (
        f"import sys, {module}\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in result.stdout.strip().split(",") if m]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_ui(module):
    assert ui_modules_after_import(module) == []


def test_every_core_module_is_checked():
    from pathlib import Path

    import briefing_tui

    root = Path(briefing_tui.__file__).parent
    for folder in ("model", "notes"):
        for path in (root / folder).glob("*.py"):
            if path.stem != "__init__":
                assert f"briefing_tui.{folder}.{path.stem}" in CORE_MODULES, path


def test_the_check_can_fail():
    """The probe itself sees Textual when something imports it."""
    assert "textual" in ui_modules_after_import("textual.app")
