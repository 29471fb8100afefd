"""The crash handler: a redacted report without locals, the typed notes saved,
exit status 1, and no Textual traceback on the terminal.

The pure module (briefing_tui.crash) first, then the app crashing for real:
in-process under the pilot, and in a pseudo-terminal through the real command
line. The product has no crash on purpose, so the crash comes from a test-only
subclass of the app, with a key that raises (nothing in the handler is replaced).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pexpect
import pyte
import pytest
from textual.binding import Binding

import briefing_tui.app
from briefing_tui import crash
from briefing_tui.app import BriefingApp
from briefing_tui.model.loader import load_briefing
from briefing_tui.notes.store import NoteStore
from tests.conftest import BUNDLED

BID = "belarus-netherlands"
#: Only ever in a local variable of the crashing code.
LOCAL_SECRET = "local-secret-" + "Zq81x"
#: In the exception's message, inside a connection string.
URL_PASSWORD = "url-pw-" + "Kk4"
NOTE = "My private note about the minister"


@pytest.fixture(autouse=True)
def _log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(crash.ENV_VAR, str(folder))
    return folder


# -- redaction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://alice:hunter2@db.example:5432/notes", "postgresql://alice:***@db.example:5432/notes"),
        ("postgres://alice:p%40ss@db/x?sslmode=require", "postgres://alice:***@db/x?sslmode=require"),
        ("redis://:hunter2@cache:6379/0", "redis://:***@cache:6379/0"),
        ("https://bob:p@ss@host/path", "https://bob:***@host/path"),
        ("mysql+pymysql://u:hunter2@h/db, retry", "mysql+pymysql://u:***@h/db, retry"),
        ("dbname=notes user=bob password=hunter2 host=db", "dbname=notes user=bob password=*** host=db"),
        ("password='two words' host=db", "password='***' host=db"),
        ('{"password": "hunter2", "user": "bob"}', '{"password": "***", "user": "bob"}'),
        ("PGPASSWORD=hunter2 psql", "PGPASSWORD=*** psql"),
        ("connect(dsn, passwd=hunter2)", "connect(dsn, passwd=***)"),
    ],
)
def test_passwords_are_masked(text, expected):
    assert crash.redact(text) == expected


@pytest.mark.parametrize(
    "text",
    ["https://example.org/a@b", "mailto:someone@example.org", "user bob at host db", "see https://example.org:8080"],
)
def test_text_without_passwords_is_left_alone(text):
    assert crash.redact(text) == text


def test_note_texts_are_masked_whole_escaped_and_line_by_line():
    note = "First line of my note\nsecond line, also private"
    redactor = crash.Redactor([note, "ok"])
    assert redactor(f"saving {note} failed") == f"saving {crash.NOTE_MASK} failed"
    assert redactor(f"ValueError({note!r})") == f"ValueError('{crash.NOTE_MASK}')"
    assert redactor("a trace quoting 'second line, also private' only") == f"a trace quoting '{crash.NOTE_MASK}' only"
    # Fragments too short to hide anything are left: "ok" stays readable.
    assert redactor("ok") == "ok"


def test_control_characters_go_through_the_presenter():
    out = crash.redact("boom \x1b[31mred\x07 \u202eevil")
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "red" in out and "evil" in out


# -- the report -------------------------------------------------------------------------


def connect_to_the_database() -> None:
    password = LOCAL_SECRET  # a local that Textual's traceback would show
    dsn = {"host": "db", "password": password}
    assert dsn
    raise ConnectionError(f"cannot reach postgresql://reader:{URL_PASSWORD}@db/briefings")


def save_everything(note: str) -> None:
    pending = [note]  # a local holding the note text
    assert pending
    try:
        connect_to_the_database()
    except ConnectionError as error:
        raise RuntimeError(f"could not save {note!r}") from error


def crashed() -> BaseException:
    try:
        save_everything(NOTE)
    except RuntimeError as error:
        return error
    raise AssertionError("no crash")


def test_the_report_has_the_frames_and_versions_but_no_locals_notes_or_passwords():
    error = crashed()
    report = crash.build_report(error, crash.Redactor([NOTE]), context={"Typed notes": "saved"})
    # The frames, both exceptions of the chain, the versions.
    for name in ("crashed", "save_everything", "connect_to_the_database", "ConnectionError", "RuntimeError"):
        assert name in report
    assert "Traceback (most recent call last)" in report
    assert f"briefing-tui: {crash.__version__}" in report
    assert "Textual: " in report and "Python: " in report and "Platform: " in report
    assert "Exception: builtins.RuntimeError" in report
    assert "Typed notes: saved" in report
    # The message is kept, redacted.
    assert "postgresql://reader:***@db/briefings" in report
    assert f"could not save '{crash.NOTE_MASK}'" in report
    # No local values, no note, no password.
    assert LOCAL_SECRET not in report
    assert NOTE not in report
    assert URL_PASSWORD not in report


def test_the_summary_is_one_redacted_line():
    line = crash.summary(crashed(), crash.Redactor([NOTE]))
    assert line == f"RuntimeError: could not save '{crash.NOTE_MASK}'"
    long = crash.summary(ValueError("x" * 1000 + "\nmore"), crash.Redactor())
    assert "\n" not in long and len(long) <= len("ValueError: ") + crash.MESSAGE_WIDTH


def test_a_message_that_cannot_be_read_does_not_break_the_report():
    class Broken(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    report = crash.build_report(Broken(), crash.Redactor())
    assert "could not be read" in report


# -- writing ----------------------------------------------------------------------------


def test_reports_go_to_the_log_dir_with_distinct_names(_log_dir):
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    first = crash.write_report("one", now=now)
    second = crash.write_report("two", now=now)  # the same instant: another name
    assert first is not None and second is not None and first != second
    assert first.parent == _log_dir == second.parent
    assert first.name.startswith(crash.PREFIX) and str(os.getpid()) in first.name
    assert first.read_text(encoding="utf-8") == "one" and second.read_text(encoding="utf-8") == "two"


def test_only_the_newest_ten_are_kept(_log_dir):
    start = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    written = [crash.write_report(f"report {i}", now=start + timedelta(seconds=i)) for i in range(13)]
    left = sorted(_log_dir.iterdir())
    assert len(left) == crash.KEEP
    assert left == sorted(written[-crash.KEEP :])
    # Other files in the folder are not reports: never deleted.
    (_log_dir / "other.log").write_text("keep me", encoding="utf-8")
    crash.write_report("one more")
    assert (_log_dir / "other.log").exists()
    assert len(list(_log_dir.glob(f"{crash.PREFIX}*"))) == crash.KEEP


def test_an_unwritable_log_dir_falls_back_to_the_temp_dir(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(crash.ENV_VAR, str(blocker / "logs"))  # under a file: cannot be made
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    path = crash.write_report("the report")
    assert path is not None and path.parent == temp
    assert path.read_text(encoding="utf-8") == "the report"


def test_no_writable_folder_at_all_puts_the_report_in_the_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert crash.write_report("the report", folders=[blocker / "x", blocker / "y"]) is None
    notes = "Typed notes were saved."
    message = crash.crash_message("RuntimeError: boom", report=None, report_text="the report", notes=notes)
    assert message.splitlines()[0] == "briefing-tui crashed: RuntimeError: boom"
    assert "Typed notes were saved." in message and message.rstrip().endswith("the report")


# -- the app, in process --------------------------------------------------------------


class CrashingApp(BriefingApp):
    """The real app with one more key, F5, that raises (the test's crash)."""

    BINDINGS = [Binding("f5", "crash", "Crash", show=False, priority=True)]
    CSS_PATH = str(Path(briefing_tui.app.__file__).with_name("app.tcss"))  # not beside this file

    def action_crash(self) -> None:
        token = LOCAL_SECRET  # only in a local
        typed = self.focused.text if hasattr(self.focused, "text") else ""
        assert token
        raise RuntimeError(f"postgresql://reader:{URL_PASSWORD}@db/x refused {typed!r}")


async def test_a_crash_saves_the_note_writes_a_report_and_returns_1(tmp_path, _log_dir, capsys):
    db = tmp_path / "notes.sqlite3"
    app = CrashingApp(briefing=load_briefing(BUNDLED), path=BUNDLED, notes_path=db)
    rec = app.briefing.recommendations[0]
    with pytest.raises(RuntimeError):  # run_test re-raises the app's error, as Textual does
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert app.focused.id == "note-editor"
            for char in NOTE:
                await pilot.press("space" if char == " " else char)
            await pilot.press("f5")  # before the autosave: the handler saves it
            await pilot.pause()
    assert app.return_code == 1
    with NoteStore(db) as store:
        note = store.get(BID, rec.id)
    assert note is not None and note.body == NOTE
    assert app.crash_report is not None and app.crash_report.parent == _log_dir
    report = app.crash_report.read_text(encoding="utf-8")
    assert "action_crash" in report and "Traceback" in report
    assert LOCAL_SECRET not in report and NOTE not in report and URL_PASSWORD not in report
    assert app.crash_message is not None
    assert app.crash_message.splitlines()[0].startswith(
        "briefing-tui crashed: RuntimeError: postgresql://reader:***@db/x"
    )
    assert "Typed notes were saved." in app.crash_message
    assert str(app.crash_report) in app.crash_message
    err = capsys.readouterr().err
    assert app.crash_message in err
    assert err.count("briefing-tui crashed") == 1
    assert LOCAL_SECRET not in err and NOTE not in err and URL_PASSWORD not in err
    assert "locals" not in err.lower() and "Traceback" not in err


# -- the app, in a pseudo-terminal ----------------------------------------------------

LAUNCHER = textwrap.dedent(
    """\
    # Test-only: the real command line, whose app has one more key, F5, that raises.
    import sys
    from pathlib import Path

    from textual.binding import Binding

    import briefing_tui.app
    from briefing_tui.cli import main

    LOCAL_SECRET = {local_secret!r}
    URL_PASSWORD = {url_password!r}


    class CrashingApp(briefing_tui.app.BriefingApp):
        BINDINGS = [Binding("f5", "crash", "Crash", show=False, priority=True)]
        CSS_PATH = str(Path(briefing_tui.app.__file__).with_name("app.tcss"))

        def action_crash(self):
            token = LOCAL_SECRET  # only in a local
            typed = getattr(self.focused, "text", "")
            raise RuntimeError(f"postgresql://reader:{{URL_PASSWORD}}@db/x refused {{typed!r}}")


    briefing_tui.app.make_app = lambda **kwargs: CrashingApp(**kwargs)
    sys.exit(main(sys.argv[1:]))
    """
)
F5 = "\x1b[15~"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


class CrashTerminal:
    """The launcher in a pseudo-terminal: the screen (pyte) and every byte written."""

    def __init__(self, tmp_path: Path, args: list[str], rows: int = 40, cols: int = 120) -> None:
        script = tmp_path / "crashing_launcher.py"
        script.write_text(LAUNCHER.format(local_secret=LOCAL_SECRET, url_password=URL_PASSWORD), encoding="utf-8")
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = b""
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(
            sys.executable, [str(script), *args], dimensions=(rows, cols), env=env, cwd=str(tmp_path), timeout=1
        )

    def pump(self) -> None:
        try:
            while True:
                data = self.child.read_nonblocking(65536, timeout=0.05)
                self.raw += data
                self.stream.feed(data)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.pump()
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text()}")

    def wait_exit(self, seconds: float = 30) -> int:
        """Read everything up to the end of output, then the exit status."""
        try:
            self.child.expect(pexpect.EOF, timeout=seconds)
        finally:
            if isinstance(self.child.before, bytes):
                self.raw += self.child.before
        self.child.close(force=True)
        assert self.child.exitstatus is not None, "the app did not exit"
        return self.child.exitstatus

    def after_the_app(self) -> str:
        """What was written once the app had left the alternate screen: stderr."""
        _, _, tail = self.raw.rpartition(LEAVE_ALT_SCREEN)
        return tail.decode("utf-8", "replace").replace("\r\n", "\n")


def typed_then_crashed(term: CrashTerminal, bundled_briefing) -> int:
    try:
        term.wait_for(bundled_briefing.recommendations[0].title[:40])
        term.wait_for("Add note (n)")
        term.child.send("n")
        term.wait_for("Note")
        time_to_open = time.monotonic() + 30
        while "Add note (n)" in term.text() and time.monotonic() < time_to_open:
            term.pump()  # the editor is open once the button hides
        term.child.send(NOTE)
        term.wait_for(NOTE[-10:])  # typed, on the screen
        term.child.send(F5)
        return term.wait_exit()
    finally:
        term.child.close(force=True)


def report_path(stderr: str) -> Path:
    found = re.search(r"A crash report \(no notes, no passwords\) is in (\S+)", stderr)
    assert found, stderr
    return Path(found.group(1))


def test_a_real_crash_in_a_terminal(tmp_path, _log_dir, bundled_briefing):
    db = tmp_path / "notes.sqlite3"
    term = CrashTerminal(tmp_path, [str(BUNDLED), "--notes", str(db)])
    status = typed_then_crashed(term, bundled_briefing)
    stderr = term.after_the_app()
    assert status == 1, stderr
    # One short message, nothing of Textual's traceback, no secret anywhere.
    assert stderr.count("briefing-tui crashed: RuntimeError: postgresql://reader:***@db/x") == 1, stderr
    assert "Typed notes were saved." in stderr
    assert "Traceback" not in stderr and "locals" not in stderr.lower() and "╭" not in stderr, stderr
    assert NOTE not in stderr
    everything = term.raw.decode("utf-8", "replace")
    assert LOCAL_SECRET not in everything and URL_PASSWORD not in everything
    # The report: the traceback, without the local, the note or the password.
    path = report_path(stderr)
    assert path.parent == _log_dir and path.is_file()
    report = path.read_text(encoding="utf-8")
    assert "action_crash" in report and "Traceback (most recent call last)" in report
    assert LOCAL_SECRET not in report and NOTE not in report and URL_PASSWORD not in report
    # What was typed is in the notes database.
    with NoteStore(db) as store:
        note = store.get(BID, bundled_briefing.recommendations[0].id)
    assert note is not None and note.body == NOTE


def test_a_crash_with_notes_that_cannot_be_saved_writes_the_recovery_file(tmp_path, _log_dir, bundled_briefing):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    db = blocker / "notes.sqlite3"  # under a file: the notes are not available
    term = CrashTerminal(tmp_path, [str(BUNDLED), "--notes", str(db)])
    status = typed_then_crashed(term, bundled_briefing)
    stderr = term.after_the_app()
    assert status == 1, stderr
    assert stderr.count("briefing-tui crashed:") == 1, stderr
    found = re.search(r"Typed notes that could not be saved are in (\S+)", stderr)
    assert found, stderr
    recovery = Path(found.group(1))
    assert recovery.parent == Path(os.environ["XDG_DATA_HOME"]) / "briefing-tui"  # the user data folder
    assert NOTE in recovery.read_text(encoding="utf-8")
    report = report_path(stderr).read_text(encoding="utf-8")
    assert str(recovery) in report
    assert NOTE not in report and LOCAL_SECRET not in report and URL_PASSWORD not in report
