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
