"""``runlog log``: log a run without the app, as one command or one plain line at a time.

For screen readers and braille displays, scripts, and SSH from a phone:
nothing is drawn, every question is one line of text. The answers are read
by the run form's own functions (``runlog.tui.form_input.read_run``), so the
parsing, the checks and the defaults (today, the last shoe and orthotic
used) are the form's. A mistake in an option is one sentence naming it,
exit status 2, and nothing is saved.
"""

from __future__ import annotations

import argparse
import sys

#: ``ActivityKind``'s values, written out so ``--help`` loads no domain module (a test keeps them equal).
KINDS = ("run", "trail_run", "treadmill", "walk", "hike")
#: The form's error keys -> the option that was wrong.
OPTIONS = {"date": "--date", "start": "--start", "distance": "--distance", "duration": "--time",
           "effort": "--effort", "notes": "--notes"}

PAIN_HELP = (
    'a pain, as "SIDE SITE @ONSET N/10 [stopped]": SIDE left or right; SITE a name (below_kneecap, '
    "inner_knee, kneecap, outer_knee, above_kneecap, back_of_knee, shin, calf, ankle, foot, heel, hip, other) "
    "or its number 1-13 in that list; ONSET where it began, a distance (@5, @5km, @3mi) or a time into "
    '(@25min, @25:00); N/10 how bad, 0-10; stopped if it made you stop. Repeat for more pains. Example: '
    '--pain "left below_kneecap @5km 6/10"'
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "log",
        help="log a run from the shell: one question a line, or all as options",
        description="Log a run. With options it is saved at once from them (--distance and --time are "
        "needed); without any, runlog asks for each field on its own line (Enter keeps the default in brackets; "
        "ctrl+d stops and saves nothing). Either way the answers are read and checked as the app's run form "
        "reads them.",
        epilog='Example: runlog log --date yesterday --distance 10k --time 55:00 --pain "left below_kneecap @5km 6/10"',
    )
    parser.add_argument("--date", metavar="DATE", help="the run's date: today (the default), yesterday, mon, 2026-11-20")
    parser.add_argument("--start", metavar="TIME", help="start time, optional: 7:15, 715, 7:15am, 19:05")
    parser.add_argument("--distance", metavar="DISTANCE", help="in the log's unit (8.5), or with one: 10k, 8.5km, 6mi")
    parser.add_argument("--time", metavar="DURATION", help="how long it took: 45 (minutes), 45:30, 1:02:03")
    parser.add_argument("--kind", choices=KINDS, help="what it was (default: run)")
    parser.add_argument("--shoe", metavar="NAME", help="the shoe's name, or none (default: the last shoe used)")
    parser.add_argument("--orthotic", metavar="NAME", help="the orthotic's name, or none (default: the last one used)")
    parser.add_argument("--effort", metavar="N", help="how hard it felt, 1-10 (optional)")
    parser.add_argument("--pain", metavar="SPEC", action="append", default=[], help=PAIN_HELP)
    parser.add_argument("--notes", metavar="TEXT", help="notes (optional)")
    parser.set_defaults(handler=run)


class Gear:
    """What the questions and the defaults need from the log: units, gear, the last gear used."""

    def __init__(self, store) -> None:
        from runlog.store.gear import list_orthotics, list_shoes
        from runlog.store.runs import last_used_gear
        from runlog.store.settings import get_settings

        with store.read() as session:
            self.units = get_settings(session).units
            self.shoes = [usage.shoe for usage in list_shoes(session, include_retired=False)]
            self.orthotics = list_orthotics(session, include_retired=False)
            self.last_shoe, self.last_orthotic = last_used_gear(session)


def run(args: argparse.Namespace, context) -> int:
    # Questions only when no option was given: an option beside them would otherwise be ignored.
    given = [args.date, args.start, args.distance, args.time, args.kind, args.shoe, args.orthotic, args.effort,
             args.notes, *args.pain]
    interactive = all(value is None for value in given)
    store = context.open_store()
    try:
        gear = Gear(store)
        if interactive:
            from runlog.commands.log_questions import ask_run

            made = ask_run(gear, context.today)
            if made is None:
                print("Nothing was saved.")
                return 1
        else:
            made = _from_options(args, gear, context.today)
            if isinstance(made, int):
                return made
        return _save(store, made, gear)
    finally:
        store.close()


def _usage_error(option: str, problem: str) -> int:
    from runlog.terminal import printable

    print(f"runlog: {printable(option)}: {printable(problem)}; nothing was saved", file=sys.stderr)
    return 2


def _from_options(args: argparse.Namespace, gear: Gear, today):
    """The run the options describe, or the exit status after saying what is wrong."""
    from runlog.domain import ActivityKind
    from runlog.pain_spec import find_named, read_pain
    from runlog.tui.form_input import RunFields, read_run

    for option, value, name in (("--distance", args.distance, "the run's distance, such as 10k"),
                                ("--time", args.time, "how long it took, such as 55:00")):
        if value is None:
            print(f"runlog: {option} is needed too ({name}); nothing was saved", file=sys.stderr)
            return 2
    fields = RunFields(date=args.date or today.isoformat(), start_time=args.start or "", distance=args.distance,
                       duration=args.time, effort=args.effort or "", notes=args.notes or "",
                       shoe=gear.last_shoe, orthotic=gear.last_orthotic)
    for option, value, items, kind in (("--shoe", args.shoe, gear.shoes, "shoe"),
                                       ("--orthotic", args.orthotic, gear.orthotics, "orthotic")):
        try:
            if value is not None:
                setattr(fields, kind, find_named(items, value, kind))
        except ValueError as exc:
            return _usage_error(option, str(exc))
    for spec in args.pain:
        try:
            fields.pains.append(read_pain(spec))
        except ValueError as exc:
            return _usage_error(f'--pain "{spec}"', str(exc))
    made, errors = read_run(fields, gear.units, today)
    if errors:
        for key, problem in errors.items():
            if key.startswith("pain"):
                option = f'--pain "{args.pain[int(key[4:].split(".")[0])]}"'
            else:
                option = OPTIONS.get(key, key)
            _usage_error(option, problem)
        return 2
    made.kind = ActivityKind(args.kind or "run")
    from runlog.tui.form_notes import form_notes

    # The form's warnings (a pace faster than 2:30 /km, ...) never refuse a run: said, then saved.
    for note in form_notes(fields, gear.units).values():
        if note.startswith("⚠ "):
            print(f"Check: {note[2:3].upper()}{note[3:]}.")
    return made


def _save(store, made, gear: Gear) -> int:
    from runlog.store.runs import add_run
    from runlog.terminal import printable
    from runlog.tui.display import pain_text, run_text

    with store.write() as session:
        saved = add_run(session, made)
    pains = pain_text(saved, gear.units)
    kind = "" if saved.kind.value == "run" else f" ({saved.kind.value.replace('_', ' ')})"
    print(printable(f"Saved: {run_text(saved, gear.units)}{kind}" + (f" · pain: {pains}" if pains else "")))
    return 0
