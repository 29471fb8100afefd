"""A reader's first hour (issue 14): each stumble a new reader met, as a test
that failed before its fix."""

from __future__ import annotations

from tests.conftest import search_for, wait_until

SIZE = (120, 40)


async def settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- 1. a jump selects the item it jumps to, whether or not its pane was built ------


async def test_the_first_jump_to_a_section_selects_the_section(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "in:sections chernobyl")
        target = panel.hits[0].item_id
        assert app.screen.index.by_id[target].kind == "section"
        await pilot.press("enter")
        await settled(pilot)
        screen = app.screen
        assert screen.tabs.active == "overview"
        assert screen.detail.item_id == target, "the detail shows the section, not a key fact"
        assert screen.active_pane.current_id() == target
        assert app.focused is screen.active_pane.item_list, "the sections list has the focus"


async def test_stepping_with_n_onto_a_section_selects_it(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        panel = await search_for(pilot, "chernobyl")
        hits = [hit.item_id for hit in panel.hits]
        kinds = [app.screen.index.by_id[item].kind for item in hits]
        first_section = kinds.index("section")
        await pilot.press("enter")
        await settled(pilot)
        for _ in range(first_section):
            await pilot.press("n")
            await settled(pilot)
        screen = app.screen
        await wait_until(pilot, lambda: screen.detail.item_id == hits[first_section], "the section shown")
        assert screen.active_pane.current_id() == hits[first_section]


async def test_a_jump_to_a_fact_after_a_section_selects_the_fact(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        facts = screen.briefing.overview.facts
        sections = screen.briefing.overview.sections
        await screen.jump_to(sections[1].id)
        await settled(pilot)
        assert screen.detail.item_id == sections[1].id
        await screen.jump_to(facts[2].id)
        await settled(pilot)
        assert screen.detail.item_id == facts[2].id
        assert screen.active_pane.current_id() == facts[2].id
        await screen.jump_to(sections[0].id)
        await settled(pilot)
        assert screen.detail.item_id == sections[0].id
        assert screen.active_pane.current_id() == sections[0].id


# -- 2. remapping says what it did ------------------------------------------------------


def test_key_names_are_normalised_and_bad_entries_explained():
    from briefing_tui.keys import read_keymap

    assert read_keymap("help=F1") == ({"help": "f1"}, [])
    assert read_keymap("quit=Ctrl+Q;search-open=F2") == ({"quit": "ctrl+q", "search-open": "f2"}, [])
    keymap, problems = read_keymap("qiut=ctrl+q")
    assert keymap == {} and problems == ["'qiut' is not a binding id (did you mean quit?)"]
    keymap, problems = read_keymap("help=Hyper+x")
    assert keymap == {} and "'Hyper+x' is not a key name" in problems[0]


def test_a_key_that_another_binding_has_is_refused_naming_both():
    from briefing_tui.keys import read_keymap

    keymap, problems = read_keymap("quit=2")
    assert keymap == {}
    assert len(problems) == 1 and "quit=2" in problems[0] and "pane-timeline" in problems[0]
    # Swapping two keys is no collision: both remaps count.
    assert read_keymap("quit=2,pane-timeline=q") == ({"quit": "2", "pane-timeline": "q"}, [])


async def test_remapped_keys_work_and_labels_follow_them(app_for, monkeypatch):
    from briefing_tui.screens.help import HelpScreen

    monkeypatch.setenv("BRIEFING_TUI_KEYS", "help=F1,note-edit=m,quit=2")
    app = app_for()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        screen = app.screen
        warnings = " ".join(str(n.message) for n in app._notifications)
        assert "quit=2" in warnings and "pane-timeline" in warnings
        button = screen.query_one("#note-edit")
        await wait_until(pilot, lambda: "(m)" in str(button.label), "the note button shows the remapped key")
        await pilot.press("2")
        await settled(pilot)
        assert screen.tabs.active == "timeline", "2 still shows the timeline"
        await pilot.press("1", "m")
        await settled(pilot)
        assert screen.note_section is not None and screen.note_section.editing
        await pilot.press("escape", "f1")
        await settled(pilot)
        assert isinstance(app.screen, HelpScreen)
