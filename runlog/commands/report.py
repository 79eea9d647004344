"""``runlog report``: the weekly review as Markdown, or with ``--html`` as one
self-contained page with charts, to print or give to a podiatrist."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from runlog.cli import date_argument
from runlog.errors import UserError

#: Twenty years of weeks: more is a typing slip, not a report.
MAX_WEEKS = 1040
#: Weeks covered unless --weeks says otherwise, Markdown and HTML alike: the
#: 12 weeks the findings look at (two printed pages).
MARKDOWN_WEEKS = 12
HTML_WEEKS = 12


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="weekly review as Markdown or an HTML page",
        description=(
            "Print a weekly review as Markdown: each week's figures and runs, the patterns "
            "found with their evidence, and the disclaimer. With --html, one self-contained "
            "page to open in a browser and print: the findings, onset and weekly charts, "
            "the gear compared and the runs. Weeks start on the configured first day of the week."
        ),
    )
    parser.add_argument("--html", action="store_true", help="write an HTML page instead of Markdown")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE (readable only by you, replaced in one step) instead of printing",
    )
    parser.add_argument(
        "--pdf",
        metavar="FILE",
        type=Path,
        help="print the HTML page to a PDF in FILE (readable only by you) with Chromium, Chrome or Edge, "
        "offline; RUNLOG_BROWSER names another browser",
    )
    parser.add_argument(
        "--weeks",
        metavar="N",
        type=_weeks,
        default=None,
        help="how many weeks to cover (default 12)",
    )
    parser.add_argument(
        "--questions",
        metavar="TEXT",
        default="",
        help="your own questions for your clinician, printed on the first page",
    )
    parser.add_argument(
        "--until",
        metavar="DATE",
        type=date_argument,
        help="the report ends with the week containing DATE (default today)",
    )
    parser.set_defaults(handler=run, prints_its_work="the report")


def run(args: argparse.Namespace, context) -> int:
    from runlog.review import review_span
    from runlog.store.review_data import load_review_data
    from runlog.terminal import printable

    if args.pdf is not None and args.output is not None:
        raise UserError("--pdf names the PDF file itself: give --pdf FILE or -o FILE, not both")
    until = args.until or context.today
    weeks = args.weeks or (HTML_WEEKS if args.html else MARKDOWN_WEEKS)
    factory = context.open_existing_store()
    try:
        with factory.read() as session:
            data = load_review_data(session, until, weeks)
        span = review_span(data, until, weeks, context.today)
    except OverflowError:
        raise UserError(
            f"--until {until.isoformat()} with --weeks {weeks} reaches past the dates runlog can handle"
        ) from None
    if args.html or args.pdf is not None:
        from runlog.report.html import render_html

        text = render_html(span, context.today, data.settings.runner_name, args.questions)
    if args.pdf is not None:
        from runlog.report.pdf import print_pdf

        print_pdf(text, args.pdf.expanduser())
        print(f"wrote the PDF to {args.pdf}")
        return 0
    if not args.html:
        from runlog.report.markdown import render_report

        text = render_report(span, context.today, args.questions)
    if args.output is None:
        # Notes and names are the runner's (or a shared CSV's): no control
        # character in them reaches the terminal raw; a file keeps them exact.
        sys.stdout.write(printable(text))
    else:
        from runlog.paths import write_private_text

        write_private_text(args.output.expanduser(), text)
        print(f"wrote the report to {args.output}")
    return 0


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of weeks") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"weeks must be between 1 and {MAX_WEEKS}")
    return weeks
