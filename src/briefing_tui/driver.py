"""Textual's terminal driver, made to survive the terminal going away.

When a terminal window closes, the kernel hangs up its pty: the app gets SIGHUP,
and from then on every read and write on the terminal fails with EIO. Textual
8's Linux driver handles neither failure:

- its output thread dies on the first failed write, after which its bounded
  queue fills and the next write blocks the app's loop for ever, so the SIGHUP
  handler that would save the notes never runs (the app hangs, its notes
  unsaved);
- its input thread's failed read makes the app "panic" with a traceback.

:class:`HangupSafeDriver` wraps the terminal so that a failed write is dropped
(there is no one left to draw for) and reports a hang-up, once, to the app's
own ``on_hangup`` callback, which saves what is typed and exits as after SIGHUP.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

#: What reading or writing a hung-up terminal fails with (EIO on Linux; ENXIO
#: and EBADF where the terminal is gone altogether). Other errors are crashes.
HANGUP_ERRNOS = frozenset({errno.EIO, errno.ENXIO, errno.EBADF})


def _is_hangup(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in HANGUP_ERRNOS


class _Terminal:
    """The terminal's output file; after the first failed write, a sink (so
    the output thread never dies and its queue never blocks the app).

    Used by Textual's output thread only (and by the driver for the file's
    number), so a failure is reported from that thread."""

    def __init__(self, file: IO[str], on_failure: Callable[[BaseException], None]) -> None:
        self._file = file
        self._on_failure = on_failure
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except (OSError, ValueError) as error:  # EIO after a hang-up; ValueError: closed
                self._fail(error)
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError) as error:
                self._fail(error)

    def _fail(self, error: BaseException) -> None:
        self.gone = True
        self._on_failure(error)

    def __getattr__(self, name: str) -> Any:  # fileno, isatty, encoding...
        return getattr(self._file, name)


class HangupSafeDriver(LinuxDriver):
    """:class:`LinuxDriver` that turns a hung-up terminal into one call of
    ``app.on_hangup()``, and any other failure of its input thread into
    ``app.on_driver_failure(error)``: both called from the driver's threads."""

    def __init__(self, app: Any, **options: Any) -> None:
        super().__init__(app, **options)
        self._reported = threading.Lock()
        self._hung_up = False
        if self._file is not None:
            self._file = _Terminal(self._file, self._output_failed)  # type: ignore[assignment]

    def _output_failed(self, error: BaseException) -> None:
        """A write failed: a hang-up (see HANGUP_ERRNOS, or the file closed), else a crash."""
        if isinstance(error, ValueError) or _is_hangup(error):
            self._report_hangup()
        else:
            self._failed(error)

    def _report_hangup(self) -> None:
        with self._reported:
            if self._hung_up:
                return
            self._hung_up = True
        callback = getattr(self._app, "on_hangup", None)
        if callback is not None:
            callback()

    def _run_input_thread(self) -> None:
        try:
            self.run_input_thread()
        except BaseException as error:
            if _is_hangup(error):  # the terminal hung up: not a crash
                self._report_hangup()
            else:
                self._failed(error)

    def _failed(self, error: BaseException) -> None:  # a crash: the app's handler, not Textual's traceback
        callback = getattr(self._app, "on_driver_failure", None)
        if callback is None:
            raise error
        callback(error)


__all__ = ["HangupSafeDriver"]
