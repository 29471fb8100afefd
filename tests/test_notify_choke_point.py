"""Notifications are one exit for untrusted text: every one goes through
``widgets.safe.notify_safe`` (present the text, never markup). A call of
Textual's ``notify`` anywhere else in the app is a way around the presenter."""

from __future__ import annotations

import ast
from pathlib import Path

import briefing_tui

SRC = Path(briefing_tui.__file__).parent
CHOKE_POINT = SRC / "widgets" / "safe.py"


def notify_calls(path: Path) -> list[int]:
    """Lines of `path` that call a method named notify."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "notify"
    ]


def test_only_the_presenter_calls_textuals_notify():
    found = {
        str(path.relative_to(SRC)): lines
        for path in sorted(SRC.rglob("*.py"))
        if path != CHOKE_POINT and (lines := notify_calls(path))
    }
    assert found == {}, f"call notify_safe instead of notify: {found}"


def test_the_check_sees_a_notify_call(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(app, text):\n    app.notify(text)\n", encoding="utf-8")
    assert notify_calls(sample) == [2]
    assert notify_calls(CHOKE_POINT), "the choke point itself calls notify"
