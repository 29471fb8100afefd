"""A reader's first hour (issue 14): each stumble a new reader met, as a test
that failed before its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tests.conftest import MINIMAL, search_for, wait_until

SIZE = (120, 40)


def help_lines(app) -> list[str]:
    """The help screen's text as drawn, at the width it has, one row a line."""
    from rich.console import Console

    keys_widget = app.screen.query_one("#help-keys")
    from io import StringIO

    from briefing_tui.screens.help import help_renderable

    console = Console(width=keys_widget.content_size.width, no_color=True, record=True, file=StringIO())
    console.print(help_renderable(app.screen.keymap))
    return console.export_text().splitlines()


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


# -- 4. the help reads fully at 80x24, scrolled up and down only ---------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_help_reads_fully_without_sideways_scrolling(app_for, size):
    from briefing_tui import keys

    app = app_for()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await settled(pilot)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_x == 0, "nothing to scroll sideways"
        assert body.size.width >= min(size[0], 100) - 6
        lines = help_lines(app)
        assert all(len(line.rstrip()) <= body.size.width for line in lines)
        text = " ".join(" ".join(lines).split())
        for binding in keys.all_bindings():
            assert binding.description in text and binding.id in text, binding.id
        for example, meaning in keys.QUERY_HELP:
            assert " ".join(example.split()) in text and meaning in text
        assert "…" not in text, "nothing cut off"
        await pilot.press("end")
        await settled(pilot)
        assert body.scroll_y == body.max_scroll_y > 0 and body.scroll_x == 0


# -- 5. NO_COLOR: every selection visible without colour --------------------------------


def reversed_cells(widget, y: int) -> tuple[int, int]:
    """(cells drawn light on dark the other way round, all cells) of line y:
    cells whose background is much brighter than their text, as a reverse-video
    selection is when the screen is drawn in greys."""

    def brightness(color) -> float:
        red, green, blue = color.get_truecolor()
        return (0.299 * red + 0.587 * green + 0.114 * blue) / 255

    strip = widget.render_line(y)
    total = sum(len(segment.text) for segment in strip)
    reverse = 0
    for segment in strip:
        style = segment.style
        has_colours = style is not None and style.bgcolor is not None and style.color is not None
        if has_colours and brightness(style.bgcolor) - brightness(style.color) > 0.4:
            reverse += len(segment.text)
    return reverse, total


async def test_without_colour_the_selected_search_result_is_reverse_video(app_for, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await search_for(pilot, "visa")
        await settled(pilot)
        results = panel.query_one("#search-results")

        def selected_rows() -> list[int]:
            lines = [reversed_cells(results, y) for y in range(results.size.height)]
            return [y for y, (rev, total) in enumerate(lines) if total and rev > total * 0.8]

        first = selected_rows()
        assert first and first == list(range(first[0], first[-1] + 1)) and len(first) <= 3, (
            "the selected result, and only it, is drawn in reverse video"
        )
        await pilot.press("down")
        await settled(pilot)
        second = selected_rows()
        assert second and second[0] > first[-1], "the selection moved down, visibly"


async def test_without_colour_an_unfocused_list_keeps_its_selection_visible(app_for, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("d")  # the detail pane takes the focus
        await settled(pilot)
        recs = app.screen.active_pane.item_list
        assert not recs.has_focus
        lines = [reversed_cells(recs, y) for y in range(recs.size.height)]
        assert any(total and rev > total * 0.8 for rev, total in lines)


# -- 6. 80x24: the pane with the focus takes the height -------------------------------


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_at_80x24_a_whole_recommendation_and_a_five_line_note_are_readable(app_for, bundled_briefing):
    from tests.test_app import screen_text

    rec = bundled_briefing.recommendations[5]
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await app.screen.jump_to(rec.id)
        await pilot.press("d")  # the detail pane: it takes the height
        await settled(pilot)
        shown = flat(screen_text(app))
        words = rec.text.split()
        assert " ".join(words[:8]) in shown and " ".join(words[-8:]) in shown, "the whole text, without scrolling"
        await pilot.press("n")
        await settled(pilot)
        await pilot.press(*"one", "enter", *"two", "enter", *"three", "enter", *"four", "enter", *"five")
        await settled(pilot)
        rows = [row.strip(" ▊▎") for row in screen_text(app).splitlines()]
        assert all(word in rows for word in ("one", "two", "three", "four", "five")), "five lines of the note"


@pytest.mark.parametrize("width", [80, 120])
async def test_the_title_is_not_cut_short(app_for, bundled_briefing, width):
    from tests.test_app import screen_text

    app = app_for()
    async with app.run_test(size=(width, 24)) as pilot:
        await settled(pilot)
        header = screen_text(app).splitlines()[0]
        assert bundled_briefing.meta.title in header and "…" not in header
        assert "as of" in header


# -- 7. the Notes pane: the edit time always shows; the general note can be started ---


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_notes_pane_shows_each_notes_time_and_offers_the_general_note(app_for, bundled_briefing, size):
    from tests.test_app import screen_text

    rec = bundled_briefing.recommendations[2]
    app = app_for()
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.press("5")
        await settled(pilot)
        listed = app.screen.query_one("#notes-list")
        assert listed.option_count == 1 and listed.get_option_at_index(0).id == "note:general"
        assert "General note" in screen_text(app), "a visible way to start the general note"
        await pilot.press("enter")  # on the General note: the editor opens on it
        await settled(pilot)
        await pilot.press(*"whole")
        await pilot.press("escape")
        await settled(pilot)
        await app.screen.jump_to(rec.id)
        await pilot.press("n", *"a long")
        from textual.widgets import TextArea

        app.screen.query_one(TextArea).insert(" note that goes on" * 8)  # a row longer than the pane
        await pilot.press("escape")
        await settled(pilot)
        await pilot.press("5")
        await settled(pilot)
        rows = ["".join(seg.text for seg in listed.render_line(y)) for y in range(listed.size.height)]
        with_time = [row for row in rows if "edited " in row]
        assert len(with_time) == 2, "both notes show when they were edited"
        assert all(re.search(r"edited \d\d \w{3} \d{4} \d\d:\d\d · ", row) for row in with_time), "uncut"


# -- 8. a source's "Cited by": every row named as the palette names it, all shown ------


async def test_cited_by_lists_every_citing_item_by_its_name_and_c_goes_there(app_for, bundled_briefing):
    from briefing_tui.model.items import item_name
    from briefing_tui.widgets.item_list import ItemList

    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.screen
        index = screen.index
        source = max(bundled_briefing.sources, key=lambda s: len(index.cited_by(s.id)))
        citing = index.cited_by(source.id)
        assert len(citing) > 8, "the bundled briefing has a source cited more than 8 times"
        await screen.jump_to(source.id)
        await settled(pilot)
        links = screen.query_one("#detail-links", ItemList)
        assert links.option_count == len(citing)
        assert links.size.height >= len(citing), "every row shown, none in a scroll of its own"
        for i, ref in enumerate(citing):
            prompt = str(links.get_option_at_index(i).prompt)
            what, _ = item_name(ref)
            assert prompt.startswith(f"{what}: "), prompt
            assert "Timeline — " not in prompt
        await pilot.press("c")
        await settled(pilot)
        assert app.focused is links
        await pilot.press("end", "enter")
        await settled(pilot)
        assert screen.detail.item_id == citing[-1].id


# -- 9. an event's date is written one way everywhere ------------------------------------


def test_event_dates_have_one_form():
    from briefing_tui.model.dates import event_when

    assert event_when("2008-12", "around Christmas 2008") == "Dec 2008~ (around Christmas 2008)"
    assert event_when("2008-12", "around Christmas 2008", short=True) == "Dec 2008~"
    assert event_when("2009-01-20", None) == "20 Jan 2009" == event_when("2009-01-20", None, short=True)


async def test_a_labelled_event_reads_the_same_in_the_list_detail_search_and_palette(app_for, bundled_briefing):
    from briefing_tui.model.dates import event_when
    from briefing_tui.palette import command_name

    event = next(e for e in bundled_briefing.timeline if e.date_label)
    long, short = event_when(event.date, event.date_label), event_when(event.date, event.date_label, short=True)
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        screen = app.screen
        await screen.completed.wait()
        await screen.jump_to(event.id)
        await settled(pilot)
        row = str(screen.active_pane.item_list.get_option(event.id).prompt)
        assert row.split()[0] == short
        body = str(screen.query_one("#detail-body").render())
        assert long in body and event.date not in body.replace(long, ""), "no ISO date beside it"
        assert long in command_name(screen.index.by_id[event.id])
        panel = await search_for(pilot, event.title.split()[0])
        hit = next(h for h in panel.hits if h.item_id == event.id)
        assert hit.label == short


# -- 10. keys and hints -------------------------------------------------------------------


def footer_keys(app) -> dict[str, str]:
    """What the footer offers: action -> key, for the bindings shown."""
    return {
        binding.action: binding.key
        for (_, binding, enabled, _) in app.screen.active_bindings.values()
        if binding.show and enabled
    }


async def test_back_is_offered_only_when_there_is_somewhere_to_go_back(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "back" not in footer_keys(app), "a briefing opened on its own: nothing behind"
        await pilot.press("d")
        await settled(pilot)
        assert "back" in footer_keys(app), "from the detail back to the list"
        await pilot.press("escape")
        await settled(pilot)
        assert "back" not in footer_keys(app)


async def test_while_n_steps_through_hits_the_note_button_names_the_other_key(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await search_for(pilot, "visa")
        await pilot.press("enter")
        await settled(pilot)
        button = app.screen.query_one("#note-edit")
        assert "(a)" in str(button.label) and "(n)" not in str(button.label)
        assert footer_keys(app).get("next_hit") == "n"
        await pilot.press("escape")  # done stepping
        await settled(pilot)
        assert "(n)" in str(button.label)


async def test_the_palette_offers_the_apps_actions_and_recommendation_numbers(app_for, tmp_path):
    from briefing_tui.screens.help import HelpScreen
    from tests.conftest import run_palette

    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await run_palette(pilot, "search the briefing")
        await settled(pilot)
        assert app.screen.search_open
        await pilot.press("escape")
        await settled(pilot)
        await run_palette(pilot, "timeline pane")
        await settled(pilot)
        assert app.screen.tabs.active == "timeline"
        await run_palette(pilot, "help")
        await settled(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settled(pilot)
        from textual.command import CommandList

        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query(CommandList), "the palette")
        await pilot.press("#", "6")
        commands = app.screen.query_one(CommandList)

        def first() -> str:
            return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

        await wait_until(pilot, lambda: first().startswith("Recommendation 6:"), "recommendation 6 first")
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen.detail.item_id == app.screen.briefing.recommendations[5].id


async def test_hash_then_a_number_opens_that_recommendation(app_for):
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("number_sign")
        await settled(pilot)
        panel = app.screen.query_one("#search")
        assert panel.input.value == "#"
        await pilot.press("7")
        await wait_until(pilot, lambda: [h.item_id for h in panel.hits] == ["rec-7"], "recommendation 7 found")
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen.detail.item_id == app.screen.briefing.recommendations[6].id


def test_every_action_binding_has_a_palette_command():
    from briefing_tui import keys

    # Escape is context (not a command); the alternative keys share their command.
    not_commands = {"back", "search-open-alt", "note-edit-alt"}
    for binding in [*keys.APP, *keys.BRIEFING, *keys.TIMELINE]:
        assert binding.id in keys.PALETTE or binding.id in not_commands, binding.id


# -- 14. messages ----------------------------------------------------------------------


def validate_says(tmp_path, capsys, text: str) -> tuple[int, str]:
    from briefing_tui.cli import main

    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    status = main(["validate", str(path)])
    said = capsys.readouterr()
    return status, said.err + said.out


def test_a_tab_in_the_indentation_is_named_as_such(tmp_path, capsys):
    status, said = validate_says(tmp_path, capsys, "format: 1\nmeta:\n\tid: x\n")
    assert status == 1
    assert ":3:1: YAML cannot be indented with tabs; indent with spaces" in said
    assert "cannot start any token" not in said


def test_an_unquoted_colon_gets_the_quoted_value_to_write(tmp_path, capsys):
    status, said = validate_says(tmp_path, capsys, "format: 1\nmeta:\n  id: x\n  title: Belarus: a brief\n")
    assert status == 1
    assert 'put the value in quotes: title: "Belarus: a brief"' in said


def test_a_list_where_one_value_goes_says_so(tmp_path, capsys):
    text = MINIMAL_WITH_SOURCE.replace("url: https://a.example", "url: [https://a.example, https://b.example]")
    status, said = validate_says(tmp_path, capsys, text)
    assert status == 1
    assert "sources #1 (s1).url: expected text, got a list; this field holds one value" in said
    assert "str | null" not in said


MINIMAL_WITH_SOURCE = (
    "format: 1\nmeta:\n  id: x\n  title: T\n  parties: [A]\n  as_of: '2020'\n  summary: S.\n"
    "sources:\n  - id: s1\n    title: S\n    kind: report\n    url: https://a.example\n"
)


def test_cli_search_columns_and_a_second_file_given_by_mistake(capsys):
    from briefing_tui.cli import main
    from tests.conftest import BUNDLED

    assert main(["search", str(BUNDLED), "in:facts", "chernobyl"]) == 0
    for row in capsys.readouterr().out.splitlines():
        kind, where, _title = row.split("\t")
        assert kind == "Key fact" and where == "", row
    assert main(["search", str(BUNDLED), str(BUNDLED)]) == 2
    err = capsys.readouterr().err
    assert "is a briefing file, not a search word" in err


# -- 15. the README's promises: --log, export of the bundled briefing --------------------


def test_export_with_no_briefing_exports_the_bundled_ones_notes(tmp_path, capsys, bundled_briefing):
    from briefing_tui.cli import main
    from briefing_tui.notes.store import NoteStore

    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    with NoteStore(db) as store:
        store.save(bundled_briefing.meta.id, rec.id, "noted on the bundled briefing", expected_version=0)
    assert main(["export", "--notes", str(db)]) == 0
    assert "noted on the bundled briefing" in capsys.readouterr().out


def test_log_keeps_the_apps_messages_while_the_screen_keeps_stderr(tmp_path, capsys):
    from briefing_tui.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nmeta:\n\tid: x\n", encoding="utf-8")
    log = tmp_path / "app.log"
    assert main([str(bad), "--log", str(log)]) == 2
    said = capsys.readouterr().err
    assert "YAML cannot be indented with tabs" in said, "stderr still has it"
    assert f"{bad}:3:1: YAML cannot be indented with tabs" in log.read_text(encoding="utf-8")
    assert main([str(bad), "--log", str(tmp_path / "no-such-folder" / "app.log")]) == 2
    assert "cannot write the log" in capsys.readouterr().err


# -- 12. the library: subfolders, other YAML files, which file is which ------------------


async def test_the_library_reads_subfolders_lists_other_yaml_apart_and_names_duplicates(tmp_path, monkeypatch):
    from briefing_tui.app import make_app
    from briefing_tui.widgets.item_list import ItemList
    from tests.conftest import BUNDLED, MINIMAL

    library = tmp_path / "desk"
    (library / "sub").mkdir(parents=True)
    (library / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (library / "copy.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (library / "sub" / "nested.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (library / "notes.yml").write_text("key: value\n", encoding="utf-8")
    monkeypatch.chdir(library)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    app = make_app(library=Path("."))
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#library-table", ItemList)
        await wait_until(pilot, lambda: table.option_count == 4, "four rows")
        await app.workers.wait_for_complete()
        await settled(pilot)
        assert app.screen.sub_title == "desk", "the folder's name, not '.'"
        rows = [str(table.get_option_at_index(i).prompt) for i in range(table.option_count)]
        assert "not a briefing" in rows[-1] and "notes.yml" in rows[-1]
        assert not any("not a briefing" in row for row in rows[:-1])
        assert any("(sub/nested.yaml)" in row for row in rows), "the nested copy, named by its path"
        assert any("(copy.yaml)" in row for row in rows)


def test_validate_reads_subfolders_and_skips_other_yaml(tmp_path, capsys):
    from briefing_tui.cli import main

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "nested.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "notes.yml").write_text("key: value\n", encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'sub' / 'nested.yaml'}: OK" in out
    assert "notes.yml: skipped, not a briefing" in out
    assert main(["validate", str(tmp_path / "notes.yml")]) == 1, "a file named on its own is validated"


# -- 11. the export: the app's order, a recommendation's addressees and themes, where ----


def test_the_export_leads_with_recommendations_and_names_addressees_and_themes(bundled_briefing):
    from datetime import UTC, datetime

    from briefing_tui.notes.export import render_markdown
    from briefing_tui.notes.note import Note

    rec, event = bundled_briefing.recommendations[0], bundled_briefing.timeline[0]
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    notes = [
        Note(bundled_briefing.meta.id, event.id, "on the event", moment, moment, 1),
        Note(bundled_briefing.meta.id, rec.id, "on the recommendation", moment, moment, 1),
    ]
    text = render_markdown(bundled_briefing, notes, moment)
    assert text.index("on the recommendation") < text.index("on the event")
    section = text[text.index("## Recommendation 1") :]
    assert f"Addressed to: {', '.join(rec.actors)}" in section
    assert f"Themes: {', '.join(rec.themes)}" in section


def test_the_suggested_export_file_is_beside_the_briefing_or_in_documents(tmp_path, monkeypatch):
    from briefing_tui.notes.export import default_export_folder
    from tests.conftest import BUNDLED

    briefing = tmp_path / "b.yaml"
    briefing.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "..")
    assert default_export_folder(briefing) == tmp_path.resolve()
    (tmp_path / "Documents").mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "Documents"))
    assert default_export_folder(BUNDLED) == tmp_path / "Documents", "not inside the installed package"


# -- 13. two windows: merges stay flat -----------------------------------------------------


def _note_with(body: str):
    from datetime import UTC, datetime

    from briefing_tui.notes.note import Note

    moment = datetime(2026, 1, 1, tzinfo=UTC)
    return Note("b", "i", body, moment, moment, 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["a", "b", "c", "d e", "f\ng"])), min_size=1, max_size=12))
def test_repeated_merges_keep_every_block_once_and_never_nest(steps):
    """Two windows keep merging (each 'keep both' is a merge of its text with
    the other's, after typing a line): every line typed is kept, once, and
    the marker never appears inside a block."""
    from briefing_tui.notes.session import MERGE_MARK, NoteSession

    texts = ["start one", "start two"]
    typed = set(texts)
    for window, line in steps:
        mine = f"{texts[window]}\n{line}"
        typed.add(line)
        texts[window] = NoteSession.merged(mine, _note_with(texts[1 - window]))
    for text in texts:
        blocks = [block.strip() for block in text.split(MERGE_MARK)]
        assert len(blocks) == len(set(blocks)), "a block twice"
        assert all("(From the other window:)" not in block for block in blocks), "a merge inside a merge"
    merged = NoteSession.merged(texts[0], _note_with(texts[1]))
    for line in typed:
        assert line in merged, line


async def test_a_note_changed_in_another_window_is_shown_without_touching_it(tmp_path, bundled_briefing):
    from briefing_tui.app import make_app
    from briefing_tui.notes.store import NoteStore
    from tests.conftest import BUNDLED

    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    with NoteStore(db) as store:
        first = store.save(bundled_briefing.meta.id, rec.id, "as this window saw it", expected_version=0)
    app = make_app(briefing=bundled_briefing, path=BUNDLED, notes_path=db)
    async with app.run_test(size=SIZE) as pilot:

        def note_text(selector: str):
            found = app.screen.query(selector)
            return found.first() if found else None

        def shows(text: str) -> bool:
            widget = note_text("#note-text")
            return widget is not None and text in str(widget.render())

        await wait_until(pilot, lambda: shows("as this window saw it"), "the note")
        with NoteStore(db) as other_window:
            other_window.save(
                bundled_briefing.meta.id, rec.id, "changed in the other window", expected_version=first.version
            )
        await wait_until(
            pilot,
            lambda: "changed in the other window" in str(note_text("#note-text").render()),
            "the new text",
            tries=120,
        )


async def test_the_library_shows_each_briefings_note_count(tmp_path, bundled_briefing):
    from briefing_tui.app import make_app
    from briefing_tui.notes.store import NoteStore
    from briefing_tui.widgets.item_list import ItemList
    from tests.conftest import BUNDLED, MINIMAL

    library = tmp_path / "desk"
    library.mkdir()
    (library / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (library / "b.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "notes.sqlite3"
    with NoteStore(db) as store:
        for rec in bundled_briefing.recommendations[:3]:
            store.save(bundled_briefing.meta.id, rec.id, f"on {rec.id}", expected_version=0)
    app = make_app(library=library, notes_path=db)
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.screen.query_one("#library-table", ItemList)
        await wait_until(pilot, lambda: table.option_count == 2, "two rows")

        def row(n: int) -> str:
            return str(table.get_option_at_index(n).prompt)

        await wait_until(pilot, lambda: "✎ 3" in row(1), "three notes on the bundled copy")
        assert "✎" not in row(0)
        assert "Notes" in str(app.screen.query_one("#library-columns").render())


def test_a_problem_names_its_item_by_position_from_one_and_by_id(write_file):
    """Defect 14: `timeline[12]` counted from 0 and named no item."""
    from briefing_tui.model.loader import BriefingError, load_briefing

    text = (
        MINIMAL.replace('date: "2008"', 'date: "2008-13"')  # the second event, ev-a
        .replace("    actors: [EU]", "    actors: [EU, {x: 1}]")  # the second actor of rec-one (an id-less item)
        .replace("id: rec-two", "id: " + "r" * 60)  # a long id is cut
        .replace("    title: Second", "    title: ''")
    )
    with pytest.raises(BriefingError) as caught:
        load_briefing(write_file(text))
    paths = {problem.path for problem in caught.value.problems}
    assert "timeline #2 (ev-a).date" in paths
    assert "recommendations #2 (rec-one).actors #2" in paths
    assert "recommendations #1 (" + "r" * 39 + "…).title" in paths
    assert not any("[" in path for path in paths)


def test_an_item_named_in_a_problem_cannot_forge_a_line(write_file):
    """Review finding: an id with a line break printed a fake problem line."""
    from briefing_tui.model.loader import BriefingError, load_briefing

    text = MINIMAL.replace("id: ev-a", 'id: "x\\nfake.yaml:1:1: all fine"').replace(
        "id: rec-one", 'id: "x\\nfake.yaml:1:1: all fine"'
    )
    with pytest.raises(BriefingError) as caught:
        load_briefing(write_file(text))
    assert all("\n" not in str(problem) for problem in caught.value.problems)
