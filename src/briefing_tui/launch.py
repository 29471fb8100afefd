"""Start the app from the command line: load first, so a bad file exits 2 with its
problems on stderr before any screen is drawn."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_tui.bundled import bundled_dir
from briefing_tui.exits import EXIT_CANNOT_RUN
from briefing_tui.model.cache import open_briefing_cached
from briefing_tui.model.problems import BriefingError
from briefing_tui.textsafe import literal_line, say

if TYPE_CHECKING:
    from briefing_tui.app import BriefingApp


def launch(path: Path | None, *, notes_path: Path | None = None) -> int:
    if path is None:
        from briefing_tui.model.library import the_only_briefing

        folder = bundled_dir()
        # One bundled briefing: open it straight away.
        path = the_only_briefing(folder) or folder
    if path.is_dir():
        from briefing_tui.app import make_app

        app = make_app(library=path, notes_path=notes_path)
    else:
        try:
            opened = open_briefing_cached(path)  # the timeline comes after the first paint
        except BriefingError as error:
            say(error, file=sys.stderr)
            say(f"briefing-tui: {literal_line(str(path))} could not be opened", file=sys.stderr)
            return EXIT_CANNOT_RUN
        from briefing_tui.app import make_app

        app = make_app(
            briefing=opened.briefing,
            path=path,
            notes_path=notes_path,
            finish=None if opened.complete else opened.finish,
        )
    result = app.run()
    try:
        _tell_what_was_not_saved(app)
    except OSError:  # the terminal hung up: the recovery file has them (there is no one to tell)
        pass
    if isinstance(result, int):
        return result
    # app.run() returns None when the app crashed; its return_code is then 1.
    return app.return_code or 0


def _tell_what_was_not_saved(app: BriefingApp) -> None:
    if app.recovery_file is not None and app.crash_message is None:  # a crash message names it already
        where = literal_line(str(app.recovery_file))
        say(f"briefing-tui: some notes could not be saved; they are in {where}", file=sys.stderr)
    elif app.notes_unsaved and app.recovery_file is None:
        # The last resort: no folder would take the recovery file.
        say(
            "briefing-tui: some notes could not be saved, and no recovery file could be written "
            f"({app.recovery.problem}); here they are:\n",
            file=sys.stderr,
        )
        say(app.recovery.text(), file=sys.stderr)
