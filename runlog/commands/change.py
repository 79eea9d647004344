"""``runlog change add|list|remove``: the changes a runner made to deal with the pain.

A change (DOMAIN.md, "Changes the runner made") is a date, a kind (``shoe``
``orthotic`` ``cadence`` ``strength`` ``physio`` ``rest`` ``other``) and a
short label. ``detect``, the review and the reports compare the runs past
the onset point before and after each one. The first day a shoe or orthotic
was worn is listed as a change too; it follows the gear and is not removed here.
"""

from __future__ import annotations

import argparse

from runlog.errors import UserError

KINDS = ("shoe", "orthotic", "cadence", "strength", "physio", "rest", "other")


def kind_argument(text: str) -> str:
    """argparse type for KIND: one of ``KINDS``, in any case."""
    kind = text.strip().lower()
    if kind not in KINDS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a kind of change; use one of {' '.join(KINDS)}")
    return kind


#: What shell completion offers for KIND (argparse's own ``choices`` would word the error itself).
kind_argument.choices = KINDS  # type: ignore[attr-defined]


def id_argument(text: str) -> int:
    """argparse type for ID: a whole number above 0."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a change id; `runlog change list` shows them")
    return value


def register(subparsers) -> None:
    from runlog.cli import date_argument

    parser = subparsers.add_parser(
        "change",
        help="record, list or remove a change you made to deal with the pain",
        description="Record a change you made to deal with the pain (new shoes, orthotics, a cadence, "
        "strength or physio programme, rest, other), list the changes, or remove one. "
        "detect, the review and the reports compare your runs before and after each change.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION", dest="action", required=True,
                                    parser_class=type(parser))
    add = actions.add_parser("add", help="record a change", description="Record a change: its date, kind and a short label.")
    add.add_argument("date", metavar="DATE", type=date_argument, help="the day of the change (YYYY-MM-DD, today, ...)")
    add.add_argument("kind", metavar="KIND", type=kind_argument, help="one of " + " ".join(KINDS))
    add.add_argument("label", metavar="LABEL", nargs="?", default="", help="a few words, e.g. 'custom orthotics'")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="the changes, oldest first",
                                 description="The changes, recorded and from gear first worn, oldest first, with their ids.")
    listing.add_argument("--json", action="store_true", help="print the changes as JSON")
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", help="remove a recorded change",
                                description="Remove a recorded change by its id (gear changes follow the gear).")
    remove.add_argument("id", metavar="ID", type=id_argument, help="the id `runlog change list` shows")
    remove.set_defaults(handler=run_remove)
    for action in actions.choices.values():
        action.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run_add(args: argparse.Namespace, context) -> int:
    from runlog.domain import RunnerChange, RunnerChangeKind
    from runlog.domain.changes import label_problem
    from runlog.domain.dates import date_problem
    from runlog.terminal import printable

    if problem := date_problem(args.date, context.today):
        raise UserError(f"DATE {args.date}: {problem}")
    label = args.label.strip()
    if problem := label_problem(label):
        raise UserError(f"LABEL: {problem}")
    from runlog.store.changes import add_change

    store = context.open_store()
    try:
        with store.write() as session:
            change = add_change(session, RunnerChange(args.date, RunnerChangeKind(args.kind), label))
    finally:
        store.close()
    shown = f" {label}" if label else ""
    print(printable(f"recorded change {change.id}: {change.date} {change.kind.value}{shown}"))
    return 0


def run_list(args: argparse.Namespace, context) -> int:
    from runlog.store.changes import list_changes
    from runlog.terminal import printable, printable_json

    store = context.open_existing_store()
    try:
        with store.read() as session:
            changes = list_changes(session)
    finally:
        store.close()
    if args.json:
        import json

        print(printable_json(json.dumps([c.to_json() for c in changes], indent=2, ensure_ascii=False)))
        return 0
    if not changes:
        print("no changes recorded yet; `runlog change add DATE KIND LABEL` records one")
        return 0
    for change in changes:
        ident = str(change.id) if change.id is not None else "-"
        source = "  (first worn)" if change.source == "gear" else ""
        print(printable(f"{ident:>4}  {change.date}  {change.kind.value:<8}  {change.label}{source}".rstrip()))
    return 0


def run_remove(args: argparse.Namespace, context) -> int:
    from runlog.store.changes import remove_change
    from runlog.terminal import printable

    store = context.open_existing_store()
    try:
        with store.write() as session:
            removed = remove_change(session, args.id)
    except LookupError:
        raise UserError(f"there is no recorded change {args.id}; `runlog change list` shows the ids") from None
    finally:
        store.close()
    shown = f" {removed.label}" if removed.label else ""
    print(printable(f"removed change {removed.id}: {removed.date} {removed.kind.value}{shown}"))
    return 0
