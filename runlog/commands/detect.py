"""``runlog detect``: the knee-pain patterns in a window of the log.

Without ``--json`` it prints the findings as readable text; with it, the
object of the README's "Contracts". The window defaults to the 12 whole weeks ending with this week, as in the
weekly review and the reports.
"""

from __future__ import annotations

import argparse

from runlog.errors import UserError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every start
if TYPE_CHECKING:
    import datetime as dt


def register(subparsers) -> None:
    from runlog.cli import date_argument

    parser = subparsers.add_parser(
        "detect",
        help="look for the runner's-knee pain pattern",
        description="Look for the runner's-knee pattern (and pain that does not clear by morning) "
        "in your log. The window is the 12 whole weeks ending with this week (as in the review and the reports) "
        "unless --since/--until say otherwise.",
    )
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.add_argument("--since", type=date_argument, metavar="DATE", help="first day of the window")
    parser.add_argument("--until", type=date_argument, metavar="DATE",
                        help="last day of the window (default: the end of this week)")
    parser.set_defaults(handler=run, prints_its_work="the findings")


def window(since: dt.date | None, until: dt.date | None, today: dt.date, week_start: int = 0) -> tuple[dt.date, dt.date]:
    """The window to analyse: given ends win; a missing one follows the
    default the review and the reports use too (the 12 whole weeks ending
    with the week of ``--until``, or of today)."""
    import datetime as dt

    from runlog.detect import default_window

    try:
        default_since, default_until = default_window(until or today, week_start)
    except OverflowError:
        # The window would start before year 1 or end after 9999: keep to the days there are.
        default_since, default_until = dt.date.min, until or today
    until = until or default_until
    if since is None:
        since = default_since
    if since > until:
        raise UserError(f"--since {since} is after --until {until}")
    return since, until


def run(args: argparse.Namespace, context) -> int:
    import datetime as dt

    from runlog.detect import HISTORY_DAYS, detect, format_text
    from runlog.store.changes import changes_until
    from runlog.store.runs import runs_between
    from runlog.store.settings import get_settings
    from runlog.terminal import printable, printable_json

    factory = context.open_existing_store()
    with factory.read() as session:
        settings = get_settings(session)
        since, until = window(args.since, args.until, context.today, settings.week_start)
        # The days before the window only serve to find the spikes a finding names.
        try:
            history = since - dt.timedelta(days=HISTORY_DAYS)
        except OverflowError:
            history = dt.date.min
        runs = runs_between(session, history, until)
        changes = changes_until(session, until)
    report = detect(runs, since, until, units=settings.units, changes=changes)
    # Notes and names are the runner's (or a shared CSV's): no control
    # character in them reaches the terminal raw.
    if args.json:
        import json

        print(printable_json(json.dumps(report.to_json(), indent=2, ensure_ascii=False)))
    else:
        print(printable(format_text(report, settings.units)))
    return 0
