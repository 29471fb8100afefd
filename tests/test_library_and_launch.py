"""Launching: a file, a folder (library screen), no argument (bundled), and bad files."""

from __future__ import annotations

from pathlib import Path

from briefing_tui.app import make_app
from briefing_tui.bundled import bundled_dir
from briefing_tui.launch import launch
from briefing_tui.screens.briefing import BriefingScreen
from briefing_tui.screens.error import ErrorScreen
from briefing_tui.screens.library import LibraryScreen
from tests.conftest import BUNDLED, MINIMAL, wait_until

SIZE = (120, 40)


def make_library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a-good.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "b-bad.yaml").write_text(MINIMAL.replace("    title: Second", "    titel: Second"), encoding="utf-8")
    (folder / "c-bundled.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "readme.txt").write_text("not a briefing")
    return folder


async def wait_for_rows(pilot, table, count):
    await wait_until(pilot, lambda: table.option_count >= count, f"{count} rows")


async def test_library_lists_every_briefing_including_broken_ones(tmp_path):
    app = make_app(library=make_library(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 3)
        assert table.option_count == 3
        rows = [table.get_option_at_index(i).prompt.plain for i in range(3)]
        assert "A minimal briefing" in rows[0] and "Ruritania · Freedonia" in rows[0] and "May 2024" in rows[0]
        assert "b-bad.yaml" in rows[1] and "does not load: 2 problems" in rows[1]
        assert "Belarus–Netherlands relations" in rows[2] and " 9" in rows[2]


async def test_a_reopened_library_shows_its_cached_rows_in_the_first_frame(tmp_path, monkeypatch):
    folder = make_library(tmp_path)
    app = make_app(library=folder)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one("#library-progress")
        await wait_until(
            pilot, lambda: app.screen.query_one("#library-table").option_count == 3 and not bar.display, "all rows"
        )
    # Without the worker, only what was shown before it ran: the rows up to
    # the first file the cache cannot vouch for (b-bad.yaml: failed files are
    # never cached), and no progress bar.
    with monkeypatch.context() as patched:
        patched.setattr(LibraryScreen, "_scan", lambda self, *args: None)
        app = make_app(library=folder)
        async with app.run_test(size=SIZE):
            table = app.screen.query_one("#library-table")
            assert [table.get_option_at_index(i).id for i in range(table.option_count)] == [str(folder / "a-good.yaml")]
            assert "A minimal briefing" in table.get_option_at_index(0).prompt.plain
            assert not app.screen.query_one("#library-progress").display
    app = make_app(library=folder)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 3)
        assert [table.get_option_at_index(i).id for i in range(3)] == [
            str(folder / n) for n in ("a-good.yaml", "b-bad.yaml", "c-bundled.yaml")
        ]


async def test_r_reads_the_folder_again(tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    app = make_app(library=folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        empty = screen.query_one("#library-empty")
        await wait_until(pilot, lambda: empty.display, "the empty message")
        (folder / "b.yaml").write_text(MINIMAL, encoding="utf-8")
        await pilot.press("r")
        table = screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 1)
        assert not empty.display and screen.query_one("#library-columns").display
        (folder / "a.yaml").write_text(MINIMAL.replace("A minimal briefing", "Added later"), encoding="utf-8")
        await pilot.press("r", "r")  # a second reload while the first one's worker runs
        bar = screen.query_one("#library-progress")
        await wait_until(pilot, lambda: table.option_count == 2 and not bar.display, "both rows")
        await app.workers.wait_for_complete()  # a replaced scan would post its rows by now
        await pilot.pause()
        rows = [table.get_option_at_index(i).prompt.plain for i in range(table.option_count)]
        assert len(rows) == 2 and "Added later" in rows[0] and "A minimal briefing" in rows[1]


async def test_library_error_view_then_open_a_good_one_and_come_back(tmp_path):
    app = make_app(library=make_library(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 3)
        table.focus()
        await pilot.press("down", "enter")  # the broken one
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        problems = str(app.screen.query_one("#error-problems").render())
        assert "b-bad.yaml:25:5: recommendations #1 (rec-two).titel: unknown field 'titel'" in problems
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen), "the app keeps running after an error"
        await pilot.press("up", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing opens", tries=50)
        assert app.screen.briefing.meta.id == "mini"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_library_of_an_empty_folder_says_so(tmp_path):
    app = make_app(library=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        empty = app.screen.query_one("#library-empty")
        await wait_until(pilot, lambda: empty.display, "the empty message", tries=40)
        assert "No briefings" in str(empty.render())


async def test_a_file_that_breaks_after_listing_shows_an_error_view(tmp_path):
    folder = make_library(tmp_path)
    app = make_app(library=folder)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 3)
        (folder / "a-good.yaml").write_text("- broken\n", encoding="utf-8")
        table.focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error view", tries=50)
        assert "top level is a list" in str(app.screen.query_one("#error-problems").render())


def test_launch_on_a_bad_file_exits_2_with_the_problems_on_stderr(write_file, capsys):
    path = write_file(MINIMAL.replace("kind: report", "kind: memo"))
    assert launch(path) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "sources #1 (src-a).kind" in err


def test_launch_on_a_missing_file_exits_2(tmp_path, capsys):
    assert launch(tmp_path / "missing.yaml") == 2
    assert "cannot be read" in capsys.readouterr().err


def test_bundled_dir_holds_the_bundled_briefing():
    assert (bundled_dir() / "belarus-netherlands.yaml").is_file()


async def test_a_briefing_closed_from_the_library_is_freed_soon_after(tmp_path):
    """Each briefing closed is freed within moments of closing, the last one
    too, without waiting for the next open (nothing here runs the collector)."""
    import weakref

    app = make_app(library=make_library(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#library-table")
        await wait_for_rows(pilot, table, 3)
        table.focus()
        closed = []
        for row in (0, 2, 0):
            table.highlighted = row
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing opens", tries=50)
            closed.append(weakref.ref(app.screen))
            await app.workers.wait_for_complete()
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "back at the library")
            await wait_until(pilot, lambda: closed[-1]() is None, "the closed briefing freed", tries=40)
        assert [ref() for ref in closed] == [None, None, None]
