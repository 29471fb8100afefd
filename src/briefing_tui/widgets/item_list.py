"""A virtual list of briefing items: rows of fixed height, drawn only when on screen.

Textual's OptionList measures the height of every option (wrapping each
prompt) whenever its width changes or it becomes visible, which grows with
every row (docs/performance.md). Here a row is as tall as its prompt has lines, rows
never wrap (a long line ends in "…"), so the layout of 10,000 rows is a list
of integers and only the rows on screen are ever rendered.

The API follows OptionList where the app uses it (options with ids, disabled
heading rows, ``highlighted``, Highlighted/Selected messages), so panes read
the same as before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate

from textual import events
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing_tui import keys


class OptionDoesNotExist(LookupError):
    """No option has that id (or index)."""


class Option:
    """One row: a prompt of one or more lines, an id, and whether the cursor can land on it.

    The prompt may be given as a function that makes it: it is then made the
    first time the row is drawn (or read), and `lines` says how tall it is.
    A list of 10,000 events builds its rows without making 10,000 prompts.
    """

    __slots__ = ("_prompt", "_make", "id", "disabled", "lines")

    def __init__(
        self,
        prompt: Content | Callable[[], Content],
        id: str | None = None,
        disabled: bool = False,
        *,
        lines: int = 1,
    ) -> None:
        if isinstance(prompt, Content):
            self._prompt: Content | None = prompt
            self._make: Callable[[], Content] | None = None
            self.lines = prompt.plain.count("\n") + 1
        elif callable(prompt):
            self._prompt, self._make, self.lines = None, prompt, lines
        else:
            raise TypeError("ItemList prompts must be Content, never markup")
        self.id = id
        self.disabled = disabled

    def remake(self) -> None:
        """Make the prompt again when next drawn (what it shows has changed)."""
        if self._make is not None:
            self._prompt = None

    @property
    def prompt(self) -> Content:
        if self._prompt is None:
            assert self._make is not None
            self._prompt = self._make()
            if not isinstance(self._prompt, Content):
                raise TypeError("ItemList prompts must be Content, never markup")
        return self._prompt

    def __repr__(self) -> str:
        return f"Option({self.prompt.plain!r}, id={self.id!r}, disabled={self.disabled})"


class ItemList(ScrollView, can_focus=True):
    """A scrolling list of :class:`Option` rows with a cursor.

    Prompts must be :class:`Content` (never markup: briefing text is
    untrusted). Disabled options (year headings, kind headings) are shown
    dimmed and the cursor passes over them.
    """

    BINDINGS = keys.LIST

    COMPONENT_CLASSES = {
        "item-list--option",
        "item-list--option-highlighted",
        "item-list--option-hover",
        "item-list--option-disabled",
    }

    highlighted: reactive[int | None] = reactive(None, init=False)
    """The index of the option under the cursor, or None."""

    @dataclass
    class OptionMessage(Message):
        item_list: ItemList
        option: Option
        option_index: int

        @property
        def control(self) -> ItemList:
            return self.item_list

    class OptionHighlighted(OptionMessage):
        """The cursor moved to another option."""

    class OptionSelected(OptionMessage):
        """The user chose an option (Enter or a click)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._options: list[Option] = []
        self._index_of: dict[str, int] = {}
        #: First line of each option; one more entry: the total height.
        self._starts: list[int] = [0]
        self._hover: int | None = None
        #: (option index, row line, width, state) -> rendered strip.
        self._strips: LRUCache[tuple[int, int, int, str], Strip] = LRUCache(1024)

    # -- options -----------------------------------------------------------------

    @property
    def option_count(self) -> int:
        return len(self._options)

    @property
    def highlighted_option(self) -> Option | None:
        index = self.highlighted
        return self._options[index] if index is not None else None

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def clear_options(self) -> None:
        self.set_options([])

    def set_options(self, options: Iterable[Option]) -> None:
        """Replace every option; the cursor goes to nothing (call :meth:`action_first`)."""
        self._options = []
        self._index_of = {}
        self._starts = [0]
        self._hover = None
        self._strips.clear()
        self.set_reactive(ItemList.highlighted, None)
        self.add_options(options)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def add_options(self, options: Iterable[Option]) -> None:
        new = list(options)
        first = len(self._options)
        self._options.extend(new)
        for index, option in enumerate(new, first):
            if option.id is not None:
                self._index_of[option.id] = index
        self._starts.extend(accumulate((option.lines for option in new), initial=self._starts[-1]))
        del self._starts[first + 1]  # accumulate starts with the total it was given
        self._update_virtual_size()
        self.refresh()

    def get_option(self, option_id: str) -> Option:
        return self._options[self.get_option_index(option_id)]

    def get_option_index(self, option_id: str) -> int:
        try:
            return self._index_of[option_id]
        except KeyError:
            raise OptionDoesNotExist(f"no option with id {option_id!r}") from None

    def get_option_at_index(self, index: int) -> Option:
        try:
            return self._options[index]
        except IndexError:
            raise OptionDoesNotExist(f"no option at index {index}") from None

    def remake(self, option_id: str) -> bool:
        """Draw the row of `option_id` again from its prompt's maker (a note
        marker came or went); False when the list has no such row."""
        index = self._index_of.get(option_id)
        if index is None:
            return False
        self._options[index].remake()
        for key in [key for key in self._strips.keys() if key[0] == index]:  # noqa: SIM118 (an LRUCache: no __iter__)
            self._strips.discard(key)
        self._refresh_option(index)
        return True

    def highlight_id(self, item_id: str) -> bool:
        """Move the cursor to the option of `item_id`; False when it is not in the list."""
        index = self._index_of.get(item_id)
        if index is None:
            return False
        self.highlighted = index
        return True

    # -- cursor ------------------------------------------------------------------

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self._options:
            return None
        return max(0, min(index, len(self._options) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            if index is not None:
                self._refresh_option(index)
        if new is not None:
            self.scroll_to_highlight()
            option = self._options[new]
            if not option.disabled:
                self.post_message(self.OptionHighlighted(self, option, new))

    def scroll_to_highlight(self) -> None:
        index = self.highlighted
        if index is None or not self.size.height:
            return
        first = index
        while first > 0 and self._options[first - 1].disabled and index - first < 3:
            first -= 1  # bring the heading above the row into view with it
        start, end = self._starts[first], self._starts[index + 1]
        self.scroll_to_region(Region(0, start, 1, end - start), animate=False, force=True, immediate=True)

    def _move(self, start: int, step: int) -> None:
        """Put the cursor on the first enabled option from `start` on, going by `step`."""
        options = self._options
        index = start
        while 0 <= index < len(options):
            if not options[index].disabled:
                self.highlighted = index
                return
            index += step

    def action_cursor_down(self) -> None:
        self._move(0 if self.highlighted is None else self.highlighted + 1, 1)

    def action_cursor_up(self) -> None:
        self._move(len(self._options) - 1 if self.highlighted is None else self.highlighted - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._options) - 1, -1)

    def _page(self, direction: int) -> None:
        if not self._options:
            return
        current = self.highlighted if self.highlighted is not None else 0
        line = self._starts[current] + direction * max(1, self.scrollable_content_region.height - 1)
        line = max(0, min(line, self._starts[-1] - 1))
        target = self._option_at_line(line)
        self._move(target, direction)
        if self.highlighted == current:  # only headings that way: try the other way
            self._move(target, -direction)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.OptionSelected(self, self._options[index], index))

    # -- mouse -------------------------------------------------------------------

    def _option_under(self, event: events.MouseEvent) -> int | None:
        line = self.scroll_offset.y + event.y
        if event.y < 0 or line >= self._starts[-1]:
            return None
        return self._option_at_line(line)

    async def _on_click(self, event: events.Click) -> None:
        index = self._option_under(event)
        if index is not None and not self._options[index].disabled:
            self.highlighted = index
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._option_under(event))

    def _on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            old, self._hover = self._hover, index
            for changed in (old, index):
                if changed is not None:
                    self._refresh_option(changed)

    # -- drawing -----------------------------------------------------------------

    def _option_at_line(self, line: int) -> int:
        return bisect_right(self._starts, line) - 1

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._starts[-1])

    def _on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.clear()

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.clear()

    def _refresh_option(self, index: int) -> None:
        start, end = self._starts[index], self._starts[index + 1]
        self.refresh_lines(start, end - start)

    def _state(self, index: int) -> str:
        if self._options[index].disabled:
            return "item-list--option-disabled"
        if index == self.highlighted:
            return "item-list--option-highlighted"
        if index == self._hover:
            return "item-list--option-hover"
        return ""

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        if line >= self._starts[-1]:
            blank = self._strips.get((-1, 0, width, ""))
            if blank is None:
                blank = Strip.blank(width, self.get_visual_style("item-list--option").rich_style)
                self._strips[(-1, 0, width, "")] = blank
            return blank
        index = self._option_at_line(line)
        offset = line - self._starts[index]
        state = self._state(index)
        key = (index, offset, width, state)
        strip = self._strips.get(key)
        if strip is None:
            classes = ("item-list--option", state) if state else ("item-list--option",)
            style = self.get_visual_style(*classes)
            lines = self._options[index].prompt.split("\n", allow_blank=True)
            text = lines[offset] if offset < len(lines) else Content("")
            strip = Strip(text.truncate(width, ellipsis=True, pad=True).render_segments(style), width)
            self._strips[key] = strip
        return strip
