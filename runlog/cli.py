"""The ``runlog`` command: arguments -> database path -> migrate -> TUI or command.

``runlog --version`` and ``--help`` must start nearly as fast as Python with
argparse: this module and ``runlog.commands`` import nothing at the top but
the standard library's lightest modules, and every subcommand imports what
it needs inside ``run`` (``tests/test_purity.py`` holds them to it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from runlog import __version__
from runlog.errors import UserError, store_failure

#: Said once when a write has to wait for another runlog's.
WAITING = "runlog: waiting for another runlog to finish writing…"

# Not ``typing.TYPE_CHECKING``: importing typing costs every start a few ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from runlog.dburl import ServerURL

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "runlog.commands.csv_import",
    "runlog.commands.csv_export",
    "runlog.commands.detect",
    "runlog.commands.report",
    "runlog.commands.backup",
    "runlog.commands.completion",
    "runlog.commands.man",
    "runlog.commands.log",
    "runlog.commands.morning",
    "runlog.commands.status",
    "runlog.commands.keys",
    "runlog.commands.change",
)

#: The commands ``--demo`` runs on the demo history: those that only read a log.
DEMO_COMMANDS = ("runlog.commands.report", "runlog.commands.detect", "runlog.commands.csv_export")


class Context:
    """What a subcommand needs besides its arguments.

    A plain class: ``dataclasses`` (with ``inspect``) costs a start ~10 ms.
    """

    def __init__(self, db_path: Path | ServerURL, today: dt.date):
        #: An SQLite file, or a server's URL (which never shows its password).
        self.db_path = db_path
        self.today = today
        #: The stores opened, for the damaged rows their reads skipped.
        self.stores: list = []

    def open_store(self):
        """Open (creating and migrating as needed) the database."""
        from runlog.store import open_database

        store = open_database(self.db_path)
        store.on_wait = lambda: print(WAITING, file=sys.stderr, flush=True)
        self.stores.append(store)
        return store

    def open_existing_store(self):
        """Open the database for a command that only reads: where no log
        exists it raises ``UserError`` and creates nothing."""
        from runlog.store import open_existing

        store = open_existing(self.db_path)
        self.stores.append(store)
        return store

    def skipped_notices(self) -> None:
        """Say which damaged rows the command's reads left out (table and row, never the value)."""
        for notice in {store.skipped.notice() for store in self.stores} - {None}:
            print(f"runlog: {notice}.", file=sys.stderr)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it: ``$COLUMNS``,
    else the size of stdout's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized without importing shutil (which loads
    zlib, bz2 and lzma: a few ms of every start, as argparse makes a formatter
    for each argument it adds)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors and exit status 2 for wrong usage."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"runlog: {message}\n")


class _Version(argparse.Action):
    """``--version``: one line, without argparse's help formatter (textwrap, locale)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write(f"runlog {__version__}\n")
        parser.exit()


def date_argument(text: str) -> dt.date:
    """argparse type for ``--since``/``--until``: ISO or an unambiguous date."""
    import datetime as dt

    from runlog.domain.dates import parse_date

    try:
        return parse_date(text, dt.date.today())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def path_argument(text: str) -> Path:
    """argparse type for a file name (pathlib loads on first use, not on every start)."""
    from pathlib import Path

    return Path(text)


DB_HELP = (
    "database file, or a postgresql+psycopg://user@host:port/dbname URL "
    "(default: $RUNLOG_DB, else runlog.db in your user data folder)"
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, subcommands included."""
    parser = _Parser(
        prog="runlog",
        description="Log your runs and knee pain; spot the runner's-knee pattern.",
        epilog="The manual, with exit statuses, files and environment variables: "
        "man runlog (or: runlog man | man -l -).",
    )
    parser.add_argument("--version", action=_Version, help="show runlog's version and exit")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the TUI (or run report, detect or export) on a throwaway database filled with a demo history",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    # Every command takes --db after its name too (``runlog detect --db X``);
    # SUPPRESS keeps a --db given before the command when none follows it.
    for command in subparsers.choices.values():
        command.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``runlog`` console script; returns the exit status."""
    closed = _fill_closed_streams()
    _tolerant_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:
        # Without building the command line (its eleven commands cost a start about a millisecond).
        sys.stdout.write(f"runlog {__version__}\n")
        raise SystemExit(0)  # as argparse's --version does
    if "status" in argv:
        # A shell prompt runs this at every line: it skips building the whole command line.
        from runlog.commands.status import fast_main

        try:
            status = fast_main(argv)
        except UserError as exc:
            return _fail(str(exc))
        if status is not None:
            return status
    parser = build_parser()
    args = parser.parse_args(argv)
    from runlog.paths import resolve_db_path
    handler = getattr(args, "handler", None)
    since, until = getattr(args, "since", None), getattr(args, "until", None)
    if since is not None and until is not None and since > until:
        parser.error(f"--since {since} is after --until {until}")
    if args.demo and handler is not None and handler.__module__ not in DEMO_COMMANDS:
        parser.error("--demo works with report, detect and export (or alone, to open the TUI); "
                     "other commands need your own log")
    if 1 in closed and (handler is None or _prints_its_work(args)):
        return _fail(f"standard output is closed, so there is nowhere to show {_what_prints(args)}; "
                     "run it with standard output open" + (" or give -o FILE" if hasattr(args, "output") else ""))
    try:
        if args.demo and handler is None:
            from runlog.tui.demo import run_demo

            return run_demo()
        import datetime as dt

        if args.demo:
            from runlog.tui.demo import demo_database

            with demo_database(dt.date.today()) as path:
                return _run_command(handler, args, Context(db_path=path, today=dt.date.today()))
        context = Context(db_path=resolve_db_path(args.db), today=dt.date.today())
        if handler is None:
            store = context.open_store()
            from runlog.tui.app import run_app

            return run_app(store)
        return _run_command(handler, args, context)
    except UserError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        # The reader went away (``runlog export | head``): stop quietly, and
        # keep Python from complaining about the closed stdout at exit.
        _drop_stdout()
        return 1
    except OSError as exc:
        import errno

        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EFBIG):
            raise
        _drop_stdout()
        full = exc.errno in (errno.ENOSPC, errno.EFBIG)
        return _fail(f"could not write the output: {'the disk or device is full' if full else 'the device reported an error'}")
    except Exception as exc:
        # The disk filled up or the log is locked mid-command: one sentence,
        # worded from the error's type (its text could quote stored data).
        reason = store_failure(exc)
        if reason is None:
            raise
        return _fail(reason)
    except KeyboardInterrupt:
        print("runlog: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


def _run_command(handler, args: argparse.Namespace, context: Context) -> int:
    status = handler(args, context)
    # Rows the log holds damaged were left out of what was read: said once, after the output.
    context.skipped_notices()
    # Written out here, not at exit: a full disk or a closed pipe behind
    # standard output is then reported like any other failure.
    sys.stdout.flush()
    return status


def _fill_closed_streams() -> set[int]:
    """Standard input, output and error that the caller closed (``runlog report
    >&-``) are opened on the null device, so that no file runlog opens (the
    log itself) takes their number, and printing is not a traceback; returns
    the numbers that were closed."""
    closed = set()
    for number in (0, 1, 2):
        try:
            os.fstat(number)
        except OSError:
            closed.add(number)
    for number in sorted(closed):
        fd = os.open(os.devnull, os.O_RDWR)
        if fd != number:  # the lowest free number is taken: this one
            os.dup2(fd, number)
            os.close(fd)
    if 1 in closed or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    return closed


def _prints_its_work(args: argparse.Namespace) -> bool:
    """Whether the command's work is what it prints (the report, the CSV,
    the findings) rather than a file it writes or a log it changes."""
    return bool(getattr(args, "prints_its_work", False)) and getattr(args, "output", None) is None


def _what_prints(args: argparse.Namespace) -> str:
    return getattr(args, "prints_its_work", None) or "the terminal app"


def _fail(message: str) -> int:
    """Say ``message`` on standard error as one line; exit status 1."""
    from runlog.terminal import printable

    try:
        print(f"runlog: {printable(message)}", file=sys.stderr, flush=True)
    except OSError:
        pass
    return 1


def _drop_stdout() -> None:
    """Point standard output at the null device, so the text still buffered
    for a closed pipe or a full device is not written again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _tolerant_streams() -> None:
    """A character the terminal's encoding cannot show (``PYTHONIOENCODING
    =ascii``, a C locale) becomes ``?`` instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.errors or "strict") == "strict":
            reconfigure(errors="replace")
