"""``runlog report``: the weekly review as Markdown, to print or attach."""

from __future__ import annotations

import argparse
import sys

from runlog.cli import date_argument
from runlog.errors import UserError

#: Twenty years of weeks: more is a typing slip, not a report.
MAX_WEEKS = 1040


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="weekly review as Markdown",
        description=(
            "Print a weekly review as Markdown: each week's figures and runs, the patterns "
            "found with their evidence, and the disclaimer. Weeks start on the configured "
            "first day of the week."
        ),
    )
    parser.add_argument(
        "--weeks",
        metavar="N",
        type=_weeks,
        default=4,
        help="how many weeks to cover (default 4)",
    )
    parser.add_argument(
        "--until",
        metavar="DATE",
        type=date_argument,
        help="the report ends with the week containing DATE (default today)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context) -> int:
    from runlog.report_md import render_report
    from runlog.review import review_span

    until = args.until or context.today
    factory = context.open_existing_store()
    try:
        with factory.read() as session:
            span = review_span(session, until, args.weeks, context.today)
    except OverflowError:
        raise UserError(
            f"--until {until.isoformat()} with --weeks {args.weeks} reaches past the dates runlog can handle"
        ) from None
    sys.stdout.write(render_report(span))
    return 0


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of weeks") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"weeks must be between 1 and {MAX_WEEKS}")
    return weeks
