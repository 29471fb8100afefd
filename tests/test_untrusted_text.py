"""Untrusted text at every exit: the CLI's stdout and stderr, and what the TUI
draws. Briefing text, file and folder names, notes: all may hold terminal
control characters, bidi controls and markup-looking text. None of it may
reach the terminal raw, and markup-looking text must show literally.

The forbidden characters are defined here, not imported from the presenter, so
a bug there cannot hide itself.

What the TUI draws is read with :func:`rendered`: the current screen's
compositor strips (``app.screen._compositor.render_strips()``), which are the
segments Textual writes to the terminal for a full frame, every layer
included (notifications, dialogs). ``strip.text`` is each line's characters
exactly as written (an SVG screenshot would escape them, so it is not used).
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pexpect
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from tests.conftest import MINIMAL, wait_until

SIZE = (120, 40)

#: What must never reach the terminal: C0 controls but \n and \t, DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROLS = (
    [chr(c) for c in range(0x20) if c not in (9, 10)]
    + ["\x7f"]
    + [chr(c) for c in range(0x80, 0xA0)]
    + [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
)
MARKUP = [
    "[b]",
    "[/x]",
    "[/]",
    "[@click=app.quit]",
    "[link=https://evil.example]",
    "[red on blue]",
    "\x1b]0;PWNED\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b[2J",
    "\x1b[31m",
    "\u202egnp.exe",
]
#: Random hostile text: control characters, markup and escape sequences, ordinary text.
hostile = st.lists(
    st.one_of(st.sampled_from(CONTROLS), st.sampled_from(MARKUP), st.text(max_size=4)),
    min_size=1,
    max_size=8,
).map("".join)
#: The same, usable in a file name (no "/", no NUL, not too long).
hostile_name = hostile.map(lambda s: s.replace("/", "|").replace("\x00", "\x01")[:40])

TUI = settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
CLI = settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def assert_clean(text: str, where: str = "") -> None:
    found = FORBIDDEN.findall(text)
    assert not found, f"raw control characters {found!r} reach the terminal {where}:\n{text!r}"


def rendered(app) -> str:
    """Every character the current screen writes to the terminal, line by line (see the module doc)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar: everything but printable ASCII escaped."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def hostile_briefing(text: str, *, key: str = "", bad_value: str | None = None) -> str:
    """MINIMAL with `text` in every kind of field; `key` adds an unknown field under
    meta, `bad_value` puts untrusted text where a date must be (both make it fail)."""
    out = (
        MINIMAL.replace("title: A minimal briefing", f"title: {q('[b]T1[/x] ' + text)}")
        .replace("parties: [Ruritania, Freedonia]", f"parties: [{q('[@click=app.quit]P1 ' + text)}, Freedonia]")
        .replace("summary: Two fictional countries and one recommendation.", f"summary: {q('S1 zebra ' + text)}")
        .replace("title: First", f"title: {q('[/x]R1 zebra ' + text)}")
        .replace("text: The first recommendation.", f"text: {q('[link=x]D1 zebra ' + text)}")
        .replace("title: A report", f"title: {q('[b]Src zebra ' + text)}")
        .replace("title: Later event", f"title: {q('[/]Ev zebra ' + text)}")
    )
    if key:
        out = out.replace("  id: mini\n", f"  id: mini\n  {q(key)}: x\n", 1)
    if bad_value is not None:
        out = out.replace('as_of: "2024-05"', f"as_of: {q(bad_value)}")
    return out


# ------------------------------------------------------------------ the presenter


def test_presenter_output_has_no_control_and_keeps_lengths():
    from briefing_tui.textsafe import literal_line, one_line, present, replace_control

    @settings(max_examples=400, deadline=None)
    @given(st.one_of(hostile, st.text()))
    def check(text: str) -> None:
        for form in (present, one_line, replace_control, literal_line):
            assert not FORBIDDEN.search(form(text)), form.__name__
        assert len(replace_control(text)) == len(text)
        assert len(literal_line(text)) == len(text) and "\n" not in literal_line(text)
        assert "\n" not in one_line(text) and "\t" not in one_line(text)
        # Characters that are not controls are kept as they are.
        for a, b in zip(replace_control(text), text, strict=True):
            assert a == b or FORBIDDEN.match(b) or b == "\r"

    check()


def test_replacements_are_visible_and_one_cell_wide():
    from rich.cells import cell_len

    from briefing_tui.textsafe import replace_control

    for char in CONTROLS:
        shown = replace_control(char)
        assert len(shown) == 1 and cell_len(shown) == 1 and shown.isprintable(), repr(char)
    assert replace_control("\x1b") == "\u241b"  # ␛
    assert replace_control("\x7f") == "\u2421"  # ␡
    assert replace_control("\x9b") == replace_control("\u202e") == "\ufffd"


def test_spans_map_through_one_line():
    from briefing_tui.textsafe import one_line, one_line_spans, replace_control

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=" \t\n\r\x1bab[", max_size=30), st.data())
    def check(text: str, data) -> None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        folded, spans = one_line_spans(text, [(start, end)])
        assert folded == one_line(text)
        # One for one, "\r\n" being white space: the characters the span covers.
        covered = replace_control(text.replace("\r\n", " \n"))[start:end]
        original = "".join(covered.split())
        shown = "".join("".join(folded[a:b] for a, b in spans).split())
        assert shown == original, (text, start, end, folded, spans)
        assert all(0 <= a < b <= len(folded) for a, b in spans)

    check()


# ------------------------------------------------------------------ hole 4: highlights


def _reverse_parts(content) -> list[str]:
    return [content.plain[span.start : span.end] for span in content.spans if "reverse" in str(span.style)]


def test_title_highlight_lands_on_the_match_when_the_title_has_runs_of_spaces(tmp_path):
    from briefing_tui.model.items import ItemIndex
    from briefing_tui.model.loader import load_briefing
    from briefing_tui.widgets.render import render_item

    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL.replace("title: First", 'title: "Alpha    beta   zebra  end"'), encoding="utf-8")
    ref = ItemIndex(load_briefing(path)).by_id["rec-one"]
    start = ref.item.title.index("zebra")
    content = render_item(ref, title_spans=[(start, start + 5)])
    assert _reverse_parts(content) == ["zebra"]


def test_search_result_title_highlight_survives_runs_of_spaces(tmp_path):
    from briefing_tui.model.loader import load_briefing
    from briefing_tui.model.search import SearchIndex
    from briefing_tui.widgets.search_panel import hit_prompt

    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL.replace("title: First", 'title: "Alpha    beta   zebra  end"'), encoding="utf-8")
    result = SearchIndex(load_briefing(path), {}).search("zebra")
    hit = next(h for h in result.hits if h.title.startswith("Alpha"))
    assert hit.title_spans, "the search found the word in the title"
    assert "zebra" in _reverse_parts(hit_prompt(hit))


# ------------------------------------------------------------------ the CLI


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command, in a subprocess; bytes, so nothing is decoded away."""
    return subprocess.run([sys.executable, "-m", "briefing_tui", *args], capture_output=True, cwd=cwd, timeout=60)


def assert_output_clean(result: subprocess.CompletedProcess[bytes], what: str) -> None:
    assert_clean(result.stdout.decode("utf-8", "replace"), f"on the stdout of {what}")
    assert_clean(result.stderr.decode("utf-8", "replace"), f"on the stderr of {what}")


def test_validate_does_not_print_a_hostile_key_raw(tmp_path):
    """Hole 1: a key under meta written as "ti\\e]0;PWNED\\atle"."""
    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL.replace("  id: mini\n", '  id: mini\n  "ti\\e]0;PWNED\\atle": x\n'), encoding="utf-8")
    result = cli("validate", str(path))
    assert result.returncode == 1
    assert b"unknown field" in result.stdout
    assert_output_clean(result, "validate")


def test_validate_does_not_print_a_hostile_file_name_raw(tmp_path):
    """Hole 1: a file name holding an OSC 52 clipboard write."""
    good = tmp_path / "a\x1b]52;c;ZXZpbA==\x07.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "b\x1b]0;PWNED\x07.yaml"
    bad.write_text(MINIMAL.replace("kind: report", "kind: memo"), encoding="utf-8")
    result = cli("validate", str(tmp_path))
    assert result.returncode == 1 and b": OK" in result.stdout
    assert_output_clean(result, "validate")
    launched = cli(str(bad))  # the app's launch error path
    assert launched.returncode == 2
    assert_output_clean(launched, "briefing-tui FILE")


@CLI
@given(text=hostile, name=hostile_name)
def test_every_cli_command_prints_hostile_text_safely(tmp_path, text, name):
    from briefing_tui.notes.store import NoteStore

    work = Path(tempfile.mkdtemp(dir=tmp_path))
    folder = work / f"d{name}"
    folder.mkdir()
    good = folder / f"g{name}.yaml"
    good.write_text(hostile_briefing(text), encoding="utf-8")
    bad = folder / f"b{name}.yaml"
    bad.write_text(hostile_briefing(text, key=f"ti{text}", bad_value=text), encoding="utf-8")

    result = cli("validate", str(folder))
    assert result.returncode == 1, result.stderr
    assert_output_clean(result, "validate")

    launched = cli(str(bad))
    assert launched.returncode == 2
    assert_output_clean(launched, "briefing-tui FILE")

    notes = work / "notes.sqlite3"
    store = NoteStore.open(notes)
    try:
        store.save("mini", "rec-one", f"[b]zebra note {text}", expected_version=0, item_label=f"label {text}")
        store.save("mini", f"gone {text}", f"orphan {text}", expected_version=0, item_label=f"old {text}")
    finally:
        store.close()
    found = cli("search", str(good), "zebra", "--notes", str(notes))
    assert found.returncode == 0, found.stderr
    assert_output_clean(found, "search")

    exported = cli("export", str(good), "--notes", str(notes))
    assert exported.returncode == 0, exported.stderr
    assert_output_clean(exported, "export")
    target = folder / f"out{name}.md"
    for _ in range(2):  # written, then refused: the file exists
        written = cli("export", str(good), "--notes", str(notes), "-o", str(target))
        assert_output_clean(written, "export -o")
    assert written.returncode == 2 and b"exists" in written.stderr

    failed = cli("export", str(bad), "--notes", str(notes))
    assert failed.returncode == 2
    assert_output_clean(failed, "export of a broken file")


def test_a_search_query_error_echoes_the_query_safely(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = cli("search", str(path), '"\x1b]0;PWNED\x07')
    assert_output_clean(result, "search with a bad query")


# ------------------------------------------------------------------ the TUI


def run(coroutine) -> None:
    asyncio.run(coroutine)


def briefing_app(path: Path, notes: Path):
    from briefing_tui.app import make_app
    from briefing_tui.model.loader import load_briefing

    return make_app(briefing=load_briefing(path), path=path, notes_path=notes)


async def _briefing_exits(work: Path, text: str) -> None:
    path = work / "b.yaml"
    path.write_text(hostile_briefing(text), encoding="utf-8")
    app = briefing_app(path, work / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = rendered(app)
        assert_clean(screen, "(header, recommendations, detail)")
        assert "[b]T1[/x]" in screen, "the title, literally, in the header"
        assert "[/x]R1 zebra" in screen, "a list row, literally"
        if "[link=x]D1" not in rendered(app):
            await pilot.press("down")
        await wait_until(pilot, lambda: "[link=x]D1" in rendered(app), "the detail pane shows the text literally")
        assert_clean(rendered(app), "(detail pane)")
        for pane in ("1", "2", "4"):
            await pilot.press(pane)
            await pilot.pause()
            assert_clean(rendered(app), f"(pane {pane})")
        await pilot.press("4")
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]Src zebra" in rendered(app)
        assert_clean(rendered(app), "(a source in detail)")
        assert app.is_running and app.return_code is None


@TUI
@given(text=hostile)
@example(text="\x1b]0;PWNED\x07 [@click=app.quit]x[/] \u202e \x9b")
def test_tui_briefing_header_lists_and_detail_show_hostile_text_safely(tmp_path, text):
    run(_briefing_exits(Path(tempfile.mkdtemp(dir=tmp_path)), text))


def _store_notes(notes: Path, body: str) -> None:
    from briefing_tui.notes.store import NoteStore

    store = NoteStore.open(notes)
    try:
        for item_id in ("rec-one", "rec-two", ""):
            store.save("mini", item_id, body, expected_version=0, item_label="[b]label")
    finally:
        store.close()


NOTE = "first [b]line\x1b]0;PWNED\x07 and \u202eevil\nsecond \x1b[2J line\x9b\x7f end"


async def test_note_editor_draws_a_hostile_note_safely_and_keeps_it_exactly(tmp_path):
    """Hole 3: the note as shown and in the editor; stored byte for byte."""
    from briefing_tui.notes.store import NoteStore

    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    notes = tmp_path / "notes.sqlite3"
    _store_notes(notes, NOTE)
    app = briefing_app(path, notes)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "first [b]line" in rendered(app), "the note is shown")
        assert_clean(rendered(app), "(the note shown)")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen.note_section.editor is not None, "the editor opens")
        await pilot.pause()
        editor = app.screen.note_section.editor
        assert editor.text == NOTE
        assert "first [b]line" in rendered(app)
        assert_clean(rendered(app), "(the note editor)")
        # One cell per character: the cursor at the end of line 1 is where it is drawn.
        first = NOTE.split("\n")[0]
        assert editor.wrapped_document.location_to_offset((0, len(first))).x == len(first)
        editor.move_cursor((0, len(first)))
        await pilot.press("Z")
        await pilot.press("escape")
        await pilot.pause()
    store = NoteStore.open(notes)
    try:
        bodies = {note.body for note in store.list_notes("mini")}
    finally:
        store.close()
    assert first + "Z" + NOTE[len(first) :] in bodies, "what was typed is stored exactly"


async def test_a_note_loaded_into_the_editor_keeps_rare_line_separators(tmp_path):
    """Form feed, file/group/record separators, NEL and LS are kept, not split into lines."""
    path = tmp_path / "b.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    notes = tmp_path / "notes.sqlite3"
    body = "a\x0cb\x1cc\x1dd\x1ee\x85f\u2028g\x0bh\r\ni"
    _store_notes(notes, body)
    app = briefing_app(path, notes)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "a" in rendered(app) and app.screen.query("#note"), "the note section")
        await pilot.pause(0.3)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen.note_section.editor is not None, "the editor opens")
        await pilot.pause()
        assert app.screen.note_section.editor.text == body
        assert_clean(rendered(app), "(the note editor)")


async def test_export_dialog_and_notification_show_a_hostile_folder_name_safely(tmp_path, monkeypatch):
    """The export dialog's path box and the "Exported ..." notification name the briefing's folder."""
    folder = tmp_path / "out[/x][@click=app.quit]\x1b]0;PWNED\x07\x1b]52;c;ZXZpbA==\x07"
    folder.mkdir(parents=True)
    path = folder / "b.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    notes = tmp_path / "notes.sqlite3"
    _store_notes(notes, "a note")
    app = briefing_app(path, notes)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#note"), "the note section")
        await pilot.pause(0.3)
        await pilot.press("e")
        from briefing_tui.widgets.dialogs import ExportScreen

        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        await pilot.pause()
        assert "out[/x][@click=app.quit]" in rendered(app)
        assert_clean(rendered(app), "(the export dialog's path)")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportScreen), "the export runs")
        await wait_until(pilot, lambda: "Exported" in rendered(app), "the notification")
        assert list(folder.glob("*.md")), "the export went to the real folder"
        assert app.is_running
        assert_clean(rendered(app), "(the Exported notification)")


HOSTILE_FOLDERS = ["lib[/x]", "[@click=app.quit]", "x\x1b]0;PWNED\x07", "y\x1b]52;c;ZXZpbA==\x07[b]", "\u202egnp"]


async def _library_exits(work: Path, name: str) -> None:
    from briefing_tui.app import make_app
    from briefing_tui.screens.error import ErrorScreen

    empty = work / f"e{name}"
    empty.mkdir(parents=True)
    app = make_app(library=empty, notes_path=work / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        message = app.screen.query_one("#library-empty")
        await wait_until(pilot, lambda: message.display, "the empty message", tries=40)
        await pilot.pause()
        screen = rendered(app)
        assert app.is_running and app.return_code is None, "nothing crashed, no action ran"
        assert "No briefings" in screen
        assert_clean(screen, "(an empty library)")
        for token in ("[/x]", "[@click=app.quit]", "[b]"):
            if token in name and name in HOSTILE_FOLDERS:
                assert token in screen, f"{token} in the folder name, literally"

    full = work / f"f{name}"
    full.mkdir(parents=True)
    (full / f"a{name.replace('/', '|')}.yaml").write_text("- broken\n", encoding="utf-8")
    (full / "b.yaml").write_text(hostile_briefing(name), encoding="utf-8")
    app = make_app(library=full, notes_path=work / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library-table")
        await wait_until(pilot, lambda: table.option_count >= 2, "two rows")
        await pilot.pause()
        assert "[b]T1[/x]" in rendered(app)
        assert_clean(rendered(app), "(library rows)")
        table.focus()
        table.highlighted = 0
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error view", tries=50)
        await pilot.pause()
        assert "does not load" in rendered(app)
        assert_clean(rendered(app), "(the error view)")
        assert app.is_running


@pytest.mark.parametrize("name", HOSTILE_FOLDERS)
async def test_library_shows_hostile_folder_and_file_names_safely(tmp_path, name):
    """Hole 2: `[/x]` in an empty folder's path crashed the library screen."""
    await _library_exits(tmp_path, name)


@TUI
@given(name=hostile_name)
def test_library_with_random_hostile_names(tmp_path, name):
    run(_library_exits(Path(tempfile.mkdtemp(dir=tmp_path)), name))


async def test_error_view_shows_hostile_problems_safely(tmp_path):
    from briefing_tui.app import make_app
    from briefing_tui.screens.error import ErrorScreen

    app = make_app(library=tmp_path, notes_path=tmp_path / "notes.sqlite3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ErrorScreen("[b]t\x1b]0;x\x07", ["[/x] p\x1b[2J \u202e", "[@click=app.quit]q\x9b"]))
        await pilot.pause()
        screen = rendered(app)
        assert "[b]t" in screen and "[/x] p" in screen and "[@click=app.quit]q" in screen
        assert_clean(screen, "(the error view)")


# ------------------------------------------------------------------ exit status, in a real terminal


def _spawn(args: list[str], tmp_path: Path, **kwargs) -> pexpect.spawn:
    from tests.test_end_to_end import executable

    env = {**os.environ, "TERM": "xterm-256color", "BRIEFING_TUI_NOTES": str(tmp_path / "notes.sqlite3")}
    return pexpect.spawn(kwargs.pop("command", executable()), args, env=env, timeout=30, dimensions=(24, 100), **kwargs)


def test_a_library_folder_named_with_markup_opens_in_a_real_terminal(tmp_path):
    """Hole 2, end to end: this crashed with a MarkupError and exited 0."""
    folder = tmp_path / "some" / "lib[/x]"
    folder.mkdir(parents=True)
    child = _spawn([str(folder)], tmp_path)
    try:
        child.expect("No briefings")
        child.send("q")
        output = child.read().decode("utf-8", "replace")
    finally:
        child.close()
    assert "MarkupError" not in output and "Traceback" not in output
    assert child.exitstatus == 0


CRASHING = textwrap.dedent(
    """\
    import sys
    from textual.screen import Screen

    import briefing_tui.app as app_module
    from briefing_tui.launch import launch

    real = app_module.make_app

    class Failing(Screen):
        def on_mount(self):
            raise RuntimeError("injected crash")

    def make_app(**kwargs):
        # A fault injected into the real app: its first screen fails when mounted.
        app = real(**kwargs)
        app.get_default_screen = Failing
        return app

    app_module.make_app = make_app
    sys.exit(launch(__import__("pathlib").Path(sys.argv[1])))
    """
)


def test_a_crash_exits_non_zero(tmp_path):
    """launch() returned 0 when Textual's app.run() returned None after a crash."""
    child = _spawn(["-c", CRASHING, str(tmp_path)], tmp_path, command=sys.executable)
    try:
        output = child.read().decode("utf-8", "replace")
    finally:
        child.close()
    assert "injected crash" in output
    assert child.exitstatus not in (0, None), output[-2000:]
