"""A virtualised list of briefing items, one option per item id."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing_tui import keys


class ItemList(OptionList):
    """An OptionList that never reads its prompts as markup and knows item ids.

    Options whose id is an item id can be highlighted by id; other options
    (year headings) are disabled so the cursor passes over them.
    """

    BINDINGS = keys.LIST

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def set_options(self, options: Iterable[Option]) -> None:
        self.clear_options()
        self.add_options(list(options))

    def highlight_id(self, item_id: str) -> bool:
        """Highlight the option of `item_id`; False when it is not in the list."""
        try:
            self.highlighted = self.get_option_index(item_id)
        except Exception:  # OptionDoesNotExist: the item is filtered out
            return False
        self.scroll_to_highlight()
        return True

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
