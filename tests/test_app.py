"""Pilot tests: every pane with keys and with the mouse, the detail pane, help,
the command palette, and untrusted text."""

from __future__ import annotations

from briefing_tui.screens.briefing import BriefingScreen
from briefing_tui.screens.help import HelpScreen
from briefing_tui.widgets.detail import DetailPane
from briefing_tui.widgets.item_list import ItemList
from tests.conftest import HOSTILE, run_palette

SIZE = (120, 40)


def detail_text(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_opens_on_the_recommendations_with_the_first_in_detail(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefingScreen)
        assert screen.tabs.active == "recommendations"
        first = bundled_briefing.recommendations[0]
        assert first.title in screen_text(app)
        assert "RECOMMENDATION 1" in detail_text(app)
        assert isinstance(app.focused, ItemList)


async def test_number_keys_switch_panes_and_detail_follows(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for key, pane, expected in [
            ("1", "overview", bundled_briefing.overview.facts[0].label),
            ("2", "timeline", bundled_briefing.timeline[0].title),
            ("4", "sources", bundled_briefing.sources[0].title),
            ("3", "recommendations", bundled_briefing.recommendations[0].title),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert screen.tabs.active == pane
            assert expected in detail_text(app), (key, detail_text(app))


async def test_j_k_and_arrows_move_and_enter_escape(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        recs = bundled_briefing.recommendations
        await pilot.press("j", "j")
        assert recs[2].title in detail_text(app)
        await pilot.press("k")
        assert recs[1].title in detail_text(app)
        await pilot.press("down")
        assert recs[2].title in detail_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused.parent, DetailPane) or isinstance(app.focused, DetailPane)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id == "recommendations-list"
        await pilot.press("G")
        assert recs[-1].title in detail_text(app)
        await pilot.press("g")
        assert recs[0].title in detail_text(app)


async def test_timeline_is_grouped_by_year_and_filters_by_tag(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        timeline = app.screen.query_one("#timeline-list", ItemList)
        ids = [timeline.get_option_at_index(i).id for i in range(timeline.option_count)]
        assert ids[0] == "year:1994"
        event_ids = [i for i in ids if not i.startswith("year:")]
        assert event_ids == [event.id for event in bundled_briefing.timeline]
        assert len([i for i in ids if i.startswith("year:")]) == len({e.date[:4] for e in bundled_briefing.timeline})
        # Filter by a tag with the keyboard: t opens the tag list, pick the first tag.
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        pane = app.screen.query_one("#timeline-pane")
        tag = pane.tag
        assert tag is not None
        shown = [timeline.get_option_at_index(i).id for i in range(timeline.option_count)]
        expected = [e.id for e in bundled_briefing.timeline if tag in e.tags]
        assert [i for i in shown if not i.startswith("year:")] == expected
        assert len(expected) < len(bundled_briefing.timeline)


async def test_detail_links_jump_between_items_and_sources(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        rec = bundled_briefing.recommendations[0]
        links = screen.query_one("#detail-links", ItemList)
        assert links.option_count == len(rec.sources)
        await pilot.press("enter")  # into the detail pane
        links.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.tabs.active == "sources"
        assert screen.detail.item_id == rec.sources[0]
        # The source lists what cites it; open the first citing item.
        assert "Cited by" in str(screen.query_one("#detail-links-heading").render())
        cited_by = screen.index.cited_by(rec.sources[0])
        links.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.detail.item_id == cited_by[0].id


async def click_tab(pilot, pane_id: str) -> None:
    bar = pilot.app.screen.query_one("#pane-tabs")
    await pilot.click(bar, offset=bar.tab_offset(pane_id))


async def test_mouse_clicks_tabs_items_and_links(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await click_tab(pilot, "timeline")
        await pilot.pause()
        assert screen.tabs.active == "timeline"
        await click_tab(pilot, "recommendations")
        await pilot.pause()
        assert screen.tabs.active == "recommendations"
        # Rows are one line each: the third recommendation is on line 2.
        await pilot.click("#recommendations-list", offset=(5, 2))
        await pilot.pause()
        assert screen.detail.item_id == bundled_briefing.recommendations[2].id
        await pilot.click("#detail-links", offset=(5, 0))
        await pilot.pause()
        assert screen.tabs.active == "sources"
        await click_tab(pilot, "overview")
        await pilot.pause()
        facts = bundled_briefing.overview.facts
        await pilot.click("#facts-table", offset=(3, 2))
        await pilot.pause()
        assert screen.detail.item_id == facts[1].id


async def test_help_lists_every_binding(app_for):
    from briefing_tui import keys

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tests.test_first_hour import help_lines

        rows = help_lines(app)
        for binding in keys.all_bindings():
            assert any(binding.id in row and binding.description in row for row in rows), binding.id
        assert any("palette" in row.lower() for row in rows)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)


def test_every_binding_of_every_widget_has_an_id_and_a_help_entry():
    import inspect

    from textual.binding import Binding

    import briefing_tui.screens.briefing as briefing_module
    import briefing_tui.screens.error as error_module
    import briefing_tui.screens.help as help_module
    import briefing_tui.screens.library as library_module
    import briefing_tui.widgets.item_list as item_list_module
    import briefing_tui.widgets.overview_pane as overview_module
    import briefing_tui.widgets.pane_switcher as pane_switcher_module
    import briefing_tui.widgets.timeline_pane as timeline_module
    from briefing_tui import app as app_module, keys

    help_ids = {binding.id for binding in keys.all_bindings()}
    checked = 0
    for module in (
        app_module,
        error_module,
        help_module,
        briefing_module,
        library_module,
        item_list_module,
        pane_switcher_module,
        overview_module,
        timeline_module,
    ):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                assert isinstance(binding, Binding) and binding.id, (cls, binding)
                assert binding.id in help_ids, (cls, binding.id)
                checked += 1
    assert checked >= 10


async def test_command_palette_jumps_to_a_recommendation(app_for, bundled_briefing):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await run_palette(pilot, "Recommendation 4")
        screen = app.screen
        assert isinstance(screen, BriefingScreen)
        assert screen.detail.item_id == bundled_briefing.recommendations[3].id
        assert (
            screen.query_one("#recommendations-list", ItemList).highlighted_id == bundled_briefing.recommendations[3].id
        )


async def test_command_palette_jumps_to_an_event(app_for, bundled_briefing):
    app = app_for()
    event = next(e for e in bundled_briefing.timeline if e.date == "2009-01-20")
    async with app.run_test(size=SIZE) as pilot:
        await run_palette(pilot, "Event 20 Jan 2009")
        assert app.screen.tabs.active == "timeline"
        assert app.screen.detail.item_id == event.id


async def test_q_quits(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_keys_can_be_remapped_by_id(app_for, monkeypatch):
    monkeypatch.setenv("BRIEFING_TUI_KEYS", "pane-overview=o")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.tabs.active == "overview"


async def test_hostile_text_is_shown_literally_and_runs_nothing(app_for):
    app = app_for(HOSTILE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]Quit now[/] [/foo]" in text
        # Click on the "link" text: nothing runs, the app keeps going.
        await pilot.click("#recommendations-list", offset=(6, 0))
        await pilot.pause()
        await pilot.click("#detail-body", offset=(2, 1))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        for key in ("1", "2", "4", "enter", "3", "question_mark", "escape"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        for pane in ("1", "2", "3", "4"):
            await pilot.press(pane)
            await pilot.pause()
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
            assert "\u202e" not in text
        await pilot.press("2")
        await pilot.pause()
        assert "[@click=app.quit]when[/]" in detail_text(app)
        assert "\u241b" in detail_text(app), "control characters are replaced visibly (ESC: ␛)"
        title = app.screen.query_one("HeaderTitle").render()
        assert "[@click=app.quit]Click me[/]" in str(title) and "\x1b" not in str(title)
        assert app.is_running


async def test_empty_panes_say_so(app_for, write_file):
    path = write_file(
        """\
        format: 1
        meta:
          id: bare
          title: Bare
          parties: [A]
          as_of: "2020"
          summary: Nothing else.
        """
    )
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no recommendations" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert "no timeline events" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        assert "cites no sources" in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert "No key facts" in screen_text(app)
        assert "Nothing else." in detail_text(app), "the summary fills an empty detail pane"


async def test_light_theme_and_no_color(app_for, monkeypatch, bundled_briefing):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        for key in ("1", "2", "3", "4", "5"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert bundled_briefing.recommendations[0].title[:30] in screen_text(app)
        assert not app.current_theme.dark


async def test_theme_can_be_changed_from_the_palette(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await run_palette(pilot, "theme")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.theme != before
