"""The search bar: typing, results grouped by kind, jumping, n/N, Escape, errors."""

from __future__ import annotations

from briefing_tui.model.loader import load_briefing
from briefing_tui.notes.store import NoteStore
from briefing_tui.screens.briefing import BriefingScreen
from briefing_tui.widgets.item_list import ItemList
from briefing_tui.widgets.search_panel import SearchPanel
from tests.conftest import BUNDLED, run_palette, search_for

SIZE = (120, 40)
BID = "belarus-netherlands"


def result_ids(panel: SearchPanel) -> list[str]:
    results = panel.query_one("#search-results", ItemList)
    return [results.get_option_at_index(i).id for i in range(results.option_count)]


def status_of(panel: SearchPanel) -> str:
    return str(panel.query_one("#search-status").render())


async def test_typing_shows_results_grouped_recommendations_first(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "sanctions")
        assert app.focused is panel.input
        ids = result_ids(panel)
        assert ids[0] == "kind:recommendation"
        kinds = [i for i in ids if i.startswith("kind:")]
        assert kinds.index("kind:recommendation") < kinds.index("kind:event")
        assert "match" in status_of(panel)
        count = int(status_of(panel).split()[0].replace(",", ""))
        assert count == len([i for i in ids if i.startswith("hit:")])
        # The matched word is highlighted in the result's title.
        first = panel.query_one("#search-results", ItemList).get_option("hit:0").prompt
        assert any("reverse" in str(span.style) for span in first.spans)


async def test_enter_jumps_to_the_item_with_matches_highlighted(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "Verhagen")
        hit = panel.hits[0]
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert not panel.display and screen.tabs.display
        assert screen.detail.item_id == hit.item_id
        body = screen.query_one("#detail-body").render()
        assert any("reverse" in str(span.style) for span in body.spans), "matches highlighted in the detail"


async def test_n_and_shift_n_step_through_hits_then_escape_ends(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "visa")
        hits = [h.item_id for h in panel.hits]
        assert len(hits) >= 3
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.detail.item_id == hits[0]
        await pilot.press("n")
        await pilot.pause()
        assert screen.detail.item_id == hits[1]
        await pilot.press("n")
        await pilot.pause()
        assert screen.detail.item_id == hits[2]
        await pilot.press("N")
        await pilot.pause()
        assert screen.detail.item_id == hits[1]
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.stepping
        # n is the note key again.
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "note-editor"


async def test_escape_closes_the_bar_and_leaves_you_where_you_were(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j", "j")
        await pilot.pause()
        screen = app.screen
        before = screen.detail.item_id
        panel = await search_for(pilot, "NATO")
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.display
        assert screen.tabs.active == "timeline"
        assert screen.detail.item_id == before


async def test_no_matches_and_malformed_queries_are_explained(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "zzyzx")
        assert "No matches." in status_of(panel)
        assert result_ids(panel) == []
        panel = await search_for(pilot, "foo:bar")
        assert "unknown filter 'foo'" in status_of(panel)
        panel = await search_for(pilot, '"unclosed')
        assert "quote" in status_of(panel).lower()
        assert app.is_running


async def test_filters_and_recommendation_number(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "#4")
        assert [h.item_id for h in panel.hits] == [bundled_briefing.recommendations[3].id]
        panel = await search_for(pilot, "in:events year:2008")
        assert panel.hits and all(h.kind == "event" for h in panel.hits)


async def test_ctrl_f_opens_the_bar_and_clicking_a_result_jumps(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.search_open
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert app.screen.search_open
        panel = await search_for(pilot, "Zapad")
        target = panel.hits[0].item_id
        await pilot.click("#search-results", offset=(4, 1))  # line 0 is the kind heading
        await pilot.pause()
        assert not panel.display
        assert app.screen.detail.item_id == target


async def test_notes_are_searched_and_kept_current(tmp_path, bundled_briefing):
    from briefing_tui.app import make_app

    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[6]
    with NoteStore(db) as store:
        store.save(BID, rec.id, "remember the potash quota", expected_version=0)
    app = make_app(briefing=load_briefing(BUNDLED), path=BUNDLED, notes_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = await search_for(pilot, "quota")
        assert [h.kind for h in panel.hits] == ["note"]
        assert panel.hits[0].item_id == rec.id
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.detail.item_id == rec.id
        await pilot.press("escape")
        # Write a new note; the index learns it.
        await pilot.press("a")
        for char in " zebra":
            await pilot.press("space" if char == " " else char)
        await pilot.press("escape")
        await pilot.pause()
        panel = await search_for(pilot, "zebra")
        assert [h.kind for h in panel.hits] == ["note"]


async def test_palette_finds_items_by_title(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await run_palette(pilot, "Zapad")
        assert isinstance(app.screen, BriefingScreen)
        assert "Zapad" in app.screen.index.get(app.screen.detail.item_id).title
