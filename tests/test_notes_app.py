"""Notes in the app: the editor, autosave, markers, the Notes pane, deleting,
two windows, orphaned notes, read-only storage, and export."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.app import make_app
from briefing_tui.model.loader import load_briefing
from briefing_tui.notes.store import GENERAL_NOTE, NoteStore
from briefing_tui.widgets.dialogs import ConfirmScreen, ConflictScreen, ExportScreen
from briefing_tui.widgets.item_list import ItemList
from briefing_tui.widgets.note_editor import SAVE_IDLE, SAVE_MAX_WAIT, NoteSection
from tests.conftest import BUNDLED, MINIMAL, wait_until

SIZE = (120, 40)
BID = "belarus-netherlands"


def app_with_notes(notes_path: Path, briefing_path: Path = BUNDLED):
    return make_app(briefing=load_briefing(briefing_path), path=briefing_path, notes_path=notes_path)


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("enter" if char == "\n" else "space" if char == " " else char)


async def wait_saved(pilot) -> None:
    """Until the note section's autosave has run (saved, or kept as unsaved)."""
    section = pilot.app.screen.query_one(NoteSection)
    await pilot.pause()
    await wait_until(pilot, lambda: not section.pending, "the autosave", step=0.05)
    await pilot.pause()


def prompt_text(item_list: ItemList, option_id: str) -> str:
    return str(item_list.get_option(option_id).prompt)


async def test_n_opens_the_editor_and_typing_is_saved_without_leaving(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    app = app_with_notes(db)
    rec = bundled_briefing.recommendations[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "note-editor"
        await type_text(pilot, "Ask the MFA\nabout this")
        await wait_saved(pilot)
        with NoteStore(db) as store:
            note = store.get(BID, rec.id)
            assert note is not None and note.body == "Ask the MFA\nabout this"
            assert note.item_label.startswith("Recommendation 1 — ")
        # The list shows a marker on the item.
        recs = app.screen.query_one("#recommendations-list", ItemList)
        assert "✎" in prompt_text(recs, rec.id)
        assert "✎" not in prompt_text(recs, bundled_briefing.recommendations[1].id)
        # Escape leaves the editor, back to the list; the note is shown.
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is recs
        assert "Ask the MFA" in str(app.screen.query_one("#note-text").render())


async def test_a_save_already_overdue_when_a_key_comes_is_made_at_once(tmp_path, bundled_briefing, monkeypatch):
    """A key that arrives after the maximum wait has passed (a busy loop) is
    saved with it; no timer of 0 s, which Textual never fires."""
    from briefing_tui.widgets import note_editor

    monkeypatch.setattr(note_editor, "SAVE_MAX_WAIT", 0.0)  # every key is overdue
    db = tmp_path / "notes.sqlite3"
    app = app_with_notes(db)
    rec = bundled_briefing.recommendations[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "overdue")
        await wait_saved(pilot)
        with NoteStore(db) as store:
            note = store.get(BID, rec.id)
            assert note is not None and note.body == "overdue"


async def test_leaving_the_editor_saves_at_once(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "quick")
        await pilot.press("escape")  # well before the autosave delay
        await pilot.pause()
        with NoteStore(db) as store:
            assert store.get(BID, bundled_briefing.timeline[0].id).body == "quick"


async def test_quitting_saves_what_is_being_typed(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await type_text(pilot, "last words")
        await app.action_quit()
    with NoteStore(db) as store:
        assert store.get(BID, bundled_briefing.recommendations[0].id).body == "last words"


async def test_the_add_note_button_works_with_the_mouse(tmp_path):
    app = app_with_notes(tmp_path / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#note-edit")
        await pilot.pause()
        assert app.focused.id == "note-editor"


async def test_notes_pane_lists_notes_in_briefing_order_and_jumps(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    event, rec = bundled_briefing.timeline[3], bundled_briefing.recommendations[4]
    with NoteStore(db) as store:
        store.save(BID, rec.id, "on the recommendation", expected_version=0)
        store.save(BID, event.id, "on the event\nsecond line", expected_version=0)
        store.save(BID, GENERAL_NOTE, "general thoughts", expected_version=0)
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        notes = app.screen.query_one("#notes-list", ItemList)
        ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
        assert ids == ["note:general", rec.id, event.id], "recommendations first, as the app leads with them"
        assert "on the event" in prompt_text(notes, event.id) and "edited" in prompt_text(notes, event.id)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        screen = app.screen
        assert screen.tabs.active == "timeline"
        assert screen.detail.item_id == event.id
        assert "on the event" in str(screen.query_one("#note-text").render())


async def test_general_note_with_nothing_selected(tmp_path, write_file):
    db = tmp_path / "notes.sqlite3"
    path = write_file("format: 1\nmeta:\n  id: bare\n  title: Bare\n  parties: [A]\n  as_of: '2020'\n  summary: S.\n")
    app = app_with_notes(db, path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "about the whole briefing")
        await pilot.press("escape")
        await pilot.pause()
    with NoteStore(db) as store:
        assert store.get("bare", GENERAL_NOTE).body == "about the whole briefing"


async def test_deleting_a_note_asks_first(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    with NoteStore(db) as store:
        store.save(BID, rec.id, "to be deleted", expected_version=0)
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no
        await pilot.pause()
        with NoteStore(db) as store:
            assert store.get(BID, rec.id) is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        with NoteStore(db) as store:
            assert store.get(BID, rec.id) is None
        recs = app.screen.query_one("#recommendations-list", ItemList)
        assert "✎" not in prompt_text(recs, rec.id)


async def provoke_conflict(pilot, db: Path, item_id: str, more: str) -> None:
    """Save "mine" on the first recommendation, let another window save
    "theirs" over it, type `more` and let the editor try to save; then leave
    the editor (Escape), where the reader is asked."""
    await pilot.pause()
    await pilot.press("n")
    await type_text(pilot, "mine")
    await wait_saved(pilot)
    with NoteStore(db) as other:
        other.save(BID, item_id, "theirs", expected_version=other.get(BID, item_id).version)
    await type_text(pilot, more)
    await wait_saved(pilot)
    app = pilot.app
    assert app.focused.id == "note-editor", "typing is not interrupted by a dialog"
    assert "another window changed it" in str(app.screen.query_one("#note-status").render())
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(app.screen, ConflictScreen), "the conflict dialog")


async def test_two_windows_conflict_keeps_both(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await provoke_conflict(pilot, db, rec.id, " more")
        with NoteStore(db) as other:
            assert other.get(BID, rec.id).body == "theirs", "nothing overwritten before the user chooses"
        await pilot.click("#conflict-both")
        await pilot.pause()
        with NoteStore(db) as other:
            body = other.get(BID, rec.id).body
        assert "mine more" in body and "theirs" in body


async def test_two_windows_conflict_reload_theirs(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await provoke_conflict(pilot, db, rec.id, "!")
        await pilot.click("#conflict-theirs")
        await pilot.pause()
        assert str(app.screen.query_one("#note-text").render()) == "theirs"
        assert not app.recovery, "nothing left to recover: the reader chose theirs"
        with NoteStore(db) as other:
            assert other.get(BID, rec.id).body == "theirs"


async def test_orphaned_notes_are_kept_and_listed(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    with NoteStore(db) as store:
        store.save(BID, "rec-that-was-removed", "still here", expected_version=0, item_label="Recommendation 10 — Gone")
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        notes = app.screen.query_one("#notes-list", ItemList)
        ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
        assert ids == ["heading:orphans", "orphan:rec-that-was-removed", "note:general"]
        assert "Recommendation 10 — Gone" in prompt_text(notes, "orphan:rec-that-was-removed")
        await pilot.pause()
        assert "ORPHANED NOTE" in str(app.screen.query_one("#detail-body").render())
        assert "still here" in str(app.screen.query_one("#note-text").render())


async def test_unwritable_notes_keep_the_app_running_and_the_text(tmp_path, monkeypatch, bundled_briefing):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.chdir(tmp_path)
    app = app_with_notes(blocker / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.notes.read_only
        await pilot.press("n")
        await type_text(pilot, "precious words")
        await wait_saved(pilot)
        assert app.is_running
        assert "NOT SAVED" in str(app.screen.query_one("#note-status").render())
        assert app.recovery.notes[(BID, bundled_briefing.recommendations[0].id)][1] == "precious words"
        await app.action_quit()
    assert app.recovery_file is not None
    assert "precious words" in app.recovery_file.read_text(encoding="utf-8")


async def test_export_from_the_app_asks_where_and_refuses_silent_overwrite(tmp_path, monkeypatch, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[3]
    with NoteStore(db) as store:
        store.save(BID, rec.id, "export me", expected_version=0)
    monkeypatch.chdir(tmp_path / "..")  # not where the export goes: the current folder means nothing
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))  # the bundled briefing's notes: to Documents
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#export-path").value == str(tmp_path / f"{BID}-notes.md")
        await pilot.press("enter")
        await pilot.pause()
        out = tmp_path / f"{BID}-notes.md"
        text = out.read_text(encoding="utf-8")
        assert f"## Recommendation 4 — {rec.title}" in text and "export me" in text
        # Again: the file exists now, so the app asks before replacing it.
        out.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert out.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")  # export dialog is still open: confirm this time
        await pilot.pause()
        await pilot.click("#confirm-yes")
        await pilot.pause()
        assert "export me" in out.read_text(encoding="utf-8")


async def test_markers_appear_in_every_list(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    fact, section = bundled_briefing.overview.facts[0], bundled_briefing.overview.sections[0]
    event, source = bundled_briefing.timeline[0], bundled_briefing.sources[0]
    with NoteStore(db) as store:
        for item_id in (fact.id, section.id, event.id, source.id):
            store.save(BID, item_id, "n", expected_version=0)
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("1", "2", "4"):
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert "✎" in prompt_text(screen.query_one("#sections-list", ItemList), section.id)
        assert "✎" in prompt_text(screen.query_one("#timeline-list", ItemList), event.id)
        assert "✎" in prompt_text(screen.query_one("#sources-list", ItemList), source.id)
        table = screen.query_one("#facts-table")
        assert "✎" in str(table.get_cell(fact.id, "label"))


def test_note_section_saves_within_a_second_of_any_keystroke():
    assert SAVE_IDLE <= SAVE_MAX_WAIT < 1.0


async def test_minimal_briefing_notes_are_per_briefing(tmp_path, write_file):
    db = tmp_path / "notes.sqlite3"
    with NoteStore(db) as store:
        store.save(BID, "rec-one", "belongs to another briefing", expected_version=0)
    app = app_with_notes(db, write_file(MINIMAL))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        listed = app.screen.query_one("#notes-list")
        assert [listed.get_option_at_index(i).id for i in range(listed.option_count)] == ["note:general"]
        assert "No notes yet" in str(app.screen.query_one("#notes-empty").render())


async def test_typing_on_after_a_conflict_loses_no_key_and_keeps_the_text(tmp_path, bundled_briefing):
    """The autosave finds the note changed elsewhere while the reader types:
    no dialog takes the keys; every key lands in the editor, the text is in
    the recovery file at once, and nothing of theirs is overwritten."""
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "mine")
        await wait_saved(pilot)
        with NoteStore(db) as other:
            other.save(BID, rec.id, "theirs", expected_version=other.get(BID, rec.id).version)
        await type_text(pilot, " one")
        await wait_saved(pilot)  # the conflict is found here
        later = " and seventeen more keys"
        await type_text(pilot, later)
        await wait_saved(pilot)
        editor = app.screen.query_one("#note-editor")
        assert editor.text == "mine one" + later, "no key was dropped"
        assert app.recovery.notes[(BID, rec.id)][1] == "mine one" + later
        assert "mine one" + later in app.recovery.path.read_text(encoding="utf-8")
        with NoteStore(db) as other:
            assert other.get(BID, rec.id).body == "theirs"


async def test_quitting_during_a_conflict_keeps_the_text_and_exits_non_zero(tmp_path, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    rec = bundled_briefing.recommendations[0]
    app = app_with_notes(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await type_text(pilot, "mine")
        await wait_saved(pilot)
        with NoteStore(db) as other:
            other.save(BID, rec.id, "theirs", expected_version=other.get(BID, rec.id).version)
        await type_text(pilot, " typed last")
        await pilot.press("ctrl+q")  # quit at once, the autosave not yet run
        await pilot.pause()
    assert app.return_code == 1, "a note not in the store is no success"
    assert app.recovery_file is not None
    assert "mine typed last" in app.recovery_file.read_text(encoding="utf-8")
    with NoteStore(db) as other:
        assert other.get(BID, rec.id).body == "theirs"


async def test_quitting_at_once_after_typing_on_a_read_only_store_keeps_every_key(tmp_path, bundled_briefing):
    from tests.faults import read_only_folder

    with NoteStore(tmp_path / "made.sqlite3") as store:
        store.save(BID, "other", "x", expected_version=0)
    data = (tmp_path / "made.sqlite3").read_bytes()
    with read_only_folder(tmp_path / "ro", files={"notes.sqlite3": data}) as ro:
        app = app_with_notes(ro / "notes.sqlite3")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await type_text(pilot, "every key counts")
            await pilot.press("ctrl+q")  # before any autosave: the first failed save is the quit's
            await pilot.pause()
    assert app.return_code == 1
    assert app.recovery_file is not None
    assert "every key counts" in app.recovery_file.read_text(encoding="utf-8")


async def test_an_export_to_a_full_disk_keeps_the_dialog_open_with_the_path(tmp_path, monkeypatch, bundled_briefing):
    from tests.faults import full_folder

    db = tmp_path / "notes.sqlite3"
    with NoteStore(db) as store:
        store.save(BID, bundled_briefing.recommendations[3].id, "export me", expected_version=0)
    monkeypatch.chdir(tmp_path)
    app = app_with_notes(db)
    with full_folder(tmp_path / "full") as full:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
            box = app.screen.query_one("#export-path")
            box.value = str(full / "new.md")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen), "the dialog stays open"
            assert box.value == str(full / "new.md"), "with the typed path"
            assert "No space left" in str(app.screen.query_one("#export-problem").render())


async def test_an_export_says_which_typed_notes_it_could_not_hold(tmp_path, monkeypatch, bundled_briefing):
    from tests.faults import read_only_folder

    rec = bundled_briefing.recommendations[0]
    with NoteStore(tmp_path / "made.sqlite3") as store:
        store.save(BID, bundled_briefing.recommendations[3].id, "saved earlier", expected_version=0)
    data = (tmp_path / "made.sqlite3").read_bytes()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))  # where the bundled briefing's export goes
    with read_only_folder(tmp_path / "ro", files={"notes.sqlite3": data}) as ro:
        app = app_with_notes(ro / "notes.sqlite3")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await type_text(pilot, "typed but not saved")
            await wait_saved(pilot)
            await pilot.press("escape")
            await pilot.press("e")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
            await pilot.press("enter")
            await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export")
            messages = " ".join(str(n.message) for n in app._notifications)
            assert "Not in it" in messages and f"Recommendation 1 — {rec.title}" in messages
    text = (tmp_path / f"{BID}-notes.md").read_text(encoding="utf-8")
    assert "saved earlier" in text and "typed but not saved" not in text
