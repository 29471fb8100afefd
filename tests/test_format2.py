"""Format 2, as far as it is built (issue 15): `see:` links between items with
back-links computed, and an `uncertain:` note on any item. Format 1 files load
unchanged and may not use them."""

from __future__ import annotations

import pytest

from briefing_tui.model.items import ItemIndex
from briefing_tui.model.loader import BriefingError, load_briefing
from tests.conftest import MINIMAL

FORMAT2 = (
    MINIMAL.replace("format: 1", "format: 2")
    .replace("    actors: [EU]\n", "    actors: [EU]\n    see: [ev-a, fact-relations]\n")
    .replace("    title: Earlier event\n", "    title: Earlier event\n    uncertain: Only the year is known.\n")
)


def exported(briefing, folder, notes: dict[str, str]) -> str:
    """The Markdown export of `briefing` with these notes (item id -> text)."""
    from briefing_tui.notes.export import export_notes
    from briefing_tui.notes.store import NoteStore

    with NoteStore(folder / "notes.sqlite3") as store:
        for item_id, text in notes.items():
            store.save("mini", item_id, text, expected_version=0)
        return export_notes(briefing, store, None).text


def problems(write_file, text: str) -> dict[str, str]:
    with pytest.raises(BriefingError) as caught:
        load_briefing(write_file(text))
    return {problem.path: problem.message for problem in caught.value.problems}


def test_a_format_2_file_loads_with_its_links_and_back_links(write_file):
    briefing = load_briefing(write_file(FORMAT2))
    index = ItemIndex(briefing)
    rec = index.by_id["rec-one"]
    assert [ref.id for ref in index.see_also(rec)] == ["ev-a", "fact-relations"]
    assert [ref.id for ref in index.referred_to_by("ev-a")] == ["rec-one"], "the back-link, computed"
    assert index.by_id["ev-a"].item.uncertain == "Only the year is known."


def test_format_1_files_cannot_use_format_2_fields(write_file):
    said = problems(write_file, FORMAT2.replace("format: 2", "format: 1"))
    assert "write 'format: 2'" in said["recommendations #2 (rec-one).see"]
    assert "'uncertain' is a format 2 field" in said["timeline #2 (ev-a).uncertain"]


def test_a_link_to_an_id_that_does_not_exist_or_to_itself_is_named(write_file):
    said = problems(write_file, FORMAT2.replace("see: [ev-a, fact-relations]", "see: [ev-b, ev-z, rec-one]"))
    assert "no item has the id 'ev-z'; did you mean" in said["recommendations #2 (rec-one).see #2"]
    assert said["recommendations #2 (rec-one).see #3"] == "an item cannot point to itself"
    assert "recommendations #2 (rec-one).see #1" not in said


async def test_links_are_followed_with_enter_and_escape_comes_back(write_file, tmp_path):
    from briefing_tui.app import make_app

    path = write_file(FORMAT2)
    app = make_app(briefing=load_briefing(path), path=path, notes_path=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await screen.jump_to("rec-one")
        await pilot.pause()
        links = screen.query_one("#detail-links")
        prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
        assert prompts[0].startswith("Cites") and any(p.startswith("See also") for p in prompts), prompts
        assert any("Earlier event" in p for p in prompts)
        await pilot.press("c")  # the links
        for _ in range(len(prompts)):
            if links.highlighted_id == "ev-a":
                break
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.detail.item_id == "ev-a"
        body = str(screen.query_one("#detail-body").render())
        assert "Uncertain: Only the year is known." in body
        back = screen.query_one("#detail-links")
        names = [str(back.get_option_at_index(i).prompt) for i in range(back.option_count)]
        assert any("Recommendation 1" in n for n in names), "the back-link is shown"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.detail.item_id == "rec-one", "Escape comes back"


def test_the_export_carries_the_links_and_what_is_uncertain(write_file, tmp_path):

    briefing = load_briefing(write_file(FORMAT2))
    text = exported(briefing, tmp_path, {"rec-one": "on the recommendation", "ev-a": "on the event"})
    assert "See also: Event 2008 — Earlier event; Key fact — Relations established" in text
    assert "Uncertain: Only the year is known." in text


def test_what_is_uncertain_is_shown_literally(write_file):
    from briefing_tui.widgets.render import render_item

    hostile = r'"[bold]loud[/bold] \e[2J \u202Eright-to-left"'
    briefing = load_briefing(write_file(FORMAT2.replace("uncertain: Only the year is known.", f"uncertain: {hostile}")))
    shown = render_item(ItemIndex(briefing).by_id["ev-a"]).plain
    assert "[bold]loud[/bold]" in shown, "markup stays text"
    assert "\x1b" not in shown and "\u202e" not in shown, "no raw control character or bidi override"


SOURCES2 = FORMAT2.replace(
    "    kind: report\n",
    "    kind: treaty\n    url: https://a.example/one\n    urls: [https://b.example/two, https://a.example/one]\n"
    "    archived: https://web.archive.example/one\n",
)


def test_a_source_can_be_a_treaty_with_several_addresses_and_an_archived_copy(write_file, tmp_path):
    from briefing_tui.widgets.render import render_item

    briefing = load_briefing(write_file(SOURCES2))
    source = briefing.sources[0]
    assert source.kind == "treaty"
    assert source.links == ["https://a.example/one", "https://b.example/two"], "each address once"
    shown = render_item(ItemIndex(briefing).by_id["src-a"]).plain
    assert "URL: https://a.example/one, https://b.example/two" in shown
    assert "Archived copy: https://web.archive.example/one" in shown
    text = exported(briefing, tmp_path, {"src-a": "on the treaty"})
    assert "Link: <https://a.example/one>" in text and "Link: <https://b.example/two>" in text
    assert "Archived copy: <https://web.archive.example/one>" in text


def test_format_1_sources_keep_to_format_1(write_file):
    said = problems(
        write_file,
        SOURCES2.replace("format: 2", "format: 1")
        .replace("    see: [ev-a, fact-relations]\n", "")
        .replace("    uncertain: Only the year is known.\n", ""),
    )
    assert "'treaty' is a format 2 kind" in said["sources #1 (src-a).kind"]
    assert "'urls' is a format 2 field" in said["sources #1 (src-a).urls"]
    assert "'archived' is a format 2 field" in said["sources #1 (src-a).archived"]
    bad = problems(write_file, SOURCES2.replace("https://b.example/two", "ftp://b.example/two"))
    assert "is not a web address" in bad["sources #1 (src-a).urls #1"]


EVENTS2 = FORMAT2.replace(
    "    title: Earlier event\n",
    "    title: Earlier event\n    actors: [Netherlands, Belarus]\n    places: [Minsk]\n",
)


def test_events_have_actors_and_places_that_search_and_the_export_know(write_file, tmp_path):
    from briefing_tui.model.search import SearchIndex
    from briefing_tui.widgets.render import render_item

    briefing = load_briefing(write_file(EVENTS2))
    index = SearchIndex(briefing)
    assert [hit.item_id for hit in index.search("place:minsk").hits] == ["ev-a"]
    assert [hit.item_id for hit in index.search("in:events actor:netherlands").hits] == ["ev-a"]
    assert index.search("place:amsterdam").hits == []
    shown = render_item(ItemIndex(briefing).by_id["ev-a"]).plain
    assert "Actors: Netherlands, Belarus" in shown and "Places: Minsk" in shown
    text = exported(briefing, tmp_path, {"ev-a": "on the event"})
    assert "Actors: Netherlands, Belarus" in text and "Places: Minsk" in text
    one = EVENTS2.replace("format: 2", "format: 1").replace("    see: [ev-a, fact-relations]\n", "")
    said = problems(write_file, one.replace("    uncertain: Only the year is known.\n", ""))
    assert "'places' is a format 2 field" in said["timeline #2 (ev-a).places"]
    assert "'actors' is a format 2 field" in said["timeline #2 (ev-a).actors"]


def test_an_unknown_filter_lists_place():
    from briefing_tui.model.query import QueryError, parse_query

    with pytest.raises(QueryError) as caught:
        parse_query("plase:Minsk")
    assert "did you mean place:?" in caught.value.message and "place:" in caught.value.message


RECS2 = FORMAT2.replace(
    "    text: The first recommendation.\n",
    "    text: The first recommendation.\n    points: [Ask first., Then act.]\n    priority: high\n"
    "    timeframe: 2025–2026\n",
)


def test_a_recommendation_has_sub_points_a_priority_and_a_timeframe(write_file, tmp_path):
    from briefing_tui.widgets.render import render_item

    briefing = load_briefing(write_file(RECS2))
    shown = render_item(ItemIndex(briefing).by_id["rec-one"]).plain
    assert "a) Ask first." in shown and "b) Then act." in shown
    assert "Priority: high" in shown and "Timeframe: 2025–2026" in shown
    text = exported(briefing, tmp_path, {"rec-one": "on it"})
    assert "> a) Ask first." in text and "> b) Then act." in text
    assert "Priority: high" in text and "Timeframe: 2025–2026" in text
    said = problems(write_file, RECS2.replace("priority: high", "priority: urgent"))
    assert (
        "did you mean" in said["recommendations #2 (rec-one).priority"]
        or "high" in said["recommendations #2 (rec-one).priority"]
    )
