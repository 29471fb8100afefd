"""The Belarus–Netherlands briefing: complete, valid, in order."""

from __future__ import annotations

from briefing_tui.model.items import ItemIndex
from briefing_tui.model.loader import load_briefing
from tests.conftest import BUNDLED


def test_it_loads_with_nine_recommendations_in_order():
    briefing = load_briefing(BUNDLED)
    assert briefing.meta.id == "belarus-netherlands"
    assert briefing.meta.parties == ["Belarus", "Netherlands"]
    assert [rec.number for rec in briefing.recommendations] == list(range(1, 10))


def test_timeline_is_chronological_and_spans_the_sources():
    briefing = load_briefing(BUNDLED)
    dates = [event.date for event in briefing.timeline]
    assert dates == sorted(dates)
    for expected in ("1994", "1997", "2006", "2008", "2008-10", "2009-01-20", "2009-05", "2011", "2021"):
        assert expected in dates, expected
    labels = {event.date_label for event in briefing.timeline}
    assert any(label and "Christmas 2008" in label for label in labels)


def test_recommendation_six_carries_the_footnote():
    briefing = load_briefing(BUNDLED)
    rec6 = briefing.recommendations[5]
    assert rec6.number == 6
    assert [f.mark for f in rec6.footnotes] == ["75"]
    assert "Rome Declaration" in rec6.footnotes[0].text
    assert sum(len(rec.footnotes) for rec in briefing.recommendations) == 1


def test_both_seed_documents_are_sources_and_are_cited():
    briefing = load_briefing(BUNDLED)
    index = ItemIndex(briefing)
    assert len(briefing.sources) == 2
    kinds = {source.kind for source in briefing.sources}
    assert kinds == {"encyclopedia", "chapter"}
    for source in briefing.sources:
        assert index.cited_by(source.id), f"{source.id} is cited by nothing"


def test_key_facts_and_context_are_present():
    briefing = load_briefing(BUNDLED)
    facts = " ".join(f"{fact.label} {fact.value}" for fact in briefing.overview.facts)
    for needle in ("1994", "The Hague", "Warsaw", "Minsk", "OSCE"):
        assert needle in facts, needle
    sections = " ".join(f"{s.title} {s.text}" for s in briefing.overview.sections).lower()
    for needle in ("selective", "security dilemma", "scenario", "chernobyl"):
        assert needle in sections, needle
