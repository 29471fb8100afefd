"""Messages the briefing screen sends down to its panes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from briefing_tui.model.items import ItemIndex


@dataclass
class BriefingCompleted(Message, bubble=False):
    """The briefing is whole: its timeline, read after the first paint, is in
    `index` (or could not be read: `problem` says why). The screen posts it to
    each pane and to the detail pane, which take the new index."""

    index: ItemIndex
    problem: str | None = None
