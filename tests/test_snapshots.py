"""Snapshots of every pane at 120x40 and 80x24 (pytest-textual-snapshot).

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import UTC

import pytest

from briefing_tui.app import make_app
from briefing_tui.model.loader import load_briefing
from tests.conftest import BUNDLED, search_for, wait_until

PANES = {"overview": "1", "timeline": "2", "recommendations": "3", "sources": "4"}
SIZES = {"wide": (120, 40), "small": (80, 24)}


def bundled_app():
    return make_app(briefing=load_briefing(BUNDLED), path=BUNDLED)


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("pane", PANES, ids=list(PANES))
def test_pane(snap_compare, pane, size):
    assert snap_compare(bundled_app(), press=[PANES[pane], "j"], terminal_size=SIZES[size])


def test_help_screen(snap_compare):
    assert snap_compare(bundled_app(), press=["question_mark"], terminal_size=(120, 40))


def test_library_with_a_broken_file(snap_compare, tmp_path):
    (tmp_path / "belarus.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("format: 1\nmeta: [oops\n", encoding="utf-8")

    async def wait(pilot):
        await wait_until(pilot, lambda: pilot.app.screen.query_one("#library-table").option_count == 2, "2 rows")
        await pilot.pause()

    assert snap_compare(make_app(library=tmp_path), run_before=wait, terminal_size=(100, 24))


def test_detail_pane_with_a_note_open(snap_compare, tmp_path):
    from datetime import datetime

    from briefing_tui.notes.store import NoteStore

    db = tmp_path / "notes.sqlite3"
    fixed = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    briefing = load_briefing(BUNDLED)
    with NoteStore(db, clock=lambda: fixed) as store:
        store.save(
            briefing.meta.id,
            briefing.recommendations[1].id,
            "Raise with the EU desk.\n\n- sanctions\n- potash",
            expected_version=0,
        )
    app = make_app(briefing=briefing, path=BUNDLED, notes_path=db)
    assert snap_compare(app, press=["j", "n"], terminal_size=(120, 40))


def test_search_results(snap_compare):
    async def search(pilot):
        await search_for(pilot, "sanction")
        await pilot.pause()

    assert snap_compare(bundled_app(), run_before=search, terminal_size=(120, 40))
