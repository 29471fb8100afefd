"""The `briefing-tui` command line.

``briefing-tui [PATH]`` opens the app (a file, a folder of briefings, or the
bundled briefings); ``validate``, ``schema``, ``export`` and ``search`` work
without the UI and never import Textual, so they stay fast in scripts and CI.

Exit codes: 0 success; 1 a check failed (``validate`` found problems,
``search`` found nothing); 2 the command could not run (bad usage, a briefing
that does not load, a file that cannot be written).
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, cast

from briefing_tui import __version__
from briefing_tui.exits import EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK

COMMANDS = ("validate", "schema", "export", "search")


def _versions() -> str:
    from importlib import metadata  # slow to import: only for --version

    try:
        textual = metadata.version("textual")
    except metadata.PackageNotFoundError:  # pragma: no cover
        textual = "unknown"
    return f"briefing-tui {__version__} (Textual {textual})"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest=dest, nargs=0, help="show the app's and Textual's versions and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(_versions())
        parser.exit()


def _add_notes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notes",
        metavar="PATH",
        type=Path,
        help="notes database to use (default: $BRIEFING_TUI_NOTES, else the user data dir)",
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-tui",
        description="Read structured YAML policy briefings in the terminal. "
        f"Commands: {', '.join(COMMANDS)} (see 'briefing-tui COMMAND --help').",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a briefing file, or a folder of briefings (default: the bundled briefings)",
    )
    _add_notes_option(parser)
    parser.add_argument(
        "--log",
        metavar="FILE",
        type=Path,
        help="also append the app's own messages (a briefing's problems, where unsaved notes or a crash "
        "report went) to FILE; redirecting stderr instead blanks the screen, since the app draws on it",
    )
    parser.add_argument("--version", action=_VersionAction)
    return parser


class _Tee:
    """stderr that also appends to a log file (the app draws on the real one)."""

    def __init__(self, stream: TextIO, log: TextIO) -> None:
        self.stream, self.log = stream, log

    def write(self, text: str) -> int:
        self.log.write(text)
        self.log.flush()
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-tui")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser(
        "validate", help="check briefing files", description="Check briefing files; exit 1 if any has a problem."
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE", help="briefing files or folders")

    sub.add_parser("schema", help="print the JSON Schema of the briefing format")

    export = sub.add_parser(
        "export",
        help="export a briefing's notes as Markdown",
        description="Export a briefing's notes as Markdown, to stdout or to a file. The file must be a regular "
        "file or a new name in an existing folder; a symbolic link to one is written through (its target is "
        "replaced, the link stays). Folders, named pipes, devices and sockets are refused. The file is "
        "written all-or-nothing; exit 2 if it cannot be written.",
    )
    export.add_argument(
        "briefing", type=Path, metavar="BRIEFING", nargs="?", help="a briefing file (default: the bundled briefing)"
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="a regular file, or a link to one; '-' for stdout (the default)"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (through a link, a dangling one too: the link's target)",
    )
    _add_notes_option(export)

    search = sub.add_parser("search", help="search a briefing; exit 1 when nothing matches")
    search.add_argument("briefing", type=Path, metavar="BRIEFING")
    search.add_argument(
        "query", nargs="+", metavar="QUERY", help='words, "phrases", filters (in:, tag:, actor:, year:, #N)'
    )
    _add_notes_option(search)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `briefing-tui schema | head`: the reader went away; that is not an error.
        _drop_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        args = _command_parser().parse_args(args_list)
        handler = {
            "validate": _validate,
            "schema": _schema,
            "export": _export,
            "search": _search,
        }[args.command]
        return _run_command(args.command, handler, args)
    args = _app_parser().parse_args(args_list)
    from briefing_tui.launch import launch  # imports Textual: only on this path

    if args.log is None:
        return launch(args.path, notes_path=args.notes)
    try:
        log = open(args.log, "a", encoding="utf-8")  # noqa: SIM115 (closed below, after the app)
    except OSError as error:
        from briefing_tui.textsafe import literal_line, say

        say(f"briefing-tui: cannot write the log {literal_line(str(args.log))}: {error.strerror}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    stderr = sys.stderr
    sys.stderr = cast(TextIO, _Tee(stderr, log))  # a text stream in all that is used
    try:
        return launch(args.path, notes_path=args.notes)
    finally:
        sys.stderr = stderr
        log.close()


#: What writing the output can fail with (EPIPE, a closed pipe, is quiet: see main).
_OUTPUT_ERRORS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS", "EACCES", "EPERM", "EBADF", "ENXIO")
    if hasattr(errno, name)
)


def _run_command(name: str, handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command and flush its output. Stdout failing (`> /dev/full`, an
    I/O error, a read-only disk behind it) is one line on stderr and exit 2,
    never a traceback; a closed pipe goes on to main, which keeps it quiet."""
    try:
        status = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # fail here, not at exit
        return status
    except BrokenPipeError:
        raise
    except OSError as error:
        # A stream's write error names no file; a file a command opened does.
        if error.filename is not None or error.errno not in _OUTPUT_ERRORS:
            raise
        _drop_stdout()
        try:
            print(f"briefing-tui {name}: cannot write to stdout: {error.strerror or error}", file=sys.stderr)
        except (OSError, ValueError):
            pass
        return EXIT_CANNOT_RUN


def _drop_stdout() -> None:
    """Point stdout at the null device, so what is left in its buffer cannot fail again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _briefing_files(paths: Sequence[Path]) -> list[tuple[Path, bool]]:
    """(file, whether it was found in a folder rather than named)."""
    from briefing_tui.model.library import library_files

    files: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            files.extend((found, True) for found in library_files(path))
        else:
            files.append((path, False))
    return files


def _validate(args: argparse.Namespace) -> int:
    from briefing_tui.model.loader import BriefingError, load_briefing
    from briefing_tui.textsafe import literal_line, say

    failed = False
    files = _briefing_files(args.files)
    if not files:
        print("briefing-tui validate: no briefing files (*.yaml, *.yml) found", file=sys.stderr)
        return EXIT_CANNOT_RUN
    for path, in_folder in files:
        try:
            load_briefing(path)
        except BriefingError as error:
            if in_folder and _not_a_briefing(path):
                say(f"{literal_line(str(path))}: skipped, not a briefing (no format: key)")
                continue
            failed = True
            for problem in error.problems:
                say(problem)
        else:
            say(f"{literal_line(str(path))}: OK")
    return EXIT_FAILED if failed else EXIT_OK


def _not_a_briefing(path: Path) -> bool:
    from briefing_tui.model.library import SNIFF_BYTES, looks_like_briefing

    try:
        with path.open("rb") as file:
            return not looks_like_briefing(file.read(SNIFF_BYTES))
    except OSError:
        return False


def _schema(args: argparse.Namespace) -> int:
    import json

    from briefing_tui.model.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from briefing_tui.commands import export_command

    return export_command(args)


def _search(args: argparse.Namespace) -> int:
    from briefing_tui.commands import search_command

    return search_command(args)
