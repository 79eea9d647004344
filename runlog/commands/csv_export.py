"""``runlog export``: the log as CSV for a spreadsheet or a podiatrist."""

from __future__ import annotations

import io
import sys

from runlog.cli import date_argument, path_argument
from runlog.errors import UserError

#: ``Units``' values, written out: importing the domain here would cost
#: ``--help`` its start-up (a test keeps the two equal).
UNIT_CHOICES = ("km", "mi")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write your runs as CSV (one row per run and pain site)",
        description="Write your runs as CSV: one row per run and pain site, numbers as plain "
        "numbers, text that a spreadsheet would run as a formula made harmless. "
        "Without --since/--until every run is written.",
    )
    parser.add_argument("-o", "--output", metavar="FILE", type=path_argument,
                        help="write to FILE (created readable only by you) instead of the screen")
    parser.add_argument("--units", choices=UNIT_CHOICES,
                        help="distance unit of the distance and pain-onset columns "
                        "(default: the log's setting, as the TUI shows it)")
    parser.add_argument("--since", metavar="DATE", type=date_argument, help="first date to include")
    parser.add_argument("--until", metavar="DATE", type=date_argument, help="last date to include")
    parser.add_argument("--dictionary", action="store_true",
                        help="write the column dictionary (what each column means) instead of the runs")
    parser.set_defaults(handler=run, usage_error=parser.error, prints_its_work="the export")


def run(args, context) -> int:
    # Only the pure column list here: the dictionary must not load the
    # database layer (SQLAlchemy alone is most of a second).
    from runlog.domain import Units
    from runlog.formats.contract_csv.columns import dictionary

    if args.dictionary:
        # The dictionary reads no log: km unless --units says otherwise.
        units = Units(args.units or "km")
        if args.since or args.until:
            args.usage_error("--dictionary describes the columns; it takes no --since or --until")
        text = dictionary(units)
        if args.output is None:
            sys.stdout.write(text)
        else:
            from runlog.formats.atomic import write_file

            write_file(args.output, lambda stream: stream.write(text))
        return 0
    if args.since and args.until and args.since > args.until:
        raise UserError(f"--since {args.since} is after --until {args.until}")
    from runlog.formats.contract_csv.exporter import export_csv

    store = context.open_existing_store()
    units = Units(args.units) if args.units else _log_units(store)
    if args.output is not None:
        count = export_csv(store, args.output, units, args.since, args.until)
        print(f"exported {count} run{'' if count == 1 else 's'} to {args.output}")
        return 0
    return _to_stdout(store, units, args)


def _log_units(store):
    """The distance unit the log is set to show (a SQLite log read without
    SQLAlchemy, as its rows are)."""
    from runlog.domain import Units

    if store.sqlite_path is not None:
        from runlog.store.csv_rows import log_units

        return Units(log_units(store.sqlite_path))
    from runlog.store.settings import get_settings

    with store.read() as session:
        return get_settings(session).units


def _to_stdout(store, units, args) -> int:
    """Write UTF-8 with the form's CRLF line ends whatever the terminal's settings,
    control characters in names and notes shown as escapes (``\\x1b``)."""
    from runlog.formats.contract_csv.exporter import write_csv

    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        write_csv(store, sys.stdout, units, args.since, args.until, visible_controls=True)
        return 0
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        write_csv(store, stream, units, args.since, args.until, visible_controls=True)
    finally:
        # Flush, and leave sys.stdout's own buffer open. A closed pipe
        # (``| head``) surfaces here as BrokenPipeError, which the CLI ends quietly.
        stream.detach()
    return 0
