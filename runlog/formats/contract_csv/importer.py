"""Put the runs of a CSV file into the log: all or nothing.

``import_csv(store, path, progress=None) -> ImportResult`` reads the file
(``reader``), then, in one ``store.write()`` transaction, compares it with the log:
shoes and orthotics are matched by name (and created when new), runs
already in the log are skipped and counted, and the rest are written with
the store's bulk insert. Any problem (in the file, or a gear type that
contradicts the log) raises ``ImportRejected`` with every problem found,
and nothing is written.

``progress`` is called as ``progress(stage, done, total)`` with stage
``"checking"`` (lines) or ``"writing"`` (runs), on the caller's thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from runlog.domain import Orthotic, Run, Shoe, Units
from runlog.formats.contract_csv.columns import shown
from runlog.formats.contract_csv.reader import Progress, read_runs
from runlog.formats.problems import Code, ImportRejected, Problem

if TYPE_CHECKING:
    from runlog.store.handle import Store


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    runs: int
    pains: int
    skipped: int
    units: Units
    #: Columns in the file that are not part of the form (not read).
    ignored_columns: tuple[str, ...] = ()

    def summary(self) -> str:
        """``imported 412 runs with 96 pain entries; skipped 3 already present``."""
        text = (
            f"imported {self.runs} run{'' if self.runs == 1 else 's'} with "
            f"{self.pains} pain entr{'y' if self.pains == 1 else 'ies'}; "
            f"skipped {self.skipped} already present"
        )
        if self.ignored_columns:
            text += "; ignored unknown column" + ("s " if len(self.ignored_columns) > 1 else " ")
            text += ", ".join(self.ignored_columns)
        return text


def import_csv(store: Store, path: Path, progress: Progress | None = None) -> ImportResult:
    """Import the CSV file at ``path`` into ``store``'s log, all or nothing.

    Runs already in the log (same date, start time to the minute, distance
    and duration to the file's precision) are skipped and counted; shoes and
    orthotics not yet in the log are created by name. Raises
    ``ImportRejected`` with every problem found, having written nothing, or
    ``UserError`` when the file cannot be read. Safe to call from a worker
    thread: it opens its own transaction, and ``progress`` is called on that
    thread (post a message from it). Python's cyclic garbage collector is
    paused for the duration (process-wide; a few seconds for 100,000 rows),
    which roughly halves the time of a large import.
    """
    path = Path(path)
    with _collector_paused():
        return _import(store, path, progress)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector: reading a long file creates
    hundreds of thousands of objects that all live to the end, and the
    collector would keep walking them (it doubled an import's time). Nothing
    here makes reference cycles, so nothing is lost by waiting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(store: Store, path: Path, progress: Progress | None) -> ImportResult:
    # The store is loaded here, not at the top: reading a file needs no database.
    from runlog.store.bulk import add_runs_in_bulk, run_signatures_between
    from runlog.store.gear import add_gear, list_orthotics, list_shoes

    found = read_runs(path, progress)
    problems = list(found.problems)
    with store.write() as session:
        shoes = {usage.shoe.name: usage.shoe for usage in list_shoes(session)}
        orthotics = {orthotic.name: orthotic for orthotic in list_orthotics(session)}
        problems += _gear_conflicts("shoe", found.shoe_types, shoes)
        problems += _gear_conflicts("orthotic", found.orthotic_types, orthotics)
        if problems:
            # Leaving the block by an exception rolls the transaction back.
            raise ImportRejected(str(path), problems)
        first = min((run.date for run in found.runs), default=None)
        last = max((run.date for run in found.runs), default=None)
        stored = run_signatures_between(session, first, last) if found.runs else []
        fresh = not_yet_stored(found.runs, stored, found.units)
        for shoe in new_gear(fresh, "shoe", shoes):
            shoes[shoe.name] = add_gear(session, shoe)
        for orthotic in new_gear(fresh, "orthotic", orthotics):
            orthotics[orthotic.name] = add_gear(session, orthotic)
        for run in fresh:
            if run.shoe is not None:
                run.shoe = shoes[run.shoe.name]
            if run.orthotic is not None:
                run.orthotic = orthotics[run.orthotic.name]
        report = None if progress is None else (lambda done, total: progress("writing", done, total))
        pains = add_runs_in_bulk(session, fresh, progress=report)
    return ImportResult(
        runs=len(fresh),
        pains=pains,
        skipped=len(found.runs) - len(fresh),
        units=found.units,
        ignored_columns=found.ignored_columns,
    )


def _gear_conflicts(kind: str, in_file: dict[str, tuple], stored: dict) -> list[Problem]:
    """Where the file gives a shoe or orthotic another type than the log does."""
    problems = []
    for name, (gear_type, line) in in_file.items():
        known = stored.get(name)
        if known is not None and known.type is not None and known.type != gear_type:
            problems.append(Problem(
                Code.GEAR_TYPE_CONFLICT, line, f"{kind}_type",
                f"is {known.type.value} in your log but {gear_type.value} here", f"{kind} {shown(name)}"))
    return problems


def not_yet_stored(runs: list[Run], stored: list[tuple], units: Units) -> list[Run]:
    """``runs`` without those already in the log, given the log's
    ``(date, start_time, distance_m, duration_s)`` over the file's dates.
    Distances match to half the file's last digit (3 decimals of its unit),
    durations to half a second (2 decimals of a minute is 0.3 s), start
    times to the minute."""
    if not stored:
        return runs
    same_distance = 0.0005 * units.metres + 1e-6
    by_start: dict[tuple, list[tuple[float, float]]] = {}
    for date, start_time, distance_m, duration_s in stored:
        by_start.setdefault((date, _minute(start_time)), []).append((distance_m, duration_s))
    fresh = []
    for run in runs:
        candidates = by_start.get((run.date, _minute(run.start_time)), ())
        if not any(
            abs(distance_m - run.distance_m) <= same_distance and abs(duration_s - run.duration_s) <= 0.5
            for distance_m, duration_s in candidates
        ):
            fresh.append(run)
    return fresh


def _minute(value: dt.time | None) -> dt.time | None:
    return None if value is None else value.replace(second=0, microsecond=0)


def new_gear(runs: list[Run], kind: str, known: dict) -> list[Shoe | Orthotic]:
    """The shoes (``kind`` "shoe") or orthotics of ``runs`` whose names are
    not in ``known``: each first used on the earliest of those runs, typed as
    the file says."""
    new: dict[str, list] = {}
    for run in runs:
        gear = getattr(run, kind)
        if gear is None or gear.name in known:
            continue
        seen = new.get(gear.name)
        if seen is None:
            new[gear.name] = [run.date, gear.type]
        else:
            seen[0] = min(seen[0], run.date)
            seen[1] = seen[1] or gear.type
    make = Shoe if kind == "shoe" else Orthotic
    return [make(name=name, type=gear_type, first_used=first_used) for name, (first_used, gear_type) in new.items()]
