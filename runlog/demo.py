"""A realistic demo history: about 16 weeks of running up to ``today``.

The runner builds up steadily (runs of 8-8.8 km), then about ten weeks
before today runs one much longer run (12.5 km, a spike: ``detect.spikes``),
and from the next long run on feels a pain just below the LEFT kneecap
that starts at about 5 km each time, is gone by the next morning and now
and then stops the run (the runner's-knee signature, ``runlog.detect``'s
docstring). The neutral shoe gives way to a stability shoe; a week before
the custom orthotics arrive (about five and a half weeks before today) the
runner starts a physio programme (a recorded change). With the orthotics the
pain comes on its first few long runs only, later (about 7 km) and milder,
then not at all, so the detector reports the pattern resolved, the pain
beginning later than before and fewer painful runs since the orthotics,
naming the physio programme beside them. The last two runs carry a mild calf
niggle whose next morning is not yet recorded, so the check-in has something to ask.

Pure data and store calls: no Textual here, so CLI commands and tests can use it.
The history is the same for the same ``today`` (seeded random numbers).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from runlog.domain import (
    NextMorning,
    Orthotic,
    OrthoticType,
    Pain,
    PainSite,
    Run,
    RunnerChange,
    RunnerChangeKind,
    Shoe,
    ShoeType,
    Side,
)
from runlog.store.changes import add_change
from runlog.store.gear import add_gear
from runlog.store.runs import add_run

WEEKS = 16
#: Where the knee pain starts, in metres into the run (±8% each time).
ONSET_M = 5000.0
#: Runs at least this long go past the onset point with margin.
LONG_RUN_M = 6000.0
#: The stability shoe replaces the neutral one this many days before today.
STABILITY_FROM_DAYS = 63
#: Custom orthotics start this many days before today.
ORTHOTICS_FROM_DAYS = 38
#: The physio programme (a recorded change) starts this many days before today.
PHYSIO_FROM_DAYS = 45
#: The one much longer run is the first run on or after this many days before today;
#: the knee pain begins on the next long run.
SPIKE_DAYS = 72
#: Before the spike the runs are this long (metres): none more than 10% longer than another.
BUILD_UP_M = (8000.0, 8800.0)
#: The spike's length: about 45% longer than anything in the month before.
SPIKE_M = 12500.0
#: With the orthotics, the pain begins about here on the runs it still comes on.
LATER_ONSET_M = 7000.0
#: The first this many long runs in orthotics still hurt, at the later point.
STILL_PAINFUL = 5


def demo_runs(today: dt.date, neutral: Shoe, stability: Shoe, orthotic: Orthotic) -> list[Run]:
    """The demo history (not yet stored), oldest first."""
    rng = random.Random(today.toordinal())
    start = today - dt.timedelta(weeks=WEEKS)
    stability_from = today - dt.timedelta(days=STABILITY_FROM_DAYS)
    orthotics_from = today - dt.timedelta(days=ORTHOTICS_FROM_DAYS)
    days: list[dt.date] = []
    for week in range(WEEKS):
        first_day = start + dt.timedelta(weeks=week)
        picked = sorted(rng.sample(range(7), rng.randint(3, 5)))
        days += [first_day + dt.timedelta(days=d) for d in picked if first_day + dt.timedelta(days=d) < today]
    spike_from = today - dt.timedelta(days=SPIKE_DAYS)
    runs: list[Run] = []
    episodes = 0
    spiked = False
    for day in days:
        short = rng.random() < 0.18
        pace = rng.uniform(315, 370)  # seconds per km
        if day < spike_from:
            distance = rng.uniform(3.5, 4.6) * 1000 if short else rng.uniform(*BUILD_UP_M)
        elif not spiked:
            short, spiked, distance = False, True, SPIKE_M
        else:
            # Each week's last run is the long one (11-12 km), so no later run is a spike.
            last_of_week = day == max(d for d in days if (d - start).days // 7 == (day - start).days // 7)
            # In the orthotics every run is short or long enough to reach the later point.
            medium = (8.0 if day >= orthotics_from else 6.0, 11.0)
            distance = (rng.uniform(11.0, 12.0) if last_of_week else
                        rng.uniform(3.5, 4.6) if short else rng.uniform(*medium)) * 1000
            short = short and not last_of_week
        shoe = stability if day >= stability_from else neutral
        in_orthotics = day >= orthotics_from
        run = Run(
            date=day,
            start_time=dt.time(rng.choice((6, 7, 18)), rng.choice((0, 15, 30, 45))),
            distance_m=round(distance, -1),
            duration_s=0.0,
            shoe=shoe,
            orthotic=orthotic if in_orthotics else None,
            effort=rng.randint(3, 8),
        )
        painful_days = spiked and runs and runs[-1].date >= spike_from
        knee_pain = painful_days and not short and not in_orthotics and rng.random() < 0.92
        if knee_pain:
            episodes += 1
            onset = ONSET_M * rng.uniform(0.96, 1.04)
            stopped = rng.random() < 0.15
            if stopped:
                run.distance_m = round(onset + rng.uniform(300, 1200), -1)
                run.notes = "knee made me walk home"
            run.pains.append(
                Pain(
                    site=PainSite.BELOW_KNEECAP,
                    side=Side.LEFT,
                    intensity=rng.randint(4, 7),
                    onset_m=round(onset, -1),
                    onset_s=round(onset / 1000 * pace),
                    stopped_early=stopped,
                    # Gone five mornings out of six: the signature, with margin.
                    next_morning=NextMorning.BETTER if episodes % 6 == 0 else NextMorning.GONE,
                )
            )
        run.duration_s = round(run.distance_m / 1000 * pace)
        runs.append(run)
    _last_runs_before_orthotics_hurt(runs, orthotics_from, rng)
    _later_in_orthotics(runs, orthotics_from, rng)
    _calf_niggle(runs[-2:], rng)
    _watch_figures(runs, random.Random(today.toordinal() + 1))
    for run in runs:
        if run.orthotic is None and run.pains:
            run.notes = run.notes or "left knee again"
    return runs


def _watch_figures(runs: list[Run], rng: random.Random) -> None:
    """What the watch recorded of each run: cadence and a rolling course's climb.
    Its own random numbers, so the rest of the history is as it always was."""
    for run in runs:
        km = run.distance_m / 1000
        run.cadence_spm = round(rng.uniform(160, 174), 1)
        run.ascent_m = round(km * rng.uniform(4, 12))
        run.descent_m = round(run.ascent_m * rng.uniform(0.85, 1.15))


def _last_runs_before_orthotics_hurt(runs: list[Run], orthotics_from: dt.date, rng: random.Random) -> None:
    """The pain must last until the orthotics, so they are the change that ended it."""
    long_before = [r for r in runs if r.date < orthotics_from and r.distance_m >= LONG_RUN_M]
    for run in long_before[-3:]:
        if not run.pains:
            onset = ONSET_M * rng.uniform(0.95, 1.05)
            run.pains.append(
                Pain(
                    site=PainSite.BELOW_KNEECAP,
                    side=Side.LEFT,
                    intensity=rng.randint(4, 6),
                    onset_m=round(onset, -1),
                    onset_s=round(onset / run.distance_m * run.duration_s),
                    next_morning=NextMorning.GONE,
                )
            )


def _later_in_orthotics(runs: list[Run], orthotics_from: dt.date, rng: random.Random) -> None:
    """In the orthotics the pain still comes on a few long runs, later into them;
    never on more than half as many runs as before (so the onsets still cluster)."""
    before = sum(1 for r in runs if r.pains and r.date < orthotics_from)
    long_after = [r for r in runs if r.date >= orthotics_from and r.distance_m >= LATER_ONSET_M + 1000]
    # The last three long runs stay pain-free: the pattern is then resolved.
    for run in long_after[: min(STILL_PAINFUL, before // 2, len(long_after) - 3)]:
        onset = LATER_ONSET_M * rng.uniform(0.97, 1.03)
        run.pains.append(
            Pain(
                site=PainSite.BELOW_KNEECAP,
                side=Side.LEFT,
                intensity=rng.randint(2, 4),
                onset_m=round(onset, -1),
                onset_s=round(onset / run.distance_m * run.duration_s),
                next_morning=NextMorning.GONE,
            )
        )
        run.notes = "knee, later, milder"


def _calf_niggle(runs: list[Run], rng: random.Random) -> None:
    for run in runs:
        onset = run.distance_m * rng.uniform(0.6, 0.8)
        run.pains.append(
            Pain(
                site=PainSite.CALF,
                side=Side.RIGHT,
                intensity=rng.randint(2, 3),
                onset_m=round(onset, -1),
                onset_s=round(onset / run.distance_m * run.duration_s),
            )
        )
        run.notes = "right calf a bit tight"


def fill_demo(session: Session, today: dt.date) -> None:
    """Write the demo gear and history into an (empty) database."""
    start = today - dt.timedelta(weeks=WEEKS)
    neutral = add_gear(
        session,
        Shoe(name="Pegasus 38", type=ShoeType.NEUTRAL, first_used=start - dt.timedelta(days=200), start_distance_m=560_000),
    )
    stability = add_gear(
        session,
        Shoe(name="Kayano 30", type=ShoeType.STABILITY, first_used=today - dt.timedelta(days=STABILITY_FROM_DAYS)),
    )
    runs_with = demo_runs(today, neutral, stability, Orthotic(name="placeholder"))
    first_orthotic_run = next(r.date for r in runs_with if r.orthotic is not None)
    orthotic = add_gear(
        session, Orthotic(name="Custom orthotics", type=OrthoticType.CUSTOM, first_used=first_orthotic_run)
    )
    for run in runs_with:
        if run.orthotic is not None:
            run.orthotic = orthotic
        add_run(session, run)
    add_change(
        session,
        RunnerChange(today - dt.timedelta(days=PHYSIO_FROM_DAYS), RunnerChangeKind.PHYSIO, "hip and knee programme"),
    )
