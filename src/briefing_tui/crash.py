"""Crash reports: what broke, where, on what versions; never locals, notes or passwords.

When an exception escapes a handler, the app (see ``BriefingApp._handle_exception``)
saves what is typed, then asks this module for a report and writes it to the
log dir. Headless: no Textual, no Rich, so it can be tested (and used) without
a terminal.

* **What a report holds**: the app's, Python's and Textual's versions, the
  platform, the exception's type and message, and its traceback as
  :func:`traceback.format_exception` prints it: file, line, function and source
  line of each frame, chained exceptions too, and *no local variables* (Textual's
  own traceback shows them, and they hold note text and connection strings).
* **One choke point**: every piece of text goes through :class:`Redactor`
  (:func:`build_report` applies it to the whole report once), which masks the
  note texts it is given, passwords in URLs and in ``password=...`` forms, and
  replaces control characters (:func:`briefing_tui.textsafe.strip_control`).
* **Where**: ``$BRIEFING_TUI_LOG_DIR`` if set, else the user log dir
  (``platformdirs.user_log_dir("briefing-tui")``); if that cannot be written,
  the system temp dir. Names are ``briefing-tui-crash-<UTC time>-<pid>.txt``;
  only the newest :data:`KEEP` reports are kept. If no file can be written,
  :func:`write_report` returns None and the caller shows the report itself.
"""

from __future__ import annotations

import os
import platform
import re
import tempfile
import traceback
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from briefing_tui import __version__
from briefing_tui.textsafe import one_line, strip_control

#: Environment variable naming the folder for crash reports (tests set it).
ENV_VAR = "BRIEFING_TUI_LOG_DIR"
#: How many reports are kept in a folder; older ones are deleted.
KEEP = 10
PREFIX = "briefing-tui-crash-"
SUFFIX = ".txt"
#: What a masked note text or password becomes.
NOTE_MASK = "[note text]"
SECRET_MASK = "***"
#: Note fragments shorter than this are not masked: masking every "ok" or "a"
#: in a traceback would make it unreadable and hides nothing worth hiding.
MIN_FRAGMENT = 4
#: The one-line message is cut to this many characters.
MESSAGE_WIDTH = 200

# scheme://user:password@host -- the user part may be empty (redis://:pw@host);
# the password runs to the last "@" of the token (an unencoded "@" in it too).
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'\"]*:)(?P<secret>[^\s'\"<>]*)@")
# password=..., PGPASSWORD=..., "password": "...", api_key: ..., in DSNs, dicts,
# JSON, environment dumps. A quoted value is masked up to its closing quote.
_KEY = r"[\w.-]*(?:passw(?:or)?d|pwd|secret|api[_-]?key|auth[_-]?token|access[_-]?token)[\w.-]*"
_KEYWORD_SECRET = re.compile(
    rf"(?P<head>\b{_KEY}['\"]?\s*[=:]\s*)"
    r"(?:(?P<quote>['\"])(?P<quoted>.*?)(?P=quote)|(?P<bare>[^\s'\"&;,)}\]]+))",
    re.IGNORECASE,
)


class Redactor:
    """The one choke point of a report's text: note texts, passwords, control characters.

    `notes` are the texts to mask wherever they occur, whole, in their escaped
    (``repr``) form, or line by line.
    """

    def __init__(self, notes: Iterable[str] = ()) -> None:
        fragments: set[str] = set()
        for text in notes:
            if not isinstance(text, str):
                continue
            for candidate in (text, text.strip(), repr(text)[1:-1], *text.splitlines()):
                candidate = candidate.strip()
                if len(candidate) >= MIN_FRAGMENT:
                    fragments.add(candidate)
        # Longest first, so a whole note is masked before any line of it.
        self._fragments = sorted(fragments, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for fragment in self._fragments:
            if fragment in text:
                text = text.replace(fragment, NOTE_MASK)
        text = _URL_PASSWORD.sub(lambda m: m["head"] + SECRET_MASK + "@", text)
        text = _KEYWORD_SECRET.sub(_mask_keyword, text)
        return strip_control(text)


def _mask_keyword(match: re.Match[str]) -> str:
    if match["quote"]:
        return f"{match['head']}{match['quote']}{SECRET_MASK}{match['quote']}"
    return match["head"] + SECRET_MASK


def redact(text: str, notes: Iterable[str] = ()) -> str:
    """`text` through a :class:`Redactor` of `notes`."""
    return Redactor(notes)(text)


def _exception_message(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # a broken __str__ must not break the report
        return "(the message could not be read)"


def summary(error: BaseException, redactor: Redactor) -> str:
    """``Type: message`` on one line, redacted and cut to :data:`MESSAGE_WIDTH`."""
    message = one_line(redactor(_exception_message(error)))
    if len(message) > MESSAGE_WIDTH:
        message = message[: MESSAGE_WIDTH - 1] + "…"
    name = one_line(redactor(type(error).__name__))
    return f"{name}: {message}" if message else name


def _textual_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("textual")
    except metadata.PackageNotFoundError:
        return "not installed"


def build_report(
    error: BaseException,
    redactor: Redactor,
    *,
    context: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> str:
    """The report on `error`, redacted as a whole by `redactor`.

    `context` adds ``name: value`` lines (what happened to the typed notes).
    """
    when = (now or datetime.now(UTC)).astimezone(UTC)
    error_type = type(error)
    lines = [
        "briefing-tui crash report",
        "",
        f"Time: {when.isoformat(timespec='seconds')}",
        f"briefing-tui: {__version__}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Textual: {_textual_version()}",
        f"Platform: {platform.platform()}",
        f"Exception: {error_type.__module__}.{error_type.__qualname__}",
        f"Message: {_exception_message(error)}",
    ]
    for name, value in (context or {}).items():
        lines.append(f"{name}: {value}")
    try:
        # format_exception never shows locals: file, line, function and source line only.
        trace = "".join(traceback.format_exception(error_type, error, error.__traceback__))
    except Exception as failure:  # pragma: no cover - the traceback module itself failing
        trace = f"(the traceback could not be formatted: {type(failure).__name__})\n"
    lines += ["", trace.rstrip("\n"), ""]
    return redactor("\n".join(lines))


def log_dir() -> Path:
    """``$BRIEFING_TUI_LOG_DIR`` if set and not empty, else the user log dir."""
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir("briefing-tui"))


def _reports(folder: Path) -> list[Path]:
    """The reports in `folder`, oldest first."""

    def age(path: Path) -> tuple[int, str]:
        try:
            return path.stat().st_mtime_ns, path.name
        except OSError:
            return 0, path.name

    return sorted((p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file()), key=age)


def prune(folder: Path, keep: int = KEEP, *, spare: Path | None = None) -> None:
    """Delete all but the newest `keep` reports of `folder` (never `spare`)."""
    try:
        reports = _reports(folder)
    except OSError:
        return
    excess = len(reports) - keep
    for path in reports:
        if excess <= 0:
            break
        if path == spare:
            continue
        try:
            path.unlink()
        except OSError:
            pass
        excess -= 1


def _write_in(folder: Path, text: str, when: datetime) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = when.astimezone(UTC).strftime("%Y%m%d-%H%M%S-%f")
    base = f"{PREFIX}{stamp}-{os.getpid()}"
    for attempt in range(100):
        path = folder / (base + (f"-{attempt}" if attempt else "") + SUFFIX)
        try:
            # "x": never overwrite a report, even one of another process.
            with path.open("x", encoding="utf-8") as file:
                file.write(text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(folder / base)


def write_report(text: str, *, folders: Iterable[Path] | None = None, now: datetime | None = None) -> Path | None:
    """Write `text` (already redacted) to the log dir, else the temp dir; prune
    old reports there. The path written, or None if no folder would take it."""
    when = now or datetime.now(UTC)
    if folders is None:
        try:
            first = log_dir()
        except Exception:  # platformdirs failing: go to the temp dir
            first = None
        folders = [f for f in (first, Path(tempfile.gettempdir())) if f is not None]
    for folder in folders:
        try:
            path = _write_in(folder, text, when)
        except OSError:
            continue
        prune(folder, spare=path)
        return path
    return None


def crash_message(summary_line: str, *, report: Path | None, report_text: str, notes: str) -> str:
    """What the user reads after a crash: what broke, the notes, where the report is.

    Without a report file, the (redacted) report itself follows.
    """
    lines = [f"briefing-tui crashed: {summary_line}", notes]
    if report is not None:
        lines.append(f"A crash report (no notes, no passwords) is in {report}")
    else:
        lines += ["No crash report file could be written; here it is:", "", report_text.rstrip("\n")]
    return strip_control("\n".join(lines))
