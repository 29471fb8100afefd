"""The UI side of the presenter (:mod:`briefing_tui.textsafe`): widgets and a
notify that cannot forget it.

* :func:`notify_safe` - ``node.notify`` with the message and title presented
  and ``markup=False``;
* :class:`SafeInput` - an Input that draws its value presented (the value
  itself, a real path say, is kept as given);
* :class:`SafeTextArea` - a TextArea that draws its text presented, one
  character for one, while the text it holds (and returns) is exactly what was
  loaded and typed.

Textual draws an Input's value and a TextArea's lines as they are: an ESC in
them goes straight to the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import App
from textual.document._document import Document
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.widget import Widget
from textual.widgets import Input, TextArea

from briefing_tui.textsafe import literal_line, one_line, present, replace_control


def notify_safe(node: Widget | App[Any], message: str, *, title: str = "", **kwargs: Any) -> None:
    """``node.notify(message, ...)``, untrusted parts and all: never markup, no raw control character."""
    node.notify(present(message), title=one_line(title), markup=False, **kwargs)


class SafeInput(Input):
    """An Input whose value is drawn with every control character replaced,
    one for one and one cell each (so the cursor stays under its character)."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(literal_line(self.value), no_wrap=True, overflow="ignore", end="")

    def _position_to_cell(self, position: int) -> int:
        return cell_len(literal_line(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell = 0
        for index, char in enumerate(literal_line(self.value)):
            width = cell_len(char)
            if cell <= offset < cell + width:
                return index
            cell += width
        return max(0, min(offset, len(self.value)))


#: Line breaks as a TextArea's document keeps them (str.splitlines would also
#: split at form feeds, file separators, NEL, LS...: a note would not come back
#: as it was stored).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class ShownDocument(Document):
    """A document that holds its text exactly and shows it presented: `text`
    and every range are the real text; lines, as read for drawing, wrapping
    and moving the cursor, have their control characters replaced one for one."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._lines = _LINE_BREAK.split(text)

    @property
    def lines(self) -> list[str]:
        return [replace_control(line) for line in self._lines]

    def __getitem__(self, line_index: int | slice) -> Any:
        if isinstance(line_index, slice):
            return [replace_control(line) for line in self._lines[line_index]]
        return replace_control(self._lines[line_index])


class SafeTextArea(TextArea):
    """A TextArea for untrusted text: what it draws is presented; what it holds is not touched."""

    def _set_document(self, text: str, language: str | None) -> None:
        super()._set_document(text, language)
        if type(self.document) is Document:
            document = ShownDocument(text)
            self.document = document
            self.wrapped_document = WrappedDocument(document, tab_width=self.indent_width)
            self.navigator = DocumentNavigator(self.wrapped_document)
            self._build_highlight_map()
            self.move_cursor((0, 0))
            self._rewrap_and_refresh_virtual_size()

    def get_line(self, line_index: int) -> Text:
        # The document's lines are presented already; this says so where it is drawn.
        return Text(replace_control(self.document.get_line(line_index)), end="", no_wrap=True)
