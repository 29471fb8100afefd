"""Search: matching, filters, ranking, snippets and spans, notes, and the
synthetic briefings of benchmarks/generate.py. No timing assertions here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings, strategies as st

from benchmarks.generate import SIZES, generate_briefing, write_briefing, write_library
from briefing_tui.model.dates import date_problem, format_date
from briefing_tui.model.items import item_body, iter_items
from briefing_tui.model.query import QueryError, fold, parse_query, stem, tokenize
from briefing_tui.model.schema import Briefing
from briefing_tui.model.search import FIELDS, Hit, SearchIndex, SearchResult, make_snippet

BRIEFING: dict[str, Any] = {
    "format": 1,
    "meta": {"id": "test", "title": "Test briefing", "parties": ["Belarus", "Netherlands"],
             "as_of": "2024-05", "summary": "A small briefing that mirrors the real one."},
    "overview": {
        "facts": [
            {"id": "fact-capital", "label": "Capital", "value": "Minsk"},
            {"id": "fact-relations", "label": "Belarus–Netherlands relations",
             "value": "Diplomatic relations since 1992; Łukašenka (Lukashenko) in power since 1994."},
            {"id": "fact-cafe", "label": "Straße café", "value": "A café on the Straße des 17. Juni hosted the talks."},
        ],
        "sections": [
            {"id": "sec-context", "title": "Context",
             "text": "Relations cooled after the 2006 election.\nThe EU imposed sanctions and a visa ban on officials.",
             "tags": ["Human rights", "sanctions"]},
            {"id": "sec-civil", "title": "Civil society",
             "text": "Support for civil society organisations continued through NGOs.", "tags": ["civil society"]},
        ],
    },
    "timeline": [
        {"id": "ev-2006", "date": "2006-03-19", "title": "Presidential election",
         "detail": "Lukashenko re-elected; observers’ visas revoked.", "tags": ["elections", "visas"]},
        {"id": "ev-2008", "date": "2008-10", "title": "EU eases visa restrictions",
         "detail": "At Dutch request, Verhagen pushed the EU to ease visa rules.", "tags": ["visas"]},
        {"id": "ev-2009", "date": "2009-05", "date_label": "May 2009 (summit)",
         "title": "Netherlands opposes inviting Lukashenko",
         "detail": "Foreign Minister Maxime Verhagen said an invitation would trivialise human rights.",
         "tags": ["Human rights"]},
        {"id": "ev-2011", "date": "2011", "title": "Sanctions widened", "tags": ["sanctions"]},
    ],
    "recommendations": [
        {"number": 1, "id": "rec-1", "title": "Ease sanctions only in return for concessions",
         "text": "The EU should not lift sanctions for token gestures by Lukashenko.",
         "actors": ["EU"], "themes": ["sanctions", "Human rights"],
         "footnotes": [{"mark": "75", "text": "See the Council conclusions of 2008 on Minsk."}]},
        {"number": 2, "id": "rec-2", "title": "Play the long game",
         "text": "Commit to the long game in Belarus–Netherlands relations and in EU policy.",
         "actors": ["EU", "the Netherlands"], "themes": ["strategy"]},
        {"number": 3, "id": "rec-3", "title": "Keep visas cheap",
         "text": "Lower visa fees for Belarusians, students and countries of the Eastern Partnership.",
         "actors": ["EU member states"], "themes": ["visas"]},
        {"number": 4, "id": "rec-4", "title": "Support civil society",
         "text": "Fund civil society and independent media; coordinate sanctions with partners.",
         "actors": ["European Commission"], "themes": ["civil society"]},
        {"number": 5, "id": "rec-5", "title": "Talk to the regime",
         "text": "Keep a channel open to the regime’s officials in every country.", "actors": ["Dutch government"],
         "themes": ["dialogue"]},
    ],
    "sources": [
        {"id": "src-report", "title": "Report on Belarus", "kind": "report", "date": "2010-02",
         "author": "J. Jansen", "note": "Sanctions and visas chapter."},
        {"id": "src-wiki", "title": "Belarus–Netherlands relations", "kind": "encyclopedia"},
    ],
}  # fmt: skip

NOTES = {"rec-3": "Ask the consulate about visa fees.", "": "General remarks on Verhagen’s line."}


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return msgspec.convert(BRIEFING, Briefing, strict=False)


@pytest.fixture()
def index(briefing: Briefing) -> SearchIndex:
    return SearchIndex(briefing, NOTES)


def ids(result: SearchResult) -> list[str]:
    return [h.item_id for h in result.hits]


def found(index: SearchIndex, query: str) -> set[str]:
    return {h.item_id for h in index.search(query).hits if h.kind != "note"}


def check_spans(hit: Hit) -> None:
    """Spans lie inside their strings, in order, apart, and each covers (part of)
    a word: no white space at the ends, something that folds to letters."""
    for text, spans in ((hit.title, hit.title_spans), (hit.snippet, hit.snippet_spans), (hit.body, hit.body_spans)):
        for (start, end), after in zip(spans, [*spans[1:], (len(text) + 1, 0)], strict=False):
            assert 0 <= start < end < after[0]
            assert end <= len(text)
            covered = text[start:end]
            assert covered == covered.strip() and fold(covered.split()[0])


# -- words, accents, dashes ------------------------------------------------------------


def test_accents_do_not_matter(index: SearchIndex) -> None:
    assert found(index, "lukasenka ") == {"fact-relations"}
    assert found(index, "ŁUKAŠENKA ") == {"fact-relations"}
    assert found(index, "cafe ") == {"fact-cafe"}
    assert found(index, "strasse ") == {"fact-cafe"}


def test_lukashenko_and_verhagen(index: SearchIndex) -> None:
    assert found(index, "lukashenko ") == {"fact-relations", "ev-2006", "ev-2009", "rec-1"}
    assert found(index, "Verhagen ") == {"ev-2008", "ev-2009"}
    assert ids(index.search("Verhagen in:notes")) == [""]  # "Verhagen’s" in the general note


@pytest.mark.parametrize("query", ["Belarus-Netherlands", "belarus–netherlands", "BELARUS—NETHERLANDS "])
def test_hyphen_matches_en_dash(index: SearchIndex, query: str) -> None:
    assert found(index, query) == {"fact-relations", "rec-2", "src-wiki"}


def test_words_are_anded(index: SearchIndex) -> None:
    assert found(index, "verhagen visa ") == {"ev-2008"}
    assert found(index, "verhagen zzz ") == set()


def test_phrases(index: SearchIndex) -> None:
    assert found(index, '"civil society"') == {"sec-civil", "rec-4"}
    assert found(index, '"society civil"') == set()
    assert found(index, '"human rights"') == {"sec-context", "ev-2009", "rec-1"}


def test_phrases_do_not_cross_fields_or_list_entries(index: SearchIndex) -> None:
    assert found(index, '"context relations"') == set()  # title, then body
    assert found(index, '"rights sanctions"') == set()  # two tags of sec-context
    assert found(index, '"sanctions human"') == set()  # two themes of rec-1


def test_three_word_phrase(index: SearchIndex) -> None:
    assert found(index, '"the long game"') == {"rec-2"}
    assert found(index, '"the game long"') == set()


def test_prefix_last_word(index: SearchIndex) -> None:
    assert found(index, "sanc") == {"sec-context", "ev-2011", "rec-1", "rec-4", "src-report"}
    assert found(index, "sanc ") == set()
    assert found(index, "Belarus-Neth") == {"fact-relations", "rec-2", "src-wiki"}


def test_prefix_highlights_only_what_was_typed(index: SearchIndex) -> None:
    hit = index.search("in:rec sanc").hits[0]
    assert hit.item_id == "rec-1"
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["sanc"]
    whole = index.search("in:rec sanctions").hits[0]
    assert [whole.title[a:b] for a, b in whole.title_spans] == ["sanctions"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sanction ", {"sec-context", "ev-2011", "rec-1", "rec-4", "src-report"}),
        ("sanctions ", {"sec-context", "ev-2011", "rec-1", "rec-4", "src-report"}),
        ("visa in:events ", {"ev-2006", "ev-2008"}),  # "visas revoked", "visa restrictions"
        ("visas in:events ", {"ev-2006", "ev-2008"}),
        ("country ", {"rec-3", "rec-5"}),  # "countries", "country"
        ("countries ", {"rec-3", "rec-5"}),
        ("regime ", {"rec-5"}),  # "regime’s"
    ],
)
def test_plural_and_singular(index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(index, query) == expected


def test_footnotes_and_tags_are_searched(index: SearchIndex) -> None:
    hit = index.search("council ").hits[0]
    assert (hit.item_id, hit.fields, hit.snippet_field) == ("rec-1", ("footnotes",), "footnotes")
    assert hit.snippet == "See the Council conclusions of 2008 on Minsk."
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["Council"]
    strategy = index.search("strategy ").hits[0]
    assert (strategy.item_id, strategy.fields) == ("rec-2", ("tags",))


def test_event_dates_are_words(index: SearchIndex) -> None:
    assert found(index, "summit ") == {"ev-2009"}  # its date label
    assert "ev-2008" in found(index, "oct 2008 ")


# -- filters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "kind"),
    [("in:rec", "recommendation"), ("in:events", "event"), ("in:facts", "fact"),
     ("in:sections", "section"), ("in:sources", "source"), ("in:notes", "note")],
)  # fmt: skip
def test_in_filter_lists_a_kind_in_briefing_order(index: SearchIndex, query: str, kind: str) -> None:
    result = index.search(query)
    assert {h.kind for h in result.hits} == {kind}
    expected = [item.id for k, item in iter_items(index.briefing) if k == kind] if kind != "note" else ["", "rec-3"]
    assert ids(result) == expected


def test_in_filter_with_words(index: SearchIndex) -> None:
    assert ids(index.search("visa in:rec")) == ["rec-3"]
    assert ids(index.search("lukashenko in:rec,facts")) == ["rec-1", "fact-relations"]


def test_tag_filter(index: SearchIndex) -> None:
    assert ids(index.search("tag:visa")) == ["rec-3", "ev-2006", "ev-2008", "rec-3"]
    assert found(index, "tag:rights") == {"sec-context", "ev-2009", "rec-1"}
    assert found(index, 'tag:"human rights"') == {"sec-context", "ev-2009", "rec-1"}
    assert found(index, "tag:HUMAN") == {"sec-context", "ev-2009", "rec-1"}
    assert found(index, "tag:sanc") == set()
    assert found(index, "tag:visas,dialogue") == {"ev-2006", "ev-2008", "rec-3", "rec-5"}
    assert found(index, "tag:visas tag:elections") == {"ev-2006"}


def test_actor_filter(index: SearchIndex) -> None:
    assert found(index, "actor:EU") == {"rec-1", "rec-2", "rec-3"}  # not "European Commission"
    assert found(index, "actor:netherlands") == {"rec-2"}
    assert found(index, "actor:eu sanctions ") == {"rec-1"}


def test_year_filter(index: SearchIndex) -> None:
    assert found(index, "year:2008") == {"ev-2008"}
    assert found(index, "year:2006..2009") == {"ev-2006", "ev-2008", "ev-2009"}
    assert found(index, "2006..2009") == {"ev-2006", "ev-2008", "ev-2009"}
    assert found(index, "2010..") == {"ev-2011", "src-report"}  # sources with a date count
    assert found(index, "..2006") == {"ev-2006"}
    assert found(index, "visa year:2008") == {"ev-2008"}
    assert found(index, "year:1990") == set()


def test_number_filter(index: SearchIndex) -> None:
    assert ids(index.search("#4")) == ["rec-4"]
    assert ids(index.search("#4 sanctions ")) == ["rec-4"]
    assert ids(index.search("#4 visa ")) == []
    assert ids(index.search("#2..3")) == ["rec-2", "rec-3", "rec-3"]  # and the note on rec-3
    assert ids(index.search("#9")) == []


def test_filters_only_list_everything_that_passes(index: SearchIndex) -> None:
    assert ids(index.search("in:rec actor:EU")) == ["rec-1", "rec-2", "rec-3"]
    hits = index.search("tag:sanctions").hits
    assert [(h.kind, h.item_id) for h in hits] == [
        ("recommendation", "rec-1"), ("event", "ev-2011"), ("section", "sec-context")]  # fmt: skip
    assert all(h.score == 0 and h.title_spans == [] and h.snippet_spans == [] for h in hits)


def test_errors_come_from_the_parser(index: SearchIndex) -> None:
    with pytest.raises(QueryError):
        index.search("foo:bar")


# -- ranking ------------------------------------------------------------------------------


def test_recommendations_first_then_events_facts_sections_sources_notes(index: SearchIndex) -> None:
    index.set_note("ev-2006", "sanctions came later")
    kinds = [h.kind for h in index.search("sanctions ").hits]
    order = ["recommendation", "event", "fact", "section", "source", "note"]
    assert kinds == sorted(kinds, key=order.index)
    assert kinds[0] == "recommendation" and kinds[-1] == "note"


def test_title_matches_rank_above_body_matches(index: SearchIndex) -> None:
    result = index.search("sanctions ")
    assert ids(result) == ["rec-1", "rec-4", "ev-2011", "sec-context", "src-report"]
    assert [h.score for h in result.hits] == [1, 0, 1, 0, 0]


def test_ties_keep_briefing_order(index: SearchIndex) -> None:
    assert ids(index.search("eu in:rec ")) == ["rec-1", "rec-2", "rec-3"]
    assert ids(index.search("visa in:events ")) == ["ev-2008", "ev-2006"]  # title first, then order


def test_more_title_matches_rank_higher(index: SearchIndex) -> None:
    result = index.search("eu visa ")
    assert ids(result)[:2] == ["rec-3", "ev-2008"]
    assert result.hits[1].score == 2


def test_counts_and_limit(index: SearchIndex) -> None:
    full = index.search("sanctions ")
    assert full.counts == {"recommendation": 2, "event": 1, "fact": 0, "section": 1, "source": 1, "note": 0}
    assert full.total == 5 and not full.truncated
    cut = index.search("sanctions ", limit=2)
    assert ids(cut) == ["rec-1", "rec-4"] and cut.counts == full.counts and cut.truncated
    assert index.search("sanctions ", limit=0).hits == []


def test_no_match_and_empty_query(index: SearchIndex) -> None:
    for query in ("zzyzx", "", "   ", "–"):
        result = index.search(query)
        assert result.hits == [] and result.total == 0


def test_parsed_query_is_accepted(index: SearchIndex) -> None:
    assert ids(index.search(parse_query("#4"))) == ["rec-4"]


# -- labels, snippets, spans ---------------------------------------------------------------


def test_labels(index: SearchIndex) -> None:
    labels = {h.item_id: h.label for h in index.search("tag:rights").hits}
    assert labels == {"rec-1": "1.", "ev-2009": "May 2009~", "sec-context": "Section"}
    assert index.search("#3").hits[0].label == "3."
    assert index.search("year:2006").hits[0].label == "19 Mar 2006"
    assert index.search("minsk in:facts ").hits[0].label == "Key fact"


def test_spans_map_back_through_accents(index: SearchIndex) -> None:
    hit = index.search("cafe strasse ").hits[0]
    assert hit.title == "Straße café"
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Straße", "café"]
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["café", "Straße"]
    assert [hit.body[a:b] for a, b in hit.body_spans] == ["café", "Straße"]


def test_spans_on_decomposed_accents_and_possessives(briefing: Briefing) -> None:
    index = SearchIndex(briefing, {"fact-capital": "Le cafe\u0301 de Łukašenka’s garde"})
    hit = index.search("cafe lukasenka ").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["cafe\u0301", "Łukašenka’s"]


def test_phrase_span_covers_the_whole_phrase(index: SearchIndex) -> None:
    hit = index.search("Belarus-Netherlands in:facts").hits[0]
    assert [hit.title[a:b] for a, b in hit.title_spans] == ["Belarus–Netherlands"]
    rec = index.search("Belarus-Netherlands in:rec").hits[0]
    assert [rec.snippet[a:b] for a, b in rec.snippet_spans] == ["Belarus–Netherlands"]


def test_snippet_is_one_line(index: SearchIndex) -> None:
    hit = index.search("visa in:sections ").hits[0]
    assert "\n" not in hit.snippet
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["visa"]
    assert [hit.body[a:b] for a, b in hit.body_spans] == ["visa"]


def test_snippet_without_a_body_match(index: SearchIndex) -> None:
    hit = index.search("widened ").hits[0]
    assert (hit.item_id, hit.snippet, hit.snippet_spans, hit.fields) == ("ev-2011", "", [], ("title",))
    title_only = index.search("presidential ").hits[0]
    assert title_only.snippet.startswith("Lukashenko re-elected") and title_only.snippet_spans == []


def test_make_snippet_cuts_long_text_around_the_match() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " Łukašenka " + " ".join(f"tail{i}" for i in range(100))
    start = text.index("Łukašenka")
    snippet, spans = make_snippet(text, [(start, start + 9)])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert 80 <= len(snippet) <= 110
    assert [snippet[a:b] for a, b in spans] == ["Łukašenka"]


def test_make_snippet_folds_white_space_and_keeps_offsets() -> None:
    text = "Sanctions\n\n  and   visas\tfor  officials"
    start = text.index("visas")
    snippet, spans = make_snippet(text, [(0, 9), (start, start + 5)])
    assert snippet == "Sanctions and visas for officials"
    assert [snippet[a:b] for a, b in spans] == ["Sanctions", "visas"]


def test_hit_fields(index: SearchIndex) -> None:
    hit = index.search("sanctions in:rec ").hits[0]
    assert (hit.fields, hit.field, hit.order) == (
        ("title", "body", "tags"),
        "title",
        9,
    )  # 3 facts, 2 sections, 4 events first
    assert set(hit.fields) <= set(FIELDS)
    body = index.search("gestures ").hits[0]
    assert (body.fields, body.field, body.snippet_field) == (("body",), "body", "body")
    assert index.search("#1").hits[0].field == ""
    assert index.search("remarks").hits[0].order == -1


# -- notes --------------------------------------------------------------------------------


def test_notes_are_searchable(index: SearchIndex) -> None:
    result = index.search("consulate")
    assert [(h.kind, h.item_id) for h in result.hits] == [("note", "rec-3")]
    hit = result.hits[0]
    assert (hit.title, hit.label, hit.body) == ("Keep visas cheap", "Note", NOTES["rec-3"])
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["consulate"]
    assert result.counts["note"] == 1


def test_general_note(index: SearchIndex) -> None:
    hit = index.search("remarks").hits[0]
    assert (hit.kind, hit.item_id, hit.title) == ("note", "", "General note")


def test_set_note_and_remove_note(index: SearchIndex) -> None:
    assert index.search("embassy").hits == []
    index.set_note("ev-2008", "Call the embassy")
    assert [(h.kind, h.item_id) for h in index.search("embassy").hits] == [("note", "ev-2008")]
    index.set_note("ev-2008", "Call the ministry instead")
    assert index.search("embassy").hits == []
    assert ids(index.search("ministry")) == ["ev-2008"]
    index.remove_note("ev-2008")
    assert index.search("ministry").hits == []
    index.set_note("rec-3", "  ")
    assert index.search("consulate").hits == []
    index.remove_note("no-such-item")


def test_notes_follow_the_filters_of_their_item(index: SearchIndex) -> None:
    assert ids(index.search("in:notes tag:visas")) == ["rec-3"]
    assert ids(index.search("visa in:notes")) == ["rec-3"]
    assert ids(index.search("visa in:rec")) == ["rec-3"]
    assert ids(index.search("in:notes #3")) == ["rec-3"]
    assert ids(index.search("in:notes year:2008")) == []


def test_notes_come_after_everything_in_item_order(briefing: Briefing) -> None:
    notes = {"src-wiki": "visa note", "ev-2006": "visa note", "": "visa note", "gone-item": "visa note"}
    index = SearchIndex(briefing, notes)
    result = index.search("visa note ")
    assert [h.item_id for h in result.hits] == ["", "ev-2006", "src-wiki", "gone-item"]
    assert result.hits[-1].title == "gone-item"


# -- a brute-force matcher agrees with the index ------------------------------------------


def naive_ids(briefing: Briefing, query: str) -> set[str]:
    """Items whose fields contain every term of `query`, by scanning the text."""
    q = parse_query(query)
    out = set()
    for kind, item in iter_items(briefing):
        segs = [item.title if kind != "fact" else item.label, item_body(kind, item)]  # type: ignore[union-attr]
        segs += list(getattr(item, "tags", None) or getattr(item, "themes", None) or [])
        segs += list(getattr(item, "actors", [])) + [f.text for f in getattr(item, "footnotes", [])]
        if kind == "event":
            segs.append(format_date(item.date, item.date_label))  # type: ignore[union-attr]
        token_lists = [[(s, stem(s)) for s, _, _ in tokenize(seg)] for seg in segs]

        def has(term: Any, tokens: list[tuple[str, str]]) -> bool:
            n = len(term.stems)
            for i in range(len(tokens) - n + 1):
                ok = all(tokens[i + k][1] == term.stems[k] for k in range(n - 1))
                s, t = tokens[i + n - 1]
                last = t == term.stems[-1] or (term.prefix and s.startswith(term.words[-1]))
                if ok and last:
                    return True
            return False

        if all(any(has(term, tokens) for tokens in token_lists) for term in q.terms):
            out.add(item.id)
    return out


@pytest.fixture(scope="module")
def medium() -> Briefing:
    return msgspec.convert(generate_briefing("M", seed=1), Briefing, strict=False)


@pytest.mark.parametrize(
    "query",
    ["sanctions ", "human rights ", '"civil society"', '"eu member states"', "Belarus-Netherlands",
     "Łukašenka ", "cafe strasse ", "sanc", "civil soc", "e", '"the of"', "eu’s ", "zzyzx"],
)  # fmt: skip
def test_index_agrees_with_brute_force(medium: Briefing, query: str) -> None:
    index = SearchIndex(medium)
    got = {h.item_id for h in index.search(query).hits}
    assert got == naive_ids(medium, query)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(list('ab sanction"#:-–é4.,') + ["in:", "tag:", "year:", "2008", ".."]), max_size=12).map(
        "".join
    )
)
def test_search_never_raises_anything_but_query_error(text: str) -> None:
    index = SearchIndex(msgspec.convert(BRIEFING, Briefing, strict=False), NOTES)
    try:
        result = index.search(text, limit=5)
    except QueryError:
        return
    for hit in result.hits:
        hit.label, hit.snippet, hit.fields  # noqa: B018
        check_spans(hit)


# -- the synthetic briefings ---------------------------------------------------------------


def check_generated(data: dict[str, Any], size: str) -> Briefing:
    briefing = msgspec.convert(data, Briefing, strict=False)
    spec = SIZES[size]
    assert len(briefing.timeline) == spec["events"]
    assert len(briefing.recommendations) == spec["recs"]
    assert len(briefing.overview.facts) == spec["facts"]
    assert len(briefing.overview.sections) == spec["sections"]
    assert len(briefing.sources) == spec["sources"]
    all_ids = [item.id for _, item in iter_items(briefing)]
    assert len(all_ids) == len(set(all_ids))
    sources = {s.id for s in briefing.sources}
    for _, item in iter_items(briefing):
        refs = list(getattr(item, "sources", [])) + [r for f in getattr(item, "footnotes", []) for r in f.sources]
        assert set(refs) <= sources
    dates = [e.date for e in briefing.timeline] + [s.date for s in briefing.sources if s.date]
    assert all(date_problem(d) is None for d in dates)
    assert [e.date for e in briefing.timeline] == sorted(e.date for e in briefing.timeline)
    assert [r.number for r in briefing.recommendations] == list(range(1, spec["recs"] + 1))
    return briefing


def test_generate_small_looks_like_a_real_briefing() -> None:
    briefing = check_generated(generate_briefing("S"), "S")
    assert (len(briefing.timeline), len(briefing.recommendations), len(briefing.overview.facts)) == (10, 9, 6)
    assert (len(briefing.overview.sections), len(briefing.sources)) == (5, 2)


def test_generate_is_deterministic() -> None:
    assert generate_briefing("M", seed=3) == generate_briefing("M", seed=3)
    assert generate_briefing("M", seed=3) != generate_briefing("M", seed=4)
    assert generate_briefing("s") == generate_briefing("S")
    with pytest.raises(ValueError, match="S, M or L"):
        generate_briefing("XL")


def test_generate_medium(medium: Briefing) -> None:
    check_generated(msgspec.to_builtins(medium), "M")
    text = " ".join(item_body(k, i) for k, i in iter_items(medium))
    assert "–" in text and "Łukašenka" in text


def test_generate_large_counts() -> None:
    briefing = check_generated(generate_briefing("L"), "L")
    assert (len(briefing.timeline), len(briefing.recommendations), len(briefing.sources)) == (10_000, 2_000, 200)
    words = [len(r.text.split()) for r in briefing.recommendations[:50]]
    assert min(words) >= 200


def test_write_briefing_loads_back(tmp_path: Path) -> None:
    from briefing_tui.model.loader import load_briefing

    path = write_briefing(tmp_path / "s.yaml", "S", seed=2)
    text = path.read_text(encoding="utf-8")
    assert 'as_of: "2025-01"' in text and 'date: "' in text
    loaded = load_briefing(path)
    assert msgspec.to_builtins(loaded) == msgspec.to_builtins(
        msgspec.convert(generate_briefing("S", seed=2), Briefing, strict=False)
    )


def test_write_library(tmp_path: Path) -> None:
    from briefing_tui.model.loader import load_briefing

    paths = write_library(tmp_path / "lib", 3, size="S", seed=5)
    assert len(paths) == 3 and all(p.parent == tmp_path / "lib" for p in paths)
    assert len({load_briefing(p).meta.id for p in paths}) == 3
