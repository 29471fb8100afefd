"""The virtual list every pane uses: keys, mouse, headings, long rows, big lists."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.content import Content

from briefing_tui.widgets.item_list import ItemList, Option, OptionDoesNotExist

N = 10_000


def rows(n: int = N, heading_every: int = 100) -> list[Option]:
    options = []
    for i in range(n):
        if i % heading_every == 0:
            options.append(Option(Content(f"── block {i // heading_every} ──"), id=f"h{i}", disabled=True))
        options.append(Option(Content(f"row {i}"), id=f"r{i}"))
    return options


class ListApp(App[None]):
    def __init__(self, options: list[Option]) -> None:
        super().__init__()
        self.options = options
        self.chosen: list[str | None] = []
        self.seen: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield ItemList(id="list")

    def on_mount(self) -> None:
        item_list = self.query_one(ItemList)
        item_list.set_options(self.options)
        item_list.action_first()
        item_list.focus()

    def on_item_list_option_selected(self, event: ItemList.OptionSelected) -> None:
        self.chosen.append(event.option.id)

    def on_item_list_option_highlighted(self, event: ItemList.OptionHighlighted) -> None:
        self.seen.append(event.option.id)


def screen_lines(item_list: ItemList) -> list[str]:
    return [item_list.render_line(y).text for y in range(item_list.size.height)]


async def test_cursor_skips_headings_and_reaches_the_end_of_10000_rows():
    app = ListApp(rows())
    async with app.run_test(size=(60, 20)) as pilot:
        item_list = app.query_one(ItemList)
        assert item_list.highlighted_id == "r0"  # not the heading above it
        await pilot.press("j", "j")
        assert item_list.highlighted_id == "r2"
        await pilot.press("G")
        assert item_list.highlighted_id == f"r{N - 1}"
        assert any(line.startswith(f"row {N - 1}") for line in screen_lines(item_list))
        await pilot.press("g")
        assert item_list.highlighted_id == "r0"
        assert screen_lines(item_list)[0].startswith("── block 0")
        # Up from the first row: the heading above it cannot take the cursor.
        await pilot.press("k")
        assert item_list.highlighted_id == "r0"
        # Down across a heading: r99 -> (heading) -> r100.
        assert item_list.highlight_id("r99")
        await pilot.press("down")
        assert item_list.highlighted_id == "r100"


async def test_page_down_moves_a_screenful_and_keeps_the_cursor_on_screen():
    app = ListApp(rows())
    async with app.run_test(size=(60, 20)) as pilot:
        item_list = app.query_one(ItemList)
        await pilot.press("pagedown")
        index = int(item_list.highlighted_id[1:])
        assert 15 <= index <= 20
        assert any(line.startswith(f"row {index}") for line in screen_lines(item_list))
        await pilot.press("pageup")
        assert item_list.highlighted_id == "r0"


async def test_click_chooses_the_row_under_the_mouse_and_enter_chooses_the_cursor_row():
    app = ListApp(rows(50, heading_every=100))
    async with app.run_test(size=(60, 20)) as pilot:
        # Line 0 is the heading; line 3 is "row 2".
        await pilot.click(ItemList, offset=(5, 3))
        assert app.chosen == ["r2"]
        await pilot.click(ItemList, offset=(5, 0))  # the heading: nothing happens
        assert app.chosen == ["r2"]
        await pilot.press("down", "enter")
        assert app.chosen == ["r2", "r3"]
        assert app.seen[-1] == "r3"


async def test_long_rows_end_in_an_ellipsis_and_multi_line_prompts_keep_their_lines():
    long = Option(Content("✎ " + "word " * 40), id="long")
    two = Option(Content("title\n   context line"), id="two")
    app = ListApp([long, two, Option(Content("last"), id="last")])
    async with app.run_test(size=(30, 10)):
        item_list = app.query_one(ItemList)
        lines = screen_lines(item_list)
        assert lines[0].startswith("✎ word")
        assert lines[0].rstrip().endswith("…")
        assert lines[1].startswith("title") and lines[2].startswith("   context line")
        assert lines[3].startswith("last")


async def test_remaking_a_prompt_redraws_that_row_and_missing_ids_are_reported():
    noted: set[int] = set()
    options = rows(20)
    options[2] = Option(lambda: Content(("✎ " if 1 in noted else "") + "row 1"), id="r1")  # made when drawn
    app = ListApp(options)
    async with app.run_test(size=(40, 10)) as pilot:
        item_list = app.query_one(ItemList)
        assert screen_lines(item_list)[2].startswith("row 1")
        noted.add(1)
        assert item_list.remake("r1")
        await pilot.pause()
        assert screen_lines(item_list)[2].startswith("✎ row 1")
        assert item_list.get_option("r1").prompt.plain == "✎ row 1"
        assert not item_list.remake("nope")
        assert not item_list.highlight_id("nope")
        with pytest.raises(OptionDoesNotExist):
            item_list.get_option("nope")


def test_prompts_must_be_content_never_markup():
    with pytest.raises(TypeError):
        Option("[b]markup[/b]")  # type: ignore[arg-type]
