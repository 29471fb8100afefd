"""Pause Python's cyclic garbage collector while a briefing is built.

Parsing and validating create millions of short-lived objects, none of them
cyclic garbage; the collector runs over and over while they are made (loading
a 10,000-event briefing: 3.3 s with it, 0.8 s without). Afterwards the new,
long-lived objects are frozen out of later collections, which otherwise cost
~50 ms each once a large briefing is in memory (see docs/performance.md).

Thread-safe and reentrant: the collector is enabled again when the last
pause ends; it is never enabled here if it was off to begin with.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
