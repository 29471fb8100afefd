"""Notes are never lost, stated as a property and tested as one.

The guarantee (README, "Notes"): every keystroke in a note is in the notes
store, or in the recovery file when the store cannot take it, within one
second of being typed, however steadily the reader types; and on SIGTERM,
SIGHUP, SIGINT and SIGQUIT all of it is, before the app exits non-zero.

The app runs for real in a pseudo-terminal; keys are sent as a reader types
them; signals are real. Some rounds put the notes database on a read-only
filesystem, so the recovery file has to carry the text.
"""

from __future__ import annotations

import os
import random
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest

from briefing_tui.notes.store import NoteStore
from tests.conftest import BUNDLED
from tests.faults import read_only_folder
from tests.test_end_to_end import Terminal

BID = "belarus-netherlands"
#: How many randomized rounds (the issue asks for 50; more with BRIEFING_TUI_KILL_ROUNDS).
ROUNDS = int(os.environ.get("BRIEFING_TUI_KILL_ROUNDS", "50"))
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT]
#: The guarantee: typed this long before a SIGKILL, it is kept.
WITHIN = 1.0


def first_rec_id() -> str:
    from briefing_tui.model.loader import load_briefing

    return load_briefing(BUNDLED).recommendations[0].id


REC = first_rec_id()


def start(tmp: Path, notes: Path, shell: str | None = None) -> Terminal:
    """The app on the bundled briefing with its notes at `notes`, the editor open
    (run from the ``sh -c`` script `shell`, if given)."""
    data = tmp / "data"
    env = {"XDG_DATA_HOME": str(data), "HOME": str(tmp)}
    term = Terminal([str(BUNDLED), "--notes", str(notes)], tmp, env=env, shell=shell)
    term.wait_for("Add note (n)")  # the note section is there
    term.press("n")
    term.wait_gone("Add note (n)")  # the editor is open
    return term


def kept_text(tmp: Path, notes: Path) -> str:
    """What survived: the note in the store, or its text in a recovery file."""
    found = ""
    if notes.exists():
        with NoteStore.open(notes) as store:  # read-only where it has to be
            note = store.get(BID, REC)
            found = note.body if note is not None else ""
    for recovery in (tmp / "data").rglob("briefing-tui-unsaved-notes-*.md"):
        text = recovery.read_text(encoding="utf-8")
        marker = f"## {BID} / {REC} — "
        if marker in text:
            body = text.split(marker, 1)[1].split("\n", 2)[2]
            candidate = body.split("\n## ", 1)[0].rstrip("\n")
            if len(candidate) > len(found):
                found = candidate
    return found


def shown_prefix(typed: str, screen: str, at_least: int) -> int:
    """How much of `typed` the screen shows: the end of the longest prefix
    whose last few non-blank characters are on screen (wrapping and scrolling
    in the editor move the start out of sight; the end is what matters)."""
    flat = "".join(screen.split())
    ends = [i + 1 for i, c in enumerate(typed) if not c.isspace()]
    letters = "".join(c for c in typed if not c.isspace())
    for k in range(len(letters), 0, -1):
        if ends[k - 1] <= at_least:
            break
        if letters[max(0, k - 8) : k] in flat:
            return ends[k - 1]
    return at_least


@dataclass
class Round:
    seed: int
    sig: signal.Signals
    read_only: bool
    typed: str = ""
    kept: str = ""
    must_keep: str = ""
    status: int | None = None

    def describe(self) -> str:
        return (
            f"seed {self.seed}: {self.sig.name}{' on a read-only store' if self.read_only else ''}; "
            f"typed {self.typed!r}, must keep {self.must_keep!r}, kept {self.kept!r}, exit {self.status}"
        )


def one_round(seed: int, tmp: Path, sig: signal.Signals) -> Round:
    rng = random.Random(seed)
    run = Round(seed, sig, read_only=rng.random() < 0.3)
    if run.read_only:
        made = tmp / "made.sqlite3"
        with NoteStore(made) as store:
            store.save(BID, "other", "x", expected_version=0)
        with read_only_folder(tmp / "ro", files={"notes.sqlite3": made.read_bytes()}) as ro:
            return _type_and_kill(run, rng, tmp, ro / "notes.sqlite3")
    return _type_and_kill(run, rng, tmp, tmp / "notes.sqlite3")


def _type_and_kill(run: Round, rng: random.Random, tmp: Path, notes: Path) -> Round:
    term = start(tmp, notes)
    sent: list[tuple[float, str]] = []
    shown: list[tuple[float, int]] = []  # (when, how many typed characters the screen showed)
    try:
        deadline = time.monotonic() + rng.uniform(0.2, 2.5)
        while time.monotonic() < deadline:
            char = rng.choice("abcdefghijklmnopqrstuvwxyz    ")
            term.press(char)
            sent.append((time.monotonic(), char))
            term.pump_for(rng.uniform(0.01, 0.08))
            typed = "".join(c for _, c in sent)
            shown.append((time.monotonic(), shown_prefix(typed, term.text(), shown[-1][1] if shown else 0)))
        killed_at = time.monotonic()
        os.kill(term.child.pid, run.sig)
        term.child.expect(pexpect.EOF, timeout=20)
    finally:
        term.child.close(force=True)
    run.status = term.child.exitstatus if term.child.exitstatus is not None else -(term.child.signalstatus or 0)
    run.typed = "".join(char for _, char in sent)
    if run.sig == signal.SIGKILL:
        # A key counts as typed once the app has shown it: a key still in the
        # pty's buffer (a loaded machine) is not the app's to lose yet.
        seen = max((count for when, count in shown if when <= killed_at - WITHIN), default=0)
        run.must_keep = run.typed[:seen]
    else:
        run.must_keep = run.typed
    run.kept = kept_text(tmp, notes)
    return run


def holds(run: Round) -> bool:
    """What was kept is what was typed, up to at least what must be kept."""
    if not run.typed.startswith(run.kept) or len(run.kept) < len(run.must_keep):
        return False
    return run.sig == signal.SIGKILL or run.status == 128 + run.sig


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT], ids=lambda s: s.name)
def test_a_signal_right_after_typing_keeps_every_key_and_exits_non_zero(tmp_path, sig):
    notes = tmp_path / "notes.sqlite3"
    term = start(tmp_path, notes)
    try:
        term.press("typed just before the signal")
        term.pump_for(0.05)
        os.kill(term.child.pid, sig)
        term.child.expect(pexpect.EOF, timeout=20)
    finally:
        term.child.close(force=True)
    assert term.child.exitstatus == 128 + sig
    assert kept_text(tmp_path, notes) == "typed just before the signal"


def hang_up(term: Terminal) -> int | None:
    """Close the pty's master side, as a terminal window does when it closes: the
    kernel hangs up the app (SIGHUP, and EIO on every read and write after).
    The app's exit status, or None if it is still running after 20 s (then killed)."""
    child = term.child
    # Closed through pexpect's own file object, so that nothing closes the same
    # descriptor number again later.
    child.ptyproc.fileobj.close()
    child.ptyproc.fd = child.child_fd = -1
    child.ptyproc.closed = child.closed = True
    deadline = time.monotonic() + 20
    while child.isalive() and time.monotonic() < deadline:
        time.sleep(0.05)
    if child.isalive():
        # The whole group: under a shell (see `start`), the app is the shell's child.
        os.killpg(child.pid, signal.SIGKILL)
        return None
    return child.exitstatus


def test_closing_the_terminal_keeps_what_is_typed(tmp_path):
    """The terminal window closes: the app can no longer draw; what was typed is
    saved all the same, and the app exits as after SIGHUP."""
    notes = tmp_path / "notes.sqlite3"
    term = start(tmp_path, notes)
    term.press("typed before the window closed")
    term.pump_for(0.05)
    assert hang_up(term) == 128 + signal.SIGHUP, "the app exits after a hang-up"
    assert kept_text(tmp_path, notes) == "typed before the window closed"


def test_closing_the_terminal_without_a_sighup_keeps_what_is_typed(tmp_path):
    """The app is not the terminal's session leader (a shell that ignores
    SIGHUP started it), so the kernel's SIGHUP never reaches it: the hang-up
    is seen in the failed reads and writes, and treated the same. (Textual's
    own driver showed a traceback and exited 1, or hung, notes unsaved.)"""
    notes = tmp_path / "notes.sqlite3"
    status = tmp_path / "status"
    term = start(tmp_path, notes, shell=f'trap "" HUP; "$0" "$@"; echo $? > {status}')
    burst = "".join(random.Random(3).choice("abcdefghij ") for _ in range(200))
    term.press("typed before the window closed ")
    term.pump_for(0.3)
    term.press(burst)  # not read back: the app is drawing when the window goes
    assert hang_up(term) is not None, "the shell ends, so the app did"
    assert status.read_text().strip() == str(128 + signal.SIGHUP), "the app exits as after a hang-up"
    kept = kept_text(tmp_path, notes)
    # Keys still in the terminal's buffer at the hang-up are the kernel's to drop.
    assert ("typed before the window closed " + burst).startswith(kept)
    assert kept.startswith("typed before the window closed ")


def test_steady_typing_is_saved_within_a_second(tmp_path):
    """A reader who never pauses: the autosave's maximum wait saves anyway."""
    notes = tmp_path / "notes.sqlite3"
    term = start(tmp_path, notes)
    try:
        typed = ""
        shown: list[tuple[float, int]] = []
        letters = random.Random(7)  # varied, so that the screen tells how far it got
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            char = letters.choice("abcdefghijklmnopqrstuvwxyz ")
            term.press(char)
            typed += char
            term.pump_for(0.05)  # 20 keys a second: never a pause of SAVE_IDLE
            shown.append((time.monotonic(), shown_prefix(typed, term.text(), shown[-1][1] if shown else 0)))
        time_of_check = time.monotonic()
        with NoteStore(notes) as store:
            note = store.get(BID, REC)
        kept = note.body if note else ""
        seen = max((count for when, count in shown if when <= time_of_check - WITHIN), default=0)
        assert seen >= len(typed) // 2, "the app showed most of what was typed"
        assert typed.startswith(kept) and len(kept) >= seen, (kept, typed[:seen])
    finally:
        term.child.close(force=True)


#: The rounds run in batches, so that the test runner can spread them over its workers.
BATCHES = 5


@pytest.mark.parametrize("batch", range(BATCHES), ids=lambda b: f"batch{b + 1}of{BATCHES}")
def test_random_signals_at_random_moments_never_lose_more_than_the_last_second(tmp_path, batch):
    count = len(range(batch, ROUNDS, BATCHES))  # every batch its share of the ROUNDS
    # The signals in turn (each batch tries every one); the moment, the typing
    # and the store (writable or read-only) drawn from each round's seed.
    signals = [SIGNALS[n % len(SIGNALS)] for n in range(count)]
    seeds = [random.randrange(2**32) for _ in range(count)]
    folders = [tmp_path / f"round-{n}" for n in range(count)]
    for folder in folders:
        folder.mkdir()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(one_round, seeds, folders, signals))
    failed = [run.describe() for run in runs if not holds(run)]
    assert not failed, "\n".join(failed)
