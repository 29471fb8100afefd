"""The search bar and its results, shown in place of the panes while open.

It builds the briefing's search index in a worker when it is given the
briefing (:meth:`SearchPanel.index_briefing`), keeps the notes in it current,
and remembers the hits of the search the reader opened, for n/N. Each
keystroke starts a search in a worker and cancels the one before; a result
that arrives for an older query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from briefing_tui import keys
from briefing_tui.model.live_index import LiveIndex
from briefing_tui.model.query import QueryError
from briefing_tui.model.schema import Briefing
from briefing_tui.model.search import Hit, SearchResult
from briefing_tui.textsafe import one_line
from briefing_tui.widgets.item_list import ItemList, Option
from briefing_tui.widgets.render import highlighted, highlighted_line
from briefing_tui.widgets.safe import SafeInput

#: How many hits the list shows; the count always says how many there are.
SHOWN = 60
#: The detail pane previews the highlighted result once typing pauses this long.
PREVIEW_DELAY = 0.12
KIND_HEADINGS = {
    "recommendation": "Recommendations",
    "event": "Timeline",
    "fact": "Key facts",
    "section": "Sections",
    "source": "Sources",
    "note": "Notes",
}

#: (query text, how many hits, prepare) -> prepare(result), run under the index's lock.
Searcher = Callable[[str, int, "Callable[[SearchResult], Prepared]"], "Prepared"]


@dataclass
class Prepared:
    """A search result with its list options built (in the worker, off the UI thread)."""

    result: SearchResult
    options: list[Option]
    by_option: dict[str, Hit]


def prepare(result: SearchResult) -> Prepared:
    """The result list's options: a heading per kind, then its hits."""
    options: list[Option] = []
    by_option: dict[str, Hit] = {}
    kind = None
    for number, hit in enumerate(result.hits):
        if hit.kind != kind:
            kind = hit.kind
            heading = f"── {KIND_HEADINGS.get(kind, kind)} ({result.counts.get(kind, 0)}) ──"
            options.append(Option(Content.styled(heading, "bold"), id=f"kind:{kind}", disabled=True))
        option_id = f"hit:{number}"
        by_option[option_id] = hit
        options.append(Option(hit_prompt(hit), id=option_id))
    return Prepared(result, options, by_option)


def hit_prompt(hit: Hit) -> Content:
    """Label, title with its matches highlighted, and a line of context."""
    title = highlighted_line(hit.title, hit.title_spans)
    parts = [Content.styled(f"{one_line(hit.label)} ", "bold"), title.stylize("bold")]
    snippet = hit.snippet
    if snippet and hit.snippet_field != "title":
        context = highlighted(snippet, hit.snippet_spans) if "\n" not in snippet else Content(one_line(snippet))
        parts += [Content("\n   "), context.stylize("dim")]
    return Content.assemble(*parts)


class SearchPanel(Vertical):
    """Input, status line (count, 'no matches', or what is wrong), results."""

    BINDINGS = keys.SEARCH

    @dataclass
    class Highlighted(Message):
        panel: SearchPanel
        hit: Hit | None

    @dataclass
    class Chosen(Message):
        panel: SearchPanel
        hit: Hit
        hits: list[Hit]

    @dataclass
    class Closed(Message):
        panel: SearchPanel

    @dataclass
    class _Indexed(Message):
        index: LiveIndex

    @dataclass
    class _Done(Message):
        text: str
        result: Prepared | None
        error: QueryError | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.searcher: Searcher | None = None
        self.index: LiveIndex | None = None
        self._indexing: Briefing | None = None
        #: The hits of the last opened search, that n/N step through.
        self.stepping: list[Hit] = []
        self.position = 0
        #: The query whose answer is on show (None before the first).
        self.answered: str | None = None
        self.hits: list[Hit] = []
        self._by_option: dict[str, Hit] = {}
        self._preview: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SafeInput(
            placeholder='Search: words, "a phrase", in:recs tag: actor: year:2006..2009 #4', id="search-input"
        )
        yield Static("", id="search-status")
        yield ItemList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def open(self) -> None:
        self.display = True
        self.input.focus()
        if self.searcher is None:
            self._status("Indexing the briefing…")
        elif self.input.value:
            self._start(self.input.value)

    # -- the index ------------------------------------------------------------------

    def index_briefing(self, briefing: Briefing, notes: dict[str, str]) -> None:
        """Build the index of `briefing` (complete) and `notes`, in a worker."""
        if self._indexing is briefing or (self.index is not None and self.index.briefing is briefing):
            return
        self._indexing = briefing
        self._build(briefing, notes)

    @work(thread=True, exclusive=True, group="search-index")
    def _build(self, briefing: Briefing, notes: dict[str, str]) -> None:
        index = LiveIndex(briefing, notes)
        if not get_current_worker().is_cancelled:
            self.post_message(self._Indexed(index))

    @on(_Indexed)
    def _indexed(self, event: _Indexed) -> None:
        self.index = event.index
        self._indexing = None
        self.searcher = event.index.search
        if self.display:
            self._start(self.input.value)

    def set_notes(self, notes: dict[str, str]) -> None:
        """Notes were read again (all of them)."""
        if self.index is not None:
            self.index.set_notes(notes)

    def set_note(self, item_id: str, body: str | None) -> None:
        """One note was saved (None: deleted)."""
        if self.index is not None:
            self.index.set_note(item_id, body)

    # -- n / N after a search ----------------------------------------------------------

    def start_stepping(self, hit: Hit, hits: list[Hit]) -> None:
        self.stepping = list(hits)
        self.position = hits.index(hit) if hit in hits else 0

    def step(self, delta: int) -> Hit | None:
        """The next (or previous) hit of the opened search, round the end."""
        if not self.stepping:
            return None
        self.position = (self.position + delta) % len(self.stepping)
        return self.stepping[self.position]

    def stop_stepping(self) -> bool:
        """Forget the opened search's hits; False if there were none."""
        had = bool(self.stepping)
        self.stepping = []
        return had

    def _step_keys(self) -> str:
        keymap = getattr(self.app, "keymap", None) or {}
        return f"{keys.shown_key('search-next', keymap)}/{keys.shown_key('search-previous', keymap)}"

    def _status(self, text: str | Content, style: str = "") -> None:
        status = self.query_one("#search-status", Static)
        status.update(Content.styled(text, style) if isinstance(text, str) else text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._start(event.value)

    def _start(self, text: str) -> None:
        if self.searcher is None:
            return
        if not text.strip():
            self._show(text, None, None)
            return
        self._search(text)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        worker = get_current_worker()
        assert self.searcher is not None
        try:
            result, error = self.searcher(text, SHOWN, prepare), None
        except QueryError as caught:
            result, error = None, caught
        if not worker.is_cancelled:
            self.post_message(self._Done(text, result, error))

    @on(_Done)
    def _done(self, event: _Done) -> None:
        if event.text != self.input.value:
            return  # an older query: a newer one is on its way
        self._show(event.text, event.result, event.error)

    def _show(self, text: str, prepared: Prepared | None, error: QueryError | None) -> None:
        #: The query whose answer is on show.
        self.answered = text
        results = self.query_one("#search-results", ItemList)
        if error is not None:
            caret = " " * (error.position + len("Search: ")) if error.position is not None else ""
            self._status(
                Content.assemble(
                    (f"Search: {one_line(text)}\n{caret}^ ", "dim"), (one_line(error.message), "bold $text-error")
                )
            )
            return
        if prepared is None:
            self.hits = []
            results.clear_options()
            self._status("Type to search the whole briefing; Enter opens a result, Escape goes back.", "$text-muted")
            self._preview_later(None)
            return
        result = prepared.result
        self.hits = list(result.hits)
        self._by_option = prepared.by_option
        results.set_options(prepared.options)
        if self.hits:
            results.action_first()
        total = result.total
        if total == 0:
            self._status("No matches.", "bold $text-warning")
            self._preview_later(None)
        else:
            shown = f" (showing the first {len(self.hits)})" if result.truncated else ""
            step = self._step_keys()
            self._status(
                f"{total:,} match{'es' if total != 1 else ''}{shown} — Enter opens, {step} then step through them",
                "$text-muted",
            )

    @on(ItemList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: ItemList.OptionHighlighted) -> None:
        event.stop()
        self._preview_later(self._by_option.get(event.option.id or ""))

    def _preview_later(self, hit: Hit | None) -> None:
        """Preview `hit` once typing or arrowing pauses: previewing renders a whole item."""
        self._cancel_preview()
        self._preview = self.set_timer(PREVIEW_DELAY, lambda: self.post_message(self.Highlighted(self, hit)))

    @on(ItemList.OptionSelected, "#search-results")
    def _selected(self, event: ItemList.OptionSelected) -> None:
        event.stop()
        hit = self._by_option.get(event.option.id or "")
        if hit is not None:
            self._cancel_preview()
            self.post_message(self.Chosen(self, hit, self.hits))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one("#search-results", ItemList)
        option = results.highlighted_option
        if option is not None and option.id in self._by_option:
            self._cancel_preview()
            self.post_message(self.Chosen(self, self._by_option[option.id], self.hits))

    def action_results_down(self) -> None:
        self.query_one("#search-results", ItemList).action_cursor_down()

    def action_results_up(self) -> None:
        self.query_one("#search-results", ItemList).action_cursor_up()

    def _cancel_preview(self) -> None:
        if self._preview is not None:
            self._preview.stop()
            self._preview = None

    def action_close(self) -> None:
        self._cancel_preview()
        self.post_message(self.Closed(self))
