"""The note section of the detail pane: the item's note, and its editor.

It is handed a :class:`NoteSession` for the item on show and never opens the
database. Typing is saved once it pauses for :data:`SAVE_IDLE`, and never
later than :data:`SAVE_MAX_WAIT` after the first keystroke not yet saved, so
steady typing is saved too; leaving the editor saves at once.

A save that fails, or that finds the note changed in another window, posts
:class:`NoteSection.Failed` with the text, which the app keeps in the recovery
file at once. A conflict found while the reader types does not interrupt
them: the status line says so, the text is kept, and the choice (keep both,
mine, theirs) is asked when they leave the editor.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Label, Static

from briefing_tui import keys
from briefing_tui.textsafe import one_line, strip_control

if TYPE_CHECKING:
    from textual.widgets import TextArea

    from briefing_tui.notes.note import Note
    from briefing_tui.notes.session import NoteSession, SaveResult

#: Seconds of quiet after a keystroke before what is typed is saved.
SAVE_IDLE = 0.4
#: At most this many seconds from the first unsaved keystroke to its save,
#: however steadily the reader types (the store's write comes on top). Half
#: the promised second: the other half is for a busy event loop (a pane being
#: built just after opening, a collection, a loaded machine).
SAVE_MAX_WAIT = 0.5
#: Seconds between looks at the store for a note another window changed.
STORE_CHECK = 2.0
#: A save due sooner than this runs at once rather than on a timer.
MIN_TIMER = 0.005


class NoteSection(Vertical):
    """Shows the note of one item; `edit()` turns it into an editor."""

    @dataclass
    class Saved(Message):
        """The note on `item_id` is now `note` (None: deleted)."""

        item_id: str
        note: Note | None

    @dataclass
    class Failed(Message):
        """A save did not go through; the text is kept in the editor."""

        item_id: str
        text: str
        message: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session: NoteSession | None = None
        self._timer: Timer | None = None
        #: When the first keystroke not yet saved was typed (monotonic), if any.
        self._dirty_since: float | None = None
        #: A conflict found while typing, not yet answered.
        self.conflict: SaveResult | None = None
        self.editing = False
        self.problem = ""
        self._note_key = "note-edit"

    @property
    def note_key(self) -> str:
        """The id of the binding the button names (the screen swaps it while
        n steps through search hits)."""
        return self._note_key

    @note_key.setter
    def note_key(self, binding_id: str) -> None:
        if binding_id != self._note_key:
            self._note_key = binding_id
            if self.is_mounted:
                self._refresh_view()

    def compose(self) -> ComposeResult:
        with Horizontal(id="note-header"):
            yield Label("", id="note-status")
            yield Button("Add note", id="note-edit", compact=True)
            yield Button("Delete", id="note-delete", compact=True, variant="error")
        yield Static("", id="note-text")

    def on_mount(self) -> None:
        self.display = False
        # Another window may change the note on show: look every few seconds.
        self.set_interval(STORE_CHECK, self._check_store)

    def _check_store(self) -> None:
        """Show the stored note if another window changed it (not while typing:
        the conflict handling has that case)."""
        from briefing_tui.notes.errors import NotesError

        session = self.session
        if session is None or self.editing or not self.display:
            return
        try:
            current = session.store.get(session.briefing_id, session.item_id)
        except (NotesError, sqlite3.Error):
            return
        shown = session.note
        stored_now = (current.version, current.body) if current is not None else None
        on_screen = (shown.version, shown.body) if shown is not None else None
        if stored_now != on_screen:
            session.reload()
            self._refresh_view()
            self.post_message(self.Saved(session.item_id, session.note))

    @property
    def editor(self) -> TextArea | None:
        """The editor, once it has been opened (it is created on first use)."""
        from textual.widgets import TextArea

        editors = self.query("#note-editor").results(TextArea)
        return next(editors, None)

    # -- what is shown ---------------------------------------------------------------

    def show_session(self, session: NoteSession | None) -> None:
        """Show `session`'s note (saving the one being edited first)."""
        self.flush()
        self._stop_editor()
        self.session = session
        self.problem = ""
        self.conflict = None
        self.display = session is not None
        self._refresh_view()

    def _refresh_view(self) -> None:
        session = self.session
        if session is None:
            return
        note = session.note
        has_note = note is not None
        self.set_class(self.editing, "-editing")
        text = self.query_one("#note-text", Static)
        text.update(Content(strip_control(note.body)) if note is not None else "")
        text.display = has_note and not self.editing
        key = keys.shown_key(self.note_key, getattr(self.app, "keymap", None) or {})
        self.query_one("#note-edit", Button).label = f"{'Edit' if has_note else 'Add'} note ({key})"
        self.query_one("#note-edit", Button).display = not self.editing
        self.query_one("#note-delete", Button).display = has_note and not self.editing and not session.read_only
        self._set_status()

    def _set_status(self, detail: str = "") -> None:
        session = self.session
        if session is None:
            return
        label = self.query_one("#note-status", Label)
        if self.conflict is not None:
            status = Content.styled(
                "Note — another window changed it: your text is kept; Escape to choose what to keep",
                "bold $text-warning",
            )
        elif self.problem:
            status = Content.styled(f"Note — NOT SAVED: {one_line(self.problem)}", "bold $text-error")
        elif session.read_only:
            problem = one_line(session.store.problem or "notes cannot be saved")
            status = Content.styled(f"Note — read-only: {problem}", "$text-warning")
        elif detail:
            status = Content.styled(f"Note — {detail}", "$text-muted")
        elif session.note is not None:
            when = session.note.updated_at.astimezone().strftime("%d %b %H:%M")
            status = Content.styled(f"Note · edited {when}", "$text-muted")
        else:
            status = Content.styled("Note", "$text-muted")
        label.update(status)

    # -- editing -------------------------------------------------------------------

    async def edit(self) -> None:
        if self.session is None:
            return
        editor = self.editor
        if editor is None:
            from briefing_tui.widgets.safe import SafeTextArea  # draws the note presented, keeps it exact

            editor = SafeTextArea("", id="note-editor", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            await self.mount(editor)
        if not self.editing:
            self.editing = True
            editor.load_text(self.session.note.body if self.session.note else "")
            editor.display = True
            self._refresh_view()
        editor.move_cursor(editor.document.end)
        editor.focus()
        self.call_after_refresh(editor.focus)  # after a click has focused the button

    @property
    def editor_text(self) -> str:
        editor = self.editor
        return editor.text if editor is not None else ""

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.editing or self.session is None:
            return
        self._cancel_timer()
        if not self.session.dirty(self.editor_text) and self.conflict is None:
            self._dirty_since = None
            self._set_status("editing: saved as you type; Escape when done")
            return
        now = monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        due = min(now + SAVE_IDLE, self._dirty_since + SAVE_MAX_WAIT)
        if due - now < MIN_TIMER:
            # Overdue (the loop was busy past the maximum wait): save now. Not
            # a timer of 0 s: Textual 8.2.8's one-shot timer with no delay
            # never fires (its task dies dividing by the interval).
            self._set_status("editing…")
            self.autosave()
            return
        self._timer = self.set_timer(due - now, self.autosave)
        self._set_status("editing…")

    @property
    def pending(self) -> bool:
        """Whether an autosave is due (what is typed is not saved yet)."""
        return self._timer is not None

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.editor:
            self.flush()

    def autosave(self) -> None:
        """The timer's save: never interrupts the reader with a question."""
        self.flush(ask=False)

    def flush(self, *, ask: bool = True) -> SaveResult | None:
        """Save what is typed now, if anything changed. A conflict is asked
        about when `ask`, else kept for later (the text goes to recovery)."""
        self._cancel_timer()
        self._dirty_since = None
        session = self.session
        if not self.editing or session is None:
            return None
        if self.conflict is not None:  # unanswered: do not write over theirs
            self.post_message(self.Failed(session.item_id, self.editor_text, "changed in another window"))
            if ask:
                self._ask_about_conflict(self.conflict)
            return self.conflict
        result = session.save(self.editor_text)
        self._handle(result, ask=ask)
        return result

    def _handle(self, result: SaveResult, *, ask: bool = True) -> None:
        session = self.session
        assert session is not None
        if result.outcome == "saved":
            self.problem = ""
            self._set_status("saved" + (" (Escape when done)" if self.editing else ""))
            self.post_message(self.Saved(session.item_id, result.note))
        elif result.outcome == "conflict":
            self.conflict = result
            self._set_status()
            self.post_message(self.Failed(session.item_id, self.editor_text, "changed in another window"))
            if ask:
                self._ask_about_conflict(result)
        elif result.outcome == "failed":
            self.problem = result.message
            self._set_status()
            self.post_message(self.Failed(session.item_id, self.editor_text, result.message))

    def _ask_about_conflict(self, result: SaveResult) -> None:
        from briefing_tui.widgets.dialogs import ConflictScreen

        session = self.session
        assert session is not None
        mine = self.editor_text
        preview = result.theirs.body[:400] if result.theirs else "(the other window deleted the note)"

        def resolved(choice: str | None) -> None:
            from briefing_tui.notes.session import NoteSession

            here = self.session is session
            if here:
                self.conflict = None
            if choice == "theirs":
                session.reload()
                if here and self.editing and self.editor is not None:
                    self.editor.load_text(session.saved_text)
                if here:
                    self._refresh_view()
                    self._set_status("reloaded from the other window")
                self.post_message(self.Saved(session.item_id, session.note))
                return
            text = mine if choice == "mine" else NoteSession.merged(mine, result.theirs)
            outcome = session.overwrite(text)
            if here:
                if self.editing and self.editor is not None:
                    self.editor.load_text(text)
                self._refresh_view()
                self._handle(outcome)
            elif outcome.outcome == "saved":  # the reader has moved on: store it all the same
                self.post_message(self.Saved(session.item_id, outcome.note))
            else:
                self.post_message(self.Failed(session.item_id, text, outcome.message))

        self.app.push_screen(ConflictScreen(session.label, preview), resolved)

    def stop_editing(self) -> None:
        self.flush()
        self._stop_editor()
        self._refresh_view()

    def _stop_editor(self) -> None:
        # A failed save has already been reported with its text (Failed), and
        # the app keeps that text for a recovery file: the editor can close.
        self.editing = False
        if self.editor is not None:
            self.editor.display = False

    @on(Button.Pressed, "#note-edit")
    async def _edit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.edit()

    @dataclass
    class DeleteRequested(Message):
        item_id: str

    @on(Button.Pressed, "#note-delete")
    def _delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.session is not None:
            self.post_message(self.DeleteRequested(self.session.item_id))

    def refresh_from_store(self) -> None:
        """Re-read the note (after a delete or an undo)."""
        if self.session is not None and not self.editing:
            self.session.reload()
            self._refresh_view()
