"""The ``runlog`` command: arguments -> database path -> migrate -> TUI or command."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from runlog import __version__
from runlog.dburl import ServerURL
from runlog.domain.dates import parse_date
from runlog.errors import UserError

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "runlog.commands.csv_import",
    "runlog.commands.csv_export",
    "runlog.commands.detect",
    "runlog.commands.report",
    "runlog.commands.backup",
)


@dataclass
class Context:
    """What a subcommand needs besides its arguments."""

    #: An SQLite file, or a server's URL (which never shows its password).
    db_path: Path | ServerURL
    today: dt.date

    def open_store(self):
        """Open (creating and migrating as needed) the database."""
        from runlog.store import open_database

        return open_database(self.db_path)

    def open_existing_store(self):
        """Open the database for a command that only reads: where no log
        exists it raises ``UserError`` and creates nothing."""
        from runlog.store import open_existing

        return open_existing(self.db_path)


class _Parser(argparse.ArgumentParser):
    """argparse with one-sentence errors and exit status 2 for wrong usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"runlog: {message}\n")


def date_argument(text: str) -> dt.date:
    """argparse type for ``--since``/``--until``: ISO or an unambiguous date."""
    try:
        return parse_date(text, dt.date.today())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="runlog",
        description="Log your runs and knee pain; spot the runner's-knee pattern.",
    )
    parser.add_argument("--version", action="version", version=f"runlog {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file, or a postgresql+psycopg://user@host:port/dbname URL "
        "(default: $RUNLOG_DB, else runlog.db in your user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the TUI on a throwaway database filled with a demo history",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``runlog`` console script; returns the exit status."""
    from runlog.paths import resolve_db_path

    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if args.demo and handler is not None:
        parser.error("--demo opens the TUI; it does not combine with a command")
    try:
        if args.demo:
            from runlog.tui.demo import run_demo

            return run_demo()
        context = Context(db_path=resolve_db_path(args.db), today=dt.date.today())
        if handler is None:
            store = context.open_store()
            from runlog.tui.app import run_app

            return run_app(store)
        return handler(args, context)
    except UserError as exc:
        print(f"runlog: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (``runlog export | head``): stop quietly, and
        # keep Python from complaining about the closed stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("runlog: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
