"""The query parser: every rule of the search language, and its error messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from briefing_tui.model.query import (
    KIND_ALIASES,
    Query,
    QueryError,
    YearRange,
    fold,
    parse_query,
    stem,
    tokenize,
)


def words(query: Query) -> list[tuple[str, ...]]:
    return [term.stems for term in query.terms]


def error(text: str) -> QueryError:
    with pytest.raises(QueryError) as info:
        parse_query(text)
    return info.value


# -- folding and stemming ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Sanctions", "sanctions"),
        ("Łukašenka", "lukasenka"),
        ("café", "cafe"),
        ("Cafe\u0301", "cafe"),  # decomposed accent
        ("Straße", "strasse"),
        ("EU’s", "eu"),
        ("Lukashenko's", "lukashenko"),
        ("İstanbul", "istanbul"),
        ("Ørsted", "orsted"),
        ("don't", "dont"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("sanctions", "sanction"),
        ("sanction", "sanction"),
        ("countries", "country"),
        ("country", "country"),
        ("visas", "visa"),
        ("businesses", "business"),
        ("taxes", "tax"),
        ("approaches", "approach"),
        ("belarus", "belarus"),
        ("process", "process"),
        ("crisis", "crisis"),
        ("gas", "gas"),
        ("eu", "eu"),
    ],
)
def test_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_tokenize_offsets_point_into_the_original() -> None:
    text = "Die Straße — Łukašenka’s café"
    for surface, start, end in tokenize(text):
        assert fold(text[start:end]) == surface
    assert [s for s, _, _ in tokenize(text)] == ["die", "strasse", "lukasenka", "cafe"]


# -- words, phrases, the prefix rule ---------------------------------------------------


def test_words_are_anded_terms() -> None:
    query = parse_query("EU sanctions Verhagen")
    assert words(query) == [("eu",), ("sanction",), ("verhagen",)]
    assert [t.phrase for t in query.terms] == [False, False, False]
    assert not query.has_filters


def test_case_and_accents_do_not_matter() -> None:
    assert words(parse_query("ŁUKAŠENKA ")) == words(parse_query("lukasenka "))


def test_quoted_phrase() -> None:
    query = parse_query('"civil society" visas')
    first = query.terms[0]
    assert first.phrase and first.stems == ("civil", "society") and not first.prefix
    assert first.position == 0
    assert query.terms[1].position == 16


def test_typographic_quotes_make_phrases() -> None:
    query = parse_query("“human rights” „civil society”")
    assert words(query) == [("human", "right"), ("civil", "society")]
    assert all(t.phrase for t in query.terms)


def test_empty_phrase_is_ignored() -> None:
    assert parse_query('"" x ').terms[0].stems == ("x",)


@pytest.mark.parametrize("dash", ["-", "–", "—", "‑"])
def test_hyphenated_word_is_a_phrase_of_its_parts(dash: str) -> None:
    (term,) = parse_query(f"Belarus{dash}Netherlands ").terms
    assert term.phrase and term.stems == ("belarus", "netherland")


def test_last_word_is_a_prefix() -> None:
    query = parse_query("EU sanc")
    assert [t.prefix for t in query.terms] == [False, True]


def test_trailing_space_ends_the_prefix() -> None:
    assert [t.prefix for t in parse_query("EU sanc ").terms] == [False, False]


def test_only_the_very_last_part_is_a_prefix() -> None:
    assert [t.prefix for t in parse_query("sanc in:rec").terms] == [False]
    assert [t.prefix for t in parse_query('sanc "civil society"').terms] == [False, False]


def test_last_hyphenated_word_is_a_prefix_phrase() -> None:
    (term,) = parse_query("Belarus-Neth").terms
    assert term.phrase and term.prefix and term.words == ("belarus", "neth")


def test_punctuation_only_words_are_ignored() -> None:
    assert parse_query("– & …").is_empty


def test_empty_query() -> None:
    assert parse_query("").is_empty
    assert parse_query("   ").is_empty


def test_unclosed_quote() -> None:
    err = error('visa "civil society')
    assert err.position == 5
    assert "unclosed quote" in err.message
    assert str(err) == err.message


# -- filters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("recommendations", "recommendation"),
        ("recommendation", "recommendation"),
        ("recs", "recommendation"),
        ("rec", "recommendation"),
        ("r", "recommendation"),
        ("events", "event"),
        ("event", "event"),
        ("timeline", "event"),
        ("t", "event"),
        ("e", "event"),
        ("facts", "fact"),
        ("fact", "fact"),
        ("f", "fact"),
        ("sections", "section"),
        ("section", "section"),
        ("s", "section"),
        ("sources", "source"),
        ("source", "source"),
        ("src", "source"),
        ("notes", "note"),
        ("note", "note"),
        ("n", "note"),
        ("REC", "recommendation"),
    ],
)
def test_in_filter_kinds_and_short_forms(value: str, kind: str) -> None:
    assert parse_query(f"in:{value}").kinds == {kind}


def test_every_alias_is_tested() -> None:
    assert set(KIND_ALIASES) == {
        "recommendations", "recommendation", "recs", "rec", "r", "events", "event",
        "timeline", "t", "e", "facts", "fact", "f", "sections", "section", "s",
        "sources", "source", "src", "notes", "note", "n",
    }  # fmt: skip


def test_several_in_filters_mean_any_kind() -> None:
    assert parse_query("in:rec in:events").kinds == {"recommendation", "event"}
    assert parse_query("in:rec,events").kinds == {"recommendation", "event"}


def test_filter_names_ignore_case() -> None:
    assert parse_query("IN:rec Tag:visa").kinds == {"recommendation"}


def test_unknown_kind_suggests_a_close_match() -> None:
    err = error("visa in:recomendations")
    assert err.position == 8
    assert "unknown kind 'recomendations'" in err.message
    assert "did you mean in:recommendations?" in err.message
    assert "kinds are recommendations, events, facts, sections, sources, notes" in err.message


def test_unknown_kind_without_a_close_match() -> None:
    err = error("in:zzz")
    assert "did you mean" not in err.message
    assert "kinds are" in err.message


def test_tag_filter() -> None:
    query = parse_query("tag:Sanctions")
    assert query.tags == ((("sanction",),),)
    assert query.terms == ()


def test_tag_filter_quoted_and_alternatives() -> None:
    assert parse_query('tag:"Human rights"').tags == ((("human", "right"),),)
    assert parse_query("tag:visas,trade").tags == ((("visa",), ("trade",)),)
    assert parse_query("tag:visa tag:trade").tags == ((("visa",),), (("trade",),))


def test_tag_filter_is_never_a_prefix() -> None:
    assert parse_query("tag:sanc").tags == ((("sanc",),),)


def test_actor_filter() -> None:
    assert parse_query("actor:EU").actors == ((("eu",),),)
    assert parse_query('actor:"the Netherlands"').actors == ((("the", "netherland"),),)


def test_year_filter() -> None:
    assert parse_query("year:2008").years == ((YearRange(2008, 2008),),)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("year:2006..2009", YearRange(2006, 2009)),
        ("year:2006–2009", YearRange(2006, 2009)),
        ("year:..2009", YearRange(None, 2009)),
        ("year:2006..", YearRange(2006, None)),
        ("2006..2009", YearRange(2006, 2009)),
        ("..2009", YearRange(None, 2009)),
        ("2006..", YearRange(2006, None)),
    ],
)
def test_year_ranges(text: str, years: YearRange) -> None:
    query = parse_query(text)
    assert query.years == ((years,),)
    assert query.terms == ()


def test_year_range_contains() -> None:
    assert 2008 in YearRange(2006, 2009)
    assert 2010 not in YearRange(2006, 2009)
    assert 1900 in YearRange(None, 2009)
    assert None not in YearRange(None, None)


def test_bare_year_is_a_word() -> None:
    query = parse_query("2008 ")
    assert words(query) == [("2008",)]
    assert query.years == ()


@pytest.mark.parametrize("value", ["abc", "20x8", "08", "2008..2009..2010", "..", "200"])
def test_bad_year(value: str) -> None:
    err = error(f"visa year:{value}")
    assert err.position == 10
    assert err.message.startswith(f"bad year '{value}'")
    assert "year:2008" in err.message


def test_backwards_year_range() -> None:
    err = error("year:2009..2006")
    assert "runs backwards" in err.message and "2006..2009" in err.message


def test_recommendation_number() -> None:
    query = parse_query("#4")
    assert query.numbers == ((4, 4),)
    assert query.terms == () and query.has_filters


def test_recommendation_numbers_and_range() -> None:
    assert parse_query("#4 #7").numbers == ((4, 4), (7, 7))
    assert parse_query("#3..5").numbers == ((3, 5),)
    assert "runs backwards" in error("#5..3").message


def test_hash_without_number_is_a_word() -> None:
    assert words(parse_query("#belarus ")) == [("belarus",)]
    assert parse_query("#").is_empty


def test_unknown_filter() -> None:
    err = error("visa foo:bar")
    assert err.message == "unknown filter 'foo'; filters are in:, tag:, actor:, place:, year:"
    assert err.position == 5


def test_unknown_filter_suggests_a_close_match() -> None:
    err = error("yeer:2008")
    assert "did you mean year:?" in err.message
    assert err.message.endswith("filters are in:, tag:, actor:, place:, year:")


def test_filter_aliases() -> None:
    assert parse_query("theme:visa").tags == parse_query("tag:visa").tags
    assert parse_query("tags:visa").tags == parse_query("tag:visa").tags
    assert parse_query("actors:EU").actors == parse_query("actor:EU").actors


@pytest.mark.parametrize("text", ["tag:", "in:", "actor:", "year:", 'tag:""', "in:,", "tag: visa"])
def test_empty_filter_value(text: str) -> None:
    err = error(text)
    assert "empty value" in err.message
    assert err.position >= 3


def test_filter_value_without_words() -> None:
    assert "needs a word" in error("tag:–").message


def test_unclosed_quote_in_filter_value() -> None:
    err = error('tag:"human rights')
    assert "unclosed quote" in err.message and err.position == 4


def test_digits_with_colon_are_words() -> None:
    assert words(parse_query("10:30 ")) == [("10", "30")]


def test_only_filters_query() -> None:
    query = parse_query("in:rec tag:visa actor:EU year:2008 #4")
    assert query.terms == ()
    assert query.has_filters and not query.is_empty


# -- never anything but QueryError ------------------------------------------------------

_QUERY_ALPHABET = st.sampled_from(
    list("abcXYZ019 #:.\"“”„-–—‑,'’éŁß\u0301\t\n") + ["in:", "tag:", "year:", "actor:", "..", "foo:", "#4"]
)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_never_raises_anything_else(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as err:
        assert isinstance(err.position, int) and 0 <= err.position <= len(text)
        assert err.message


@settings(max_examples=400, deadline=None)
@given(st.lists(_QUERY_ALPHABET, max_size=12).map("".join))
def test_parse_query_like_text_never_raises_anything_else(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as err:
        assert 0 <= err.position <= len(text)
