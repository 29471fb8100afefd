"""The floor of the first-paint and memory benchmarks: the smallest Textual app
that looks like an app -- a header, a footer and one line of text.

Run it with the same Python as ``briefing-tui`` (``python benchmarks/floor_app.py``);
the benchmarks stop the clock when :data:`READY` is on screen. It imports
nothing but Textual, so it is what any Textual app of ours costs at least.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

#: The line of text the benchmarks wait for.
READY = "Floor app: ready to read"


class FloorApp(App[None]):
    TITLE = "floor"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(READY)
        yield Footer()


if __name__ == "__main__":
    FloorApp().run()
