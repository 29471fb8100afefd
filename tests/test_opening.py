"""Opening a briefing from the cache: the first screen comes before the
timeline's events, which the app adds in a worker right after the first paint.
The Timeline says it is reading them and fills in when they come; nothing
else sees a briefing without them as if it had none."""

from __future__ import annotations

import threading

from briefing_tui.app import make_app
from briefing_tui.model.cache import load_briefing_cached, open_briefing_cached
from briefing_tui.model.problems import BriefingError, Problem
from briefing_tui.notes.store import NoteStore
from briefing_tui.widgets.item_list import ItemList
from tests.conftest import BUNDLED, run_palette, search_for, wait_until

SIZE = (120, 40)
BID = "belarus-netherlands"


def reopened(tmp_path, finish_gate: threading.Event | None = None, fail: bool = False):
    """The app on a copy of the bundled briefing opened a second time (so from
    the cache, without its events); `finish` waits for `finish_gate`."""
    copy = tmp_path / "briefing.yaml"
    copy.write_bytes(BUNDLED.read_bytes())
    load_briefing_cached(copy)  # fills the cache
    opened = open_briefing_cached(copy)
    assert not opened.complete and opened.briefing.timeline == []

    def finish():
        if finish_gate is not None:
            assert finish_gate.wait(10)
        if fail:
            opened.close()
            raise BriefingError([Problem(str(copy), 0, 0, "", "the file changed while it was being opened")])
        return opened.finish()

    return make_app(briefing=opened.briefing, path=copy, notes_path=tmp_path / "notes.sqlite3", finish=finish)


async def test_recommendations_show_before_the_events_and_the_timeline_fills_in_when_they_come(
    tmp_path, bundled_briefing
):
    gate = threading.Event()
    app = reopened(tmp_path, gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        recs = screen.query_one("#recommendations-list", ItemList)
        assert recs.highlighted_id == bundled_briefing.recommendations[0].id
        assert screen.detail.item_id == bundled_briefing.recommendations[0].id
        await pilot.press("down")  # the list works while the events are read
        await pilot.pause()
        assert recs.highlighted_id == bundled_briefing.recommendations[1].id
        assert screen.detail.item_id == bundled_briefing.recommendations[1].id
        await pilot.press("2")  # the Timeline opens at once and says it is reading
        await wait_until(pilot, lambda: screen.tabs.active == "timeline", "the Timeline tab")
        await pilot.pause()
        assert "Reading the timeline" in str(screen.query_one("#timeline-pane .empty").render())
        assert not screen.completed.is_set()
        gate.set()
        await wait_until(pilot, screen.completed.is_set, "the events read")
        timeline = screen.query_one("#timeline-list", ItemList)
        await wait_until(pilot, lambda: timeline.option_count > 0, "the events in the Timeline")
        assert not screen.query("#timeline-pane .empty"), "the reading message is gone"
        assert timeline.highlighted_id == bundled_briefing.timeline[0].id
        shown = {timeline.get_option_at_index(i).id for i in range(timeline.option_count)}
        assert {event.id for event in bundled_briefing.timeline} <= shown
        assert screen.briefing == bundled_briefing


async def test_events_are_found_by_the_palette_and_search_and_keep_their_notes(tmp_path, bundled_briefing):
    event = next(e for e in bundled_briefing.timeline if e.date == "2009-01-20")
    with NoteStore(tmp_path / "notes.sqlite3") as store:
        store.save(BID, event.id, "a note on an event", expected_version=0, item_label=event.title)
    gate = threading.Event()
    app = reopened(tmp_path, gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gate.set()
        await run_palette(pilot, "Event 20 Jan 2009")
        screen = app.screen
        assert screen.tabs.active == "timeline"
        assert screen.detail.item_id == event.id
        await wait_until(pilot, lambda: screen.keeper.loaded, "the notes read")
        await pilot.press("5")
        await pilot.pause()
        notes = screen.query_one("#notes-list", ItemList)
        ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
        assert event.id in ids and "heading:orphans" not in ids, "a note on an event is not orphaned"
        panel = await search_for(pilot, event.title)
        assert event.id in [hit.item_id for hit in panel.hits]


async def test_events_that_cannot_be_read_leave_the_app_running_and_say_why(tmp_path, bundled_briefing):
    app = reopened(tmp_path, fail=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        screen = app.screen
        await wait_until(pilot, lambda: screen.tabs.active == "timeline", "the Timeline tab")
        await pilot.pause()
        message = str(screen.query_one("#timeline-pane .empty").render())
        assert "The timeline could not be read" in message and "changed while it was being opened" in message
        assert any("changed while it was being opened" in str(n.message) for n in app._notifications)
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one("#recommendations-list", ItemList).option_count == len(bundled_briefing.recommendations)
