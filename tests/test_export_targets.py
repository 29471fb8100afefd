"""Where an export may go: a regular file, a link to one (written through, the
link kept), or stdout. Named pipes, devices, sockets and folders are refused
without being opened; output errors (a full disk, a read-only one, a full
stdout) are one message and exit 2, never a traceback.

Real files, real FIFOs and links, a real full filesystem (tests/faults.py) and
/dev/full for stdout.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from briefing_tui.notes.errors import ExportError, ExportExists
from briefing_tui.notes.export import ExportNotAFile, export_target, write_atomic
from briefing_tui.widgets.dialogs import ConfirmScreen, ExportScreen
from tests.conftest import BUNDLED, wait_until
from tests.faults import fill, full_folder, mounted_tmpfs, read_only_folder
from tests.test_notes_cli_and_crash import seed_notes

NOTE = "CLI note on rec 4"
#: No export may block: a FIFO is never opened.
TIMEOUT = 60

RUN = (
    "import sys\n"
    "from briefing_tui.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules), 'UI imported'\n"
    "sys.exit(status)\n"
)


def run_cli(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.fixture
def db(tmp_path: Path, bundled_briefing) -> Path:
    path = tmp_path / "notes.sqlite3"
    seed_notes(path, bundled_briefing)
    return path


def export(db: Path, out: Path | str, *more: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return run_cli("export", str(BUNDLED), "--notes", str(db), "-o", str(out), *more, stdout=stdout)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# ------------------------------------------------------------------ symlinks


def test_force_writes_through_a_link_to_a_file(tmp_path: Path, db: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    real = data / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(real)

    refused = export(db, link)
    assert refused.returncode == 2
    assert "--force" in refused.stderr and str(real) in refused.stderr
    no_traceback(refused)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"

    done = export(db, link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real), "the link stays a link"
    assert NOTE in real.read_text(encoding="utf-8")
    assert temp_files(data) == [] and temp_files(tmp_path) == []


def test_a_dangling_link_exists_and_force_creates_its_target(tmp_path: Path, db: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    real = data / "new.md"
    link = tmp_path / "out.md"
    link.symlink_to(real)

    refused = export(db, link)
    assert refused.returncode == 2
    assert "exists" in refused.stderr and "--force" in refused.stderr
    no_traceback(refused)
    assert link.is_symlink() and not real.exists()

    done = export(db, link, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert NOTE in real.read_text(encoding="utf-8")
    assert temp_files(data) == [] and temp_files(tmp_path) == []


def test_a_relative_dangling_link_resolves_from_its_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    link = tmp_path / "a" / "out.md"
    link.symlink_to(Path("..") / "b" / "real.md")
    target = export_target(link)
    assert target.link and target.exists and not target.real_exists
    assert target.real == (tmp_path / "b" / "real.md").resolve()
    write_atomic(link, "text", overwrite=True)
    assert (tmp_path / "b" / "real.md").read_text(encoding="utf-8") == "text"
    assert link.is_symlink()


def test_writing_through_a_link_puts_the_temp_file_next_to_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_tui.notes import export as export_module

    data = tmp_path / "data"
    data.mkdir()
    real = data / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "out.md"
    link.symlink_to(real)
    renames: list[tuple[Path, Path]] = []
    replace = os.replace

    def recording(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        renames.append((Path(src), Path(dst)))
        replace(src, dst)

    monkeypatch.setattr(export_module.os, "replace", recording)
    assert write_atomic(link, "new", overwrite=True) == link
    [(src, dst)] = renames
    assert src.parent == real.resolve().parent and dst == real.resolve()
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600, "the replaced file's permissions are kept"
    assert link.is_symlink()


def test_a_link_loop_is_refused(tmp_path: Path, db: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(ExportError, match="loop"):
        write_atomic(tmp_path / "a", "x", overwrite=True)
    result = export(db, tmp_path / "a", "--force")
    assert result.returncode == 2
    no_traceback(result)
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_a_link_to_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "out.md").symlink_to(tmp_path / "folder")
    with pytest.raises(ExportNotAFile, match="folder"):
        write_atomic(tmp_path / "out.md", "x", overwrite=True)
    assert (tmp_path / "out.md").is_symlink()


# ------------------------------------------- pipes, devices, sockets, folders


@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_is_refused_at_once(tmp_path: Path, db: Path, force: bool) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = export(db, fifo, *(["--force"] if force else []))  # would block if it opened the FIFO
    assert result.returncode == 2
    assert "named pipe" in result.stderr and "'-o -'" in result.stderr
    no_traceback(result)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert temp_files(tmp_path) == []


def test_a_link_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "out.md").symlink_to(tmp_path / "pipe")
    with pytest.raises(ExportNotAFile, match="named pipe"):
        write_atomic(tmp_path / "out.md", "x", overwrite=True)
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_dev_null_is_refused(db: Path) -> None:
    # Without --force only: a broken export must not get a chance to replace /dev/null.
    result = export(db, "/dev/null")
    assert result.returncode == 2
    assert "device" in result.stderr
    no_traceback(result)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.fixture
def char_device(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError as error:
        pytest.skip(f"mknod not allowed here: {error}")
    return node


def test_a_device_is_refused_even_with_force(tmp_path: Path, db: Path, char_device: Path) -> None:
    result = export(db, char_device, "--force")
    assert result.returncode == 2
    assert "device" in result.stderr
    no_traceback(result)
    assert stat.S_ISCHR(os.lstat(char_device).st_mode), "the device node is still there"


def test_a_socket_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short name: socket paths are limited in length
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind("sock")
        with pytest.raises(ExportNotAFile, match="socket"):
            write_atomic(tmp_path / "sock", "x", overwrite=True)
        assert stat.S_ISSOCK(os.lstat(tmp_path / "sock").st_mode)
    finally:
        server.close()


def test_a_folder_is_refused(tmp_path: Path, db: Path) -> None:
    result = export(db, tmp_path, "--force")
    assert result.returncode == 2
    assert "folder" in result.stderr
    no_traceback(result)


def test_a_hostile_name_is_shown_on_one_line(tmp_path: Path, db: Path) -> None:
    fifo = tmp_path / "evil\n\x1b[31mname"
    os.mkfifo(fifo)
    with pytest.raises(ExportNotAFile) as info:
        write_atomic(fifo, "x", overwrite=True)
    assert "\n" not in str(info.value) and "\x1b" not in str(info.value)
    result = export(db, fifo)
    assert result.returncode == 2 and "\x1b" not in result.stderr
    no_traceback(result)


def test_export_target_describes_without_opening(tmp_path: Path) -> None:
    new = export_target(tmp_path / "new.md")
    assert not new.exists and not new.link and new.real == tmp_path / "new.md"
    (tmp_path / "file.md").write_text("x", encoding="utf-8")
    file = export_target(tmp_path / "file.md")
    assert file.exists and file.real_exists and not file.link
    with pytest.raises(ExportError, match="does not exist"):
        export_target(tmp_path / "missing" / "out.md")


def test_without_overwrite_a_link_is_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "out.md").symlink_to(real)
    with pytest.raises(ExportExists, match="is a link to"):
        write_atomic(tmp_path / "out.md", "new")
    assert real.read_text(encoding="utf-8") == "old"


# ------------------------------------------------------------ output errors


def test_stdout_to_dev_full_is_a_message_and_exit_2(db: Path) -> None:
    with open("/dev/full", "w") as full:
        result = run_cli("export", str(BUNDLED), "--notes", str(db), stdout=full)
    assert result.returncode == 2
    assert "No space left on device" in result.stderr
    no_traceback(result)


def test_dash_is_stdout(db: Path) -> None:
    result = export(db, "-")
    assert result.returncode == 0, result.stderr
    assert NOTE in result.stdout


def test_schema_to_dev_full_is_a_message_and_exit_2() -> None:
    with open("/dev/full", "w") as full:
        result = run_cli("schema", stdout=full)
    assert result.returncode == 2
    assert "No space left on device" in result.stderr
    no_traceback(result)


def test_a_quiet_closed_pipe_stays_quiet(db: Path) -> None:
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    try:
        result = run_cli("schema", stdout=reader.stdin)
    finally:
        reader.stdin.close()
        reader.wait(timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def _not_leftover(name: str) -> bool:
    return not (name.startswith(".filler-") or (name.startswith(".f") and name[2:].isdigit()))


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path, db: Path) -> None:
    with mounted_tmpfs(tmp_path / "full") as folder:
        out = folder / "out.md"
        out.write_text("old", encoding="utf-8")
        fill(folder)
        result = export(db, out, "--force")
        assert result.returncode == 2
        assert "No space left on device" in result.stderr
        no_traceback(result)
        assert out.read_text(encoding="utf-8") == "old"
        assert [name for name in os.listdir(folder) if _not_leftover(name)] == ["out.md"]


def test_a_full_disk_creates_nothing(tmp_path: Path, db: Path) -> None:
    with full_folder(tmp_path / "full") as folder:
        result = export(db, folder / "new.md")
        assert result.returncode == 2
        assert "No space left on device" in result.stderr
        no_traceback(result)
        assert [name for name in os.listdir(folder) if _not_leftover(name)] == []


def test_a_read_only_disk_is_a_message_and_exit_2(tmp_path: Path, db: Path) -> None:
    with read_only_folder(tmp_path / "ro", files={"out.md": b"old"}) as folder:
        result = export(db, folder / "out.md", "--force")
        assert result.returncode == 2
        assert "Read-only file system" in result.stderr
        no_traceback(result)
        assert (folder / "out.md").read_bytes() == b"old"


# ------------------------------------------------------------ the dialog


class DialogHost(App[None]):
    def __init__(self, dialog: ExportScreen) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def _submit(pilot, path: Path | str) -> None:
    pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def _problem(app: App[None]) -> str:
    return str(app.screen.query_one("#export-problem", Static).render())


async def test_the_dialog_asks_before_writing_through_a_dangling_link(tmp_path: Path) -> None:
    real = tmp_path / "data" / "new.md"
    real.parent.mkdir()
    link = tmp_path / "out.md"
    link.symlink_to(real)
    app = DialogHost(ExportScreen(tmp_path / "x.md", 1))
    async with app.run_test() as pilot:
        await _submit(pilot, link)
        assert isinstance(app.screen, ConfirmScreen), "a dangling link exists: ask"
        assert str(real) in app.screen.message
        await pilot.click("#confirm-yes")
        await pilot.pause()
    assert app.results == [link]


async def test_the_dialog_names_the_target_of_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "out.md"
    link.symlink_to(real)
    app = DialogHost(ExportScreen(tmp_path / "x.md", 1))
    async with app.run_test() as pilot:
        await _submit(pilot, link)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(real) in app.screen.message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen) and app.results == []


@pytest.mark.parametrize("kind", ["fifo", "folder", "missing folder"])
async def test_the_dialog_refuses_and_stays_open(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)
        said = "named pipe"
    elif kind == "folder":
        path = tmp_path
        said = "folder"
    else:
        path = tmp_path / "missing" / "out.md"
        said = "does not exist"
    app = DialogHost(ExportScreen(tmp_path / "x.md", 1))
    async with app.run_test() as pilot:
        await _submit(pilot, path)
        assert isinstance(app.screen, ExportScreen), "no question, no dismissal"
        assert said in _problem(app)
        assert app.screen.query_one(Input).value == str(path), "the typed path is kept"
    assert app.results == []
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(path).st_mode)


async def test_the_dialog_stays_open_when_the_export_fails(tmp_path: Path) -> None:
    tried: list[Path] = []

    def failing(path: Path) -> None:
        tried.append(path)
        raise ExportError("Could not write it: No space left on device. Nothing was written.")

    app = DialogHost(ExportScreen(tmp_path / "x.md", 1, export=failing))
    async with app.run_test() as pilot:
        await _submit(pilot, tmp_path / "new.md")
        assert tried == [tmp_path / "new.md"]
        assert isinstance(app.screen, ExportScreen)
        assert "No space left on device" in _problem(app)
        assert app.screen.query_one(Input).value == str(tmp_path / "new.md")
    assert app.results == []


async def test_the_dialog_closes_when_the_export_succeeds(tmp_path: Path) -> None:
    written: list[Path] = []
    app = DialogHost(ExportScreen(tmp_path / "x.md", 1, export=written.append))
    async with app.run_test() as pilot:
        await _submit(pilot, tmp_path / "new.md")
        await wait_until(pilot, lambda: app.results, "the dialog closed")
    assert written == [tmp_path / "new.md"] and app.results == [tmp_path / "new.md"]


async def test_the_app_writes_through_a_dangling_link_after_asking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    from briefing_tui.app import make_app
    from briefing_tui.model.loader import load_briefing

    real = tmp_path / "data" / "new.md"
    real.parent.mkdir()
    link = tmp_path / "out.md"
    link.symlink_to(real)
    monkeypatch.chdir(tmp_path)
    app = make_app(briefing=load_briefing(BUNDLED), path=BUNDLED, notes_path=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), "the export dialog")
        await _submit(pilot, link)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(real) in app.screen.message
        await pilot.click("#confirm-yes")
        await wait_until(pilot, real.exists, "the export written through the link")
    assert link.is_symlink() and NOTE in real.read_text(encoding="utf-8")
