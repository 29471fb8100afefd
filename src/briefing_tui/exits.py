"""The exit codes of the `briefing-tui` command.

0 success; 1 a check failed (``validate`` found problems, ``search`` found
nothing); 2 the command could not run (bad usage, a briefing that does not
load, a file that cannot be written).

A module of its own so that :mod:`briefing_tui.cli`, which dispatches to
:mod:`briefing_tui.commands` and :mod:`briefing_tui.launch`, and those two,
which return the codes, do not import each other in a cycle. Imports nothing.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_CANNOT_RUN = 2
