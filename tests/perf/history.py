"""The generated logs the benchmark measures: years of daily runs with gear and some knee pain.

Imported by the child program ``programs/build_log.py``, never by the
benchmark's own process (which must stay small, see ``harness.Bench.spawn``).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from pathlib import Path

from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Run, Shoe, ShoeType, Side
from runlog.store import open_database
from runlog.store.bulk import add_runs_in_bulk
from runlog.store.gear import add_gear
from tests.perf.harness import years_before

#: The runner's logs end yesterday; the saves of the ``save`` measurement land today.
TODAY = dt.date.today()


def history(first: dt.date, last: dt.date, shoes: Sequence[Shoe], orthotic: Orthotic, *, per_day: int = 1,
            seed: int = 7) -> list[Run]:
    """Runs on every day from ``first`` to ``last``, ``per_day`` a day (at
    distinct start times), oldest first: a weekly rhythm of easy runs, a
    tempo and a Sunday long run; two shoe pairs in turn; the orthotic in the
    last fifth of the span; knee pain on about one run in twelve (below the
    left kneecap at about 5 km, mostly gone by morning, now and then with a
    sore calf as well), and the last two painful runs awaiting their morning.
    ``shoes`` and ``orthotic`` must be stored (ids set)."""
    if not 1 <= per_day <= 15:
        raise ValueError("per_day must be between 1 and 15")
    rng = random.Random(seed)
    days = (last - first).days + 1
    orthotic_from = first + dt.timedelta(days=days * 4 // 5)
    runs = []
    for offset in range(days):
        date = first + dt.timedelta(days=offset)
        weekday = date.weekday()
        for slot in range(per_day):
            if weekday == 6:
                km = rng.uniform(16.0, 24.0)
            elif weekday == 3:
                km = rng.uniform(8.0, 12.0)
            else:
                km = rng.uniform(5.0, 10.0)
            pace = rng.uniform(290.0, 360.0) if weekday == 3 else rng.uniform(320.0, 390.0)
            minutes = 5 * 60 + slot * 70 + rng.choice((0, 10, 15, 20, 30, 45))
            run = Run(
                date=date,
                start_time=dt.time(minutes // 60, minutes % 60),
                distance_m=round(km * 1000, -1),
                duration_s=float(round(km * pace)),
                shoe=shoes[(offset // 3) % len(shoes)],
                orthotic=orthotic if date >= orthotic_from else None,
                effort=rng.randint(3, 8) if rng.random() < 0.8 else None,
                notes="" if rng.random() < 0.9 else rng.choice(("hilly", "windy", "with the club", "=tired legs")),
            )
            if km > 6.0 and rng.random() < 0.085:
                onset_m = round(5000 * rng.uniform(0.9, 1.1), -1)
                morning = NextMorning.GONE if rng.random() < 0.85 else rng.choice(list(NextMorning))
                run.pains.append(Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=rng.randint(3, 7),
                                      onset_m=onset_m, onset_s=round(onset_m / 1000 * pace),
                                      stopped_early=rng.random() < 0.1, next_morning=morning))
                if rng.random() < 0.2:
                    run.pains.append(Pain(site=PainSite.CALF, side=Side.RIGHT, intensity=rng.randint(1, 3),
                                          onset_s=round(run.duration_s * 0.7), next_morning=NextMorning.GONE))
                run.notes = run.notes or "left knee again"
            runs.append(run)
    for run in [r for r in runs if r.pains][-2:]:
        for pain in run.pains:
            pain.next_morning = None
    return runs


def csv_rows(run: Run) -> int:
    """The rows a run takes in the CSV: one per pain site, at least one."""
    return max(1, len(run.pains))


def trim_to_rows(runs: list[Run], rows: int) -> list[Run]:
    """The newest runs that make exactly ``rows`` CSV rows (fewer if ``runs`` run out)."""
    kept: list[Run] = []
    total = 0
    for run in reversed(runs):
        if total >= rows:
            break
        if total + csv_rows(run) > rows:
            del run.pains[rows - total:]
        kept.append(run)
        total += csv_rows(run)
    kept.reverse()
    return kept


def build_log(path: Path, years: int, *, rows: int | None = None, today: dt.date = TODAY) -> int:
    """Write a generated log of ``years`` years ending yesterday to a new
    database at ``path``; with ``rows``, as many runs a day as it takes to
    make exactly that many CSV rows. Returns the number of runs."""
    last = today - dt.timedelta(days=1)
    first = years_before(today, years)
    per_day = 1
    if rows is not None:
        per_day = max(1, math.ceil(rows / ((last - first).days + 1)))
    factory = open_database(path)
    try:
        with factory.write() as session:
            shoes = [
                add_gear(session, Shoe(name="Pegasus 40", type=ShoeType.NEUTRAL, first_used=first)),
                add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY, first_used=first)),
            ]
            orthotic = add_gear(session, Orthotic(name="Custom insoles", type=OrthoticType.CUSTOM))
            runs = history(first, last, shoes, orthotic, per_day=per_day)
            if rows is not None:
                runs = trim_to_rows(runs, rows)
            add_runs_in_bulk(session, runs)
    finally:
        factory.close()
    return len(runs)


def empty_log(path: Path) -> int:
    """A new log at the current schema with nothing in it (no gear either); 0 runs."""
    open_database(path).close()
    return 0
