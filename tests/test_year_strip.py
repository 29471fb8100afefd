"""The timeline's year strip (issue 15, point 3): events per year above the
list, where the selected event and the search hits fall; keys and the mouse
jump to a year. The counting is pure; the strip is tried in the app."""

from __future__ import annotations

from briefing_tui.model.dates import year_of
from briefing_tui.model.yearstrip import BLOCKS, strip
from tests.conftest import search_for, wait_until


def test_one_column_a_year_when_they_fit_with_bars_by_count():
    columns = strip(["2000", "2000-05", "2000-06-01", "2002", "2003-01"], 10, selected="2002", hits=["2003-01"])
    assert [c.years for c in columns] == ["2000", "2001", "2002", "2003"]
    assert [c.count for c in columns] == [3, 0, 1, 1]
    assert columns[0].bar == BLOCKS[-1] and columns[1].bar == " " and columns[2].bar < columns[0].bar
    assert [c.selected for c in columns] == [False, False, True, False]
    assert [c.hit for c in columns] == [False, False, False, True]


def test_many_years_share_columns_every_event_counted():
    dates = [f"{year}" for year in range(1697, 2026)] + ["2025-10"]
    columns = strip(dates, 40)
    assert len(columns) <= 40
    assert sum(c.count for c in columns) == len(dates)
    assert columns[0].first == 1697 and columns[-1].last == 2025
    assert all(b.first == a.last + 1 for a, b in zip(columns, columns[1:], strict=False)), "no year left out"


def test_a_hit_beyond_the_listed_years_is_not_marked():
    columns = strip(["2000", "2001", "2002", "2003", "2004"], 2, hits=["2005", "1999"])
    assert not any(c.hit for c in columns), "outside the strip's years: no mark"


def test_no_events_no_strip():
    assert strip([], 80) == []


def strip_rows(app) -> list[str]:
    widget = app.screen.query_one("#timeline-years")
    return ["".join(segment.text for segment in widget.render_line(y)) for y in range(2)]


async def test_the_strip_marks_the_selected_year_and_keys_and_clicks_jump_to_years(app_for, bundled_briefing):
    events = bundled_briefing.timeline
    years = sorted({year_of(e.date) for e in events})
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        screen = app.screen
        await wait_until(pilot, lambda: screen.tabs.active == "timeline", "the timeline")
        await pilot.pause()
        bars, marks = strip_rows(app)
        assert any(block in bars for block in BLOCKS), bars
        assert "▲" in marks and str(years[0]) in marks and str(years[-1]) in marks, marks
        assert screen.detail.item_id == events[0].id
        await pilot.press("right_square_bracket")
        await pilot.pause()
        first_of_next = next(e for e in events if year_of(e.date) == years[1])
        assert screen.detail.item_id == first_of_next.id, "] goes to the next year's first event"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.detail.item_id == events[0].id, "[ goes back"
        # A click on the last year's column.
        widget = screen.query_one("#timeline-years")
        last_x = max(i for i, char in enumerate(bars) if char.strip())  # the last bar's last cell
        await pilot.click(widget, offset=(last_x + 1, 0))  # + the padding on the left
        await pilot.pause()
        chosen = screen.index.by_id[screen.detail.item_id]
        assert year_of(chosen.item.date) == years[-1], "a click on a year's bar goes there"


async def test_the_hits_of_an_opened_search_are_marked_on_the_strip(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "•" not in strip_rows(app)[1]
        panel = await search_for(pilot, "in:events sanctions")
        assert panel.hits
        await pilot.press("enter")  # open the first hit: n/N step through them
        await pilot.pause()
        hit_years = {year_of(app.screen.index.by_id[h.item_id].item.date) for h in panel.stepping}
        assert len(hit_years) > 1, "the bundled briefing has hits in several years"
        await wait_until(pilot, lambda: "•" in strip_rows(app)[1], "the other hits' years marked")
        await pilot.press("escape")  # done stepping: the marks go
        await pilot.pause()
        assert "•" not in strip_rows(app)[1]
