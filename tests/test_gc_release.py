"""A closed briefing is freed: loading pauses the garbage collector but pins
nothing (issue 12).

The loader used to end every pause with ``gc.freeze()``, which moved every
object alive at that moment, cyclic garbage waiting for the collector
included (a briefing screen closed a moment before), into the permanent
generation, out of every later collection. These tests fail that way.
Nothing here is timed (speed is in benchmarks/close_memory.py and
docs/performance.md).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_tui.model import gcpause
from briefing_tui.model.cache import load_briefing_cached, open_briefing_cached
from briefing_tui.model.gcpause import gc_paused, release
from briefing_tui.model.loader import load_briefing
from tests.conftest import BUNDLED, MINIMAL


class Holder:
    """Stands in for a briefing screen: holds the briefing, and is in a
    reference cycle (as widgets are, with their parents), so only the cyclic
    collector can free it."""

    def __init__(self, briefing: object) -> None:
        self.briefing = briefing
        self.me = self


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    """Each test starts from a collector that is on and holds nothing frozen,
    and leaves it so."""
    assert gc.isenabled()
    gc.unfreeze()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def test_garbage_waiting_for_the_collector_during_a_load_is_freed_afterwards(minimal: Path) -> None:
    """A screen closed just before the next briefing loads is not pinned by that load."""
    closed = Holder(load_briefing(minimal))
    ref = weakref.ref(closed)
    gc.disable()  # it must still be waiting for the collector when the load ends
    del closed
    load_briefing(minimal)
    gc.enable()
    assert gc.get_freeze_count() == 0, "nothing is frozen after a load"
    gc.collect()
    assert ref() is None, "the closed briefing's holder was kept by the load"


def test_what_was_built_during_the_pause_is_freed_once_dropped(minimal: Path) -> None:
    with gc_paused():
        holder = Holder(load_briefing(minimal))
        ref = weakref.ref(holder)
    assert gc.get_freeze_count() == 0
    del holder
    gc.collect()
    assert ref() is None


def test_release_frees_a_closed_briefing_at_once(minimal: Path) -> None:
    with gc_paused():
        holder = Holder(load_briefing(minimal))
    ref = weakref.ref(holder)
    del holder
    assert release() >= 1
    assert ref() is None


def test_release_does_nothing_during_a_pause_or_with_the_collector_off() -> None:
    with gc_paused():
        holder = Holder(None)
        ref = weakref.ref(holder)
        del holder
        assert release() == 0, "no collection while a briefing is being built"
        assert ref() is not None
    gc.disable()
    try:
        assert release() == 0
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.enable()
    gc.collect()
    assert ref() is None


def test_a_loaded_briefing_goes_to_the_oldest_generation_not_the_permanent_one() -> None:
    """The load's objects skip the young collections (what the freeze was for)
    but full collections still see them."""
    briefing = load_briefing(BUNDLED)
    recommendations = briefing.recommendations  # a list: tracked by the collector
    assert gc.is_tracked(recommendations)
    assert gc.get_freeze_count() == 0
    assert not any(o is recommendations for o in gc.get_objects(generation=0))
    assert not any(o is recommendations for o in gc.get_objects(generation=1))
    assert any(o is recommendations for o in gc.get_objects(generation=2))


def test_the_cache_path_pins_nothing_either(minimal: Path) -> None:
    load_briefing_cached(minimal)  # writes the cache entry (in a temp dir: conftest)
    opened = open_briefing_cached(minimal)  # the head from the cache, the events to read
    closed = Holder(opened)
    ref = weakref.ref(closed)
    gc.disable()
    del closed
    opened.finish()  # the events, decoded under a pause of their own
    opened.close()
    gc.enable()
    del opened
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert ref() is None


def test_an_earlier_freeze_is_given_back_to_the_collector(minimal: Path) -> None:
    """Anything frozen before (by anyone) is collectable again after a load."""
    holder = Holder(None)
    ref = weakref.ref(holder)
    gc.disable()
    del holder
    gc.freeze()
    gc.enable()
    gc.collect()
    assert ref() is not None, "frozen: out of reach of the collector"
    load_briefing(minimal)
    gc.collect()
    assert ref() is None
    assert gcpause._depth == 0
