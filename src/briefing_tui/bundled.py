"""The briefings that ship with the app, and their pre-validated copies.

Each bundled briefing also ships validated, as msgpack, under
``briefings/prevalidated/<sha256 of the YAML>.msgpack``: opening the bundled
briefing on a fresh machine (an empty cache) then needs neither PyYAML nor the
validator. The copy is used only for a file whose bytes hash to that name, so
it is exactly the file that was validated; it is decoded against the schema
like any cache entry, and anything wrong with it means the YAML is loaded
instead.

Regenerate the copies after changing a bundled briefing or the format::

    python -m briefing_tui.bundled

(a test fails while they are stale).
"""

from __future__ import annotations

from pathlib import Path

import msgspec

# The lookup lives in the cache, which uses it on a miss (so the model does not
# import this module); it is re-exported here, where the copies are made.
from briefing_tui.model.cache import (
    PREVALIDATED_MAX_BYTES as MAX_BYTES,
    Prevalidated,
    bundled_dir,
    prevalidated,
    prevalidated_path,
)
from briefing_tui.model.schema import FORMAT_VERSION

__all__ = ["MAX_BYTES", "Prevalidated", "bundled_dir", "prevalidated", "prevalidated_path", "write_prevalidated"]


def write_prevalidated() -> list[Path]:
    """(Re)write the pre-validated copy of every bundled briefing; drop stale ones."""
    import hashlib

    from briefing_tui.model.library import library_files
    from briefing_tui.model.loader import parse_briefing

    folder = bundled_dir() / "prevalidated"
    folder.mkdir(exist_ok=True)
    written = []
    for path in library_files(bundled_dir()):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        target = prevalidated_path(digest)
        briefing = parse_briefing(data, str(path))  # the very bytes that were hashed
        target.write_bytes(msgspec.msgpack.encode(Prevalidated(digest, FORMAT_VERSION, briefing)))
        written.append(target)
    for stale in set(folder.glob("*.msgpack")) - set(written):
        stale.unlink()
    return written


if __name__ == "__main__":
    for written in write_prevalidated():
        print(written)
