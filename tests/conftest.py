"""Shared fixtures. Every test runs with its notes database and data dirs in a
temporary folder, so nothing touches the repo or the user's real data."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "briefings" / "belarus-netherlands.yaml"

MINIMAL = """\
format: 1
meta:
  id: mini
  title: A minimal briefing
  parties: [Ruritania, Freedonia]
  as_of: "2024-05"
  summary: Two fictional countries and one recommendation.
overview:
  facts:
    - id: fact-relations
      label: Relations established
      value: "1994"
      sources: [src-a]
timeline:
  - id: ev-b
    date: "2009-01-20"
    title: Later event
    sources: [src-a]
  - id: ev-a
    date: "2008"
    title: Earlier event
recommendations:
  - number: 2
    id: rec-two
    title: Second
    text: The second recommendation.
  - number: 1
    id: rec-one
    title: First
    text: The first recommendation.
    actors: [EU]
    sources: [src-a]
sources:
  - id: src-a
    title: A report
    kind: report
"""


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own notes and data dirs out of every test."""
    home = tmp_path_factory.mktemp("data-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("BRIEFING_TUI_NOTES", str(home / "notes.sqlite3"))
    monkeypatch.setenv("BRIEFING_TUI_CACHE", str(home / "cache"))
    monkeypatch.setenv("BRIEFING_TUI_LOG_DIR", str(home / "logs"))  # crash reports
    documents = home / "Documents"  # where the app suggests an export of the bundled briefing
    documents.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write text (dedented) or bytes to a file in a temp dir and return its path."""

    def write(content: str | bytes, name: str = "briefing.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return write


HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile.yaml"


@pytest.fixture(scope="session")
def bundled_briefing():
    from briefing_tui.model.loader import load_briefing

    return load_briefing(BUNDLED)


@pytest.fixture
def app_for(tmp_path: Path):
    """Build the app on a briefing (default: the bundled one), notes in a temp dir."""
    from briefing_tui.app import make_app
    from briefing_tui.model.loader import load_briefing

    def build(path: Path = BUNDLED):
        return make_app(briefing=load_briefing(path), path=path, notes_path=tmp_path / "notes.sqlite3")

    return build


async def wait_until(
    pilot, condition: Callable[[], object], what: str, *, tries: int = 100, step: float = 0.05
) -> None:
    """Let the app run until `condition()` holds; fail saying `what` did not happen."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(step)
    if not condition():
        raise AssertionError(f"never happened: {what}")


async def search_for(pilot, text: str):
    """Open the search bar (if needed), type `text`, wait for its answer; the panel."""
    from briefing_tui.widgets.search_panel import SearchPanel

    app = pilot.app
    if not app.screen.search_open:
        await pilot.press("slash")
    panel = app.screen.query_one(SearchPanel)
    # The index is built in the background.
    await wait_until(pilot, lambda: panel.index is not None, "the search index", step=0.02)
    # All but the last character at once (typing each is tested on its own, in
    # test_search_app); the last one typed, as a reader's key.
    panel.answered = None
    panel.input.value = text[:-1]
    panel.input.cursor_position = len(panel.input.value)
    if text:
        await pilot.press("space" if text[-1] == " " else text[-1])

    def answered() -> bool:
        return panel.answered == text

    await pilot.pause(0.02)
    await wait_until(pilot, answered, f"an answer to {text!r}", step=0.02)
    return panel


async def run_palette(pilot, text: str) -> None:
    """Open the command palette, type `text`, and run the first command found
    once the palette has found one whose name has every word of `text`."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette", step=0.02)
    palette = app.screen
    await pilot.press(*text)
    words = text.casefold().split()

    def found() -> bool:
        commands = palette.query_one(CommandList)
        if not palette.has_class("-ready") or commands.option_count == 0 or commands.highlighted is None:
            return False
        first = commands.get_option_at_index(commands.highlighted).prompt
        name = str(getattr(first, "plain", first)).casefold()
        return all(word in name for word in words)

    await wait_until(pilot, found, f"a palette command for {text!r}", step=0.02)
    await pilot.press("enter")
    await pilot.pause()
