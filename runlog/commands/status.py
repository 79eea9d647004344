"""``runlog status``: one line for a shell prompt or a login message.

    2 mornings to check in · Pegasus 38 past 700 km

Nothing at all when nothing is due, so a prompt stays clean. It must start
about as fast as Python with argparse: ``runlog.cli`` hands ``runlog status``
to ``fast_main`` before building the whole command line, and an SQLite log is
read with the standard library's ``sqlite3`` (read-only, one query each).
"""

from __future__ import annotations

import os
import sys
import time

# Not pathlib, nor runlog.paths with --db or RUNLOG_DB: a prompt's start must stay
# close to Python with argparse (``time`` and ``os.path`` do the work here).

#: As ``runlog.store.runs.CHECKIN_DAYS`` (importing it would load SQLAlchemy; a test keeps them equal).
CHECKIN_DAYS = 7

_MORNINGS = (
    "SELECT count(*) FROM pains JOIN runs ON runs.id = pains.run_id "
    "WHERE pains.next_morning IS NULL AND runs.date < ? AND runs.date >= ?"
)
_SHOES = (
    "SELECT name, retire_distance_m, start_distance_m + "
    "coalesce((SELECT sum(distance_m) FROM runs WHERE runs.shoe_id = shoes.id), 0) "
    "FROM shoes WHERE retired_on IS NULL ORDER BY lower(name)"
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "status",
        help="one line of what is due (for a shell prompt); nothing when all is done",
        description="Print one line of what is due: pain entries whose next morning is still to be "
        "recorded (the last 7 days, as the check-in asks) and shoes past their retirement distance. "
        "Prints nothing when nothing is due. Only reads the log; where none exists it prints nothing.",
    )
    parser.set_defaults(handler=run)


def fast_main(argv: list[str]) -> int | None:
    """``runlog [--db PATH] status [--db PATH]`` without building the whole parser;
    ``None`` for any other command line (``--help`` included), which the full parser reads."""
    db, rest = None, list(argv)
    words = []
    while rest:
        word = rest.pop(0)
        if word == "--db" and rest:
            db = rest.pop(0)
        elif word.startswith("--db="):
            db = word[5:]
        else:
            words.append(word)
    if words != ["status"]:
        return None
    db = db if db is not None else os.environ.get("RUNLOG_DB") or None
    if db is None or "://" in db:
        from runlog.paths import resolve_db_path  # the platform's data folder, or a server's URL

        target = resolve_db_path(db)
    else:
        target = os.path.expanduser(db)
    now = time.localtime()
    return _report(target, _day(now.tm_year, now.tm_mon, now.tm_mday))


def _day(year: int, month: int, day: int) -> str:
    """The ISO date of ``year-month-day``, the day normalised (``day`` may be 0 or less)."""
    return time.strftime("%Y-%m-%d", time.localtime(time.mktime((year, month, day, 12, 0, 0, 0, 0, -1))))


def run(args, context) -> int:
    return _report(context.db_path, context.today.isoformat())


def _report(target, today: str) -> int:
    line = status_line(target, today)
    if line:
        sys.stdout.write(line + "\n")
    return 0


def status_line(target, today: str) -> str:
    """The line for the log at ``target`` (an SQLite path or a server URL) on ``today`` (ISO);
    ``""`` when nothing is due."""
    if isinstance(target, str) or hasattr(target, "__fspath__"):
        path = os.fspath(target)
        if not os.path.exists(path):
            return ""
        mornings, shoes, units = _read_sqlite(path, today)
    else:
        mornings, shoes, units = _read_server(target, today)
    from runlog.terminal import printable

    parts = [f"{mornings} morning{'' if mornings == 1 else 's'} to check in"] if mornings else []
    per_unit = 1609.344 if units == "mi" else 1000.0
    parts += [f"{printable(name)} past {retire / per_unit:.0f} {units}" for name, retire, run in shoes if run > retire]
    return " · ".join(parts)


def _read_sqlite(path: str, today: str) -> tuple[int, list[tuple[str, float, float]], str]:
    import sqlite3

    from runlog.errors import UserError

    try:
        connection = sqlite3.connect(path, timeout=15.0, isolation_level=None)
        try:
            connection.execute("PRAGMA query_only = ON")
            connection.execute("BEGIN")
            year, month, day = map(int, today.split("-"))
            since = _day(year, month, day - CHECKIN_DAYS)
            (mornings,) = connection.execute(_MORNINGS, (today, since)).fetchone()
            shoes = connection.execute(_SHOES).fetchall()
            units = connection.execute("SELECT units FROM settings WHERE id = 1").fetchone()
            connection.execute("COMMIT")
        finally:
            connection.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise UserError(f"{path} is busy with another runlog; try again") from None
        raise UserError(f"{path} is not a runlog database") from None
    except sqlite3.DatabaseError:
        raise UserError(f"{path} is not a runlog database") from None
    return int(mornings or 0), [(str(n), float(r), float(d)) for n, r, d in shoes], (units[0] if units else "km")


def _read_server(url, today: str) -> tuple[int, list[tuple[str, float, float]], str]:
    """A log on PostgreSQL, through the store (no standard-library driver exists)."""
    import datetime as dt

    from runlog.store import open_existing
    from runlog.store.gear import list_shoes
    from runlog.store.runs import mornings_to_ask
    from runlog.store.settings import get_settings

    store = open_existing(url)
    try:
        with store.read() as session:
            mornings = len(mornings_to_ask(session, dt.date.fromisoformat(today)))
            shoes = [(u.shoe.name, u.shoe.retire_distance_m, u.distance_m) for u in list_shoes(session, include_retired=False)]
            units = get_settings(session).units.value
    finally:
        store.close()
    return mornings, shoes, units
