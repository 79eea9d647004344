"""Reading a log that holds a damaged row: the rest reads, the damaged row is named.

A row runlog never writes (infinity in a distance, a date that is not a date,
a pain site outside the vocabulary, written by an older runlog or by hand)
used to make every read refuse the whole log. Now a read that meets one
scans the log once (``find_damage``), leaves out what is damaged and reads
the rest:

- a damaged run, or a run with a damaged pain or mark, is left out whole
  (the run list shows it as damaged, to delete);
- a damaged shoe or orthotic is left out, and its runs show no gear;
- damaged settings read as the defaults.

What was left out is kept on the store's ``Skipped`` (by table and row id,
never the value) for the command or screen to say so in one sentence.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from runlog.errors import DamagedLog
from runlog.store.damage import CHECKS, bad_export_field, check_values


@dataclass
class Damage:
    """What one scan of the log found damaged."""

    #: ``(table, row id)`` of every damaged row, in table order.
    rows: list[tuple[str, int]] = field(default_factory=list)
    #: Runs left out: damaged themselves, or holding a damaged pain or mark.
    runs: set[int] = field(default_factory=set)
    shoes: set[int] = field(default_factory=set)
    orthotics: set[int] = field(default_factory=set)
    settings: bool = False


def find_damage(connection) -> Damage:
    """Every damaged row of the log, in stored form through the driver
    (``connection`` is SQLAlchemy's or the standard library's)."""
    execute = getattr(connection, "exec_driver_sql", None) or connection.execute
    damage = Damage()
    for table, checks in CHECKS.items():
        columns = ", ".join(["id", *checks])
        for row in execute(f"SELECT {columns} FROM {table}"):  # noqa: S608 - fixed names
            values = dict(zip(checks, row[1:], strict=True))
            try:
                check_values(table, row[0], values)
            except DamagedLog:
                pass
            else:
                continue
            row_id = row[0] if type(row[0]) is int else -1
            damage.rows.append((table, row_id))
            if table == "runs":
                damage.runs.add(row_id)
            elif table in ("pains", "marks") and type(values["run_id"]) is int:
                damage.runs.add(values["run_id"])
            elif table in ("shoes", "orthotics"):
                getattr(damage, table).add(row_id)
            elif table == "settings":
                damage.settings = True
    return damage


class Skipped:
    """What reads through one store left out as damaged (the latest scan's
    findings); safe to share between the TUI's worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._damage = Damage()

    def found(self, damage: Damage) -> None:
        with self._lock:
            self._damage = damage

    def clear(self) -> None:
        self.found(Damage())

    @property
    def runs(self) -> set[int]:
        """The runs left out (to show as damaged)."""
        with self._lock:
            return set(self._damage.runs)

    def notice(self) -> str | None:
        """``1 damaged row was skipped (runs row 7); changed outside runlog?``, or ``None``."""
        with self._lock:
            rows = list(self._damage.rows)
        if not rows:
            return None
        named = ", ".join(f"{table} row {row_id}" if row_id >= 0 else f"a {table} row without an id"
                          for table, row_id in rows[:5])
        more = f" and {len(rows) - 5} more" if len(rows) > 5 else ""
        count = f"{len(rows)} damaged row{'s were' if len(rows) != 1 else ' was'}"
        holds = "it holds" if len(rows) == 1 else "each holds"
        return f"{count} skipped ({named}{more}): {holds} a value runlog never writes (changed outside runlog?)"


def skipped_of(session) -> Skipped | None:
    """The ``Skipped`` of the store the session belongs to, if any."""
    return session.info.get("skipped")


def healthy_batches(batches: Iterator[list[tuple]], find: Callable[[], Damage],
                    skipped: Skipped | None) -> Iterator[list[tuple]]:
    """The export's batches without the rows of damaged runs, and with the
    cells of damaged gear blank. A run's rows are never split between two
    batches (the last run of a batch waits for the next), so a run whose
    later pain row is damaged is left out whole."""
    damage: Damage | None = None
    carry: list[tuple] = []
    for batch in batches:
        rows = carry + batch
        bad = next((found for row in rows if (found := bad_export_field(row)) is not None), None) if damage is None else None
        if bad is not None:
            damage = find()
            if not damage.rows:
                raise DamagedLog(*bad)  # the scan and the row disagree: say so rather than export it
            if skipped is not None:
                skipped.found(damage)
        if damage is not None:
            rows = [_without_bad_gear(row) for row in rows if row[0] not in damage.runs]
        cut = len(rows)
        while cut and rows[cut - 1][0] == rows[-1][0]:
            cut -= 1
        carry, rows = rows[cut:], rows[:cut]
        if rows:
            yield rows
    if carry:
        yield carry


_SHOE = (CHECKS["shoes"]["name"], CHECKS["shoes"]["type"])
_ORTHOTIC = (CHECKS["orthotics"]["name"], CHECKS["orthotics"]["type"])


def _without_bad_gear(row: tuple) -> tuple:
    if row[5] is not None and not (_SHOE[0](row[5]) and _SHOE[1](row[6])):
        row = (*row[:5], None, None, *row[7:])
    if row[7] is not None and not (_ORTHOTIC[0](row[7]) and _ORTHOTIC[1](row[8])):
        row = (*row[:7], None, None, *row[9:])
    return row
