"""The weekly review: one week's figures, its days, the 12-week trend and the
detector's findings, shared by the review screen and ``runlog report``.

Pure: everything is computed in memory from a ``ReviewData``, the one load
of runs, shoes and settings that ``runlog.store.review_data`` reads.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from runlog.detect import HISTORY_DAYS, Report, detect
from runlog.detect.spikes import Spike
from runlog.domain import NextMorning, Pain, Run, RunnerChange, Settings, ShoeUsage

#: Weeks of trend, and of history the detector looks at, up to the week's end
#: (the detector's own default window is 12 weeks).
TREND_WEEKS = 12
#: A week-on-week distance increase above this share was flagged (the
#: "10% rule", which trials do not support); ``WeekFigures.big_jump`` still
#: says it, but the load signal runlog points at is the single-run spike
#: (``runlog.detect.spikes``).
JUMP_LIMIT = 0.10

_WEEK = dt.timedelta(days=7)


def week_start_for(day: dt.date, first_weekday: int) -> dt.date:
    """The first day of the week containing ``day``, when weeks start on
    ``first_weekday`` (0 = Monday ... 6 = Sunday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


@dataclass(frozen=True, slots=True)
class OnsetPoint:
    """Where into one run one pain began."""

    date: dt.date
    pain: Pain
    run_distance_m: float
    run_duration_s: float

    @property
    def fraction(self) -> float | None:
        """How far into the run (0-1) the pain began, by distance when known."""
        if self.pain.onset_m is not None and self.run_distance_m > 0:
            return min(1.0, self.pain.onset_m / self.run_distance_m)
        if self.pain.onset_s is not None and self.run_duration_s > 0:
            return min(1.0, self.pain.onset_s / self.run_duration_s)
        return None


@dataclass(frozen=True, slots=True)
class ShoeWeek:
    """A shoe worn during the week."""

    usage: ShoeUsage
    #: Distance run in it this week.
    week_m: float
    #: Its distance so far at the week's end (starting distance included).
    total_m: float

    @property
    def past_retirement(self) -> bool:
        return self.total_m > self.usage.shoe.retire_distance_m


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One day of the week, for the day-by-day chart."""

    date: dt.date
    runs: tuple[Run, ...]
    #: The day is one of a finding's episodes.
    evidence: bool = False
    #: The day is after ``today``: nothing to show yet.
    future: bool = False
    #: The day's runs much longer than the longest of the 30 days before (``detect.spikes``).
    spikes: tuple[Spike, ...] = ()

    def is_spike(self, run: Run) -> bool:
        """Whether ``run`` is one of the day's spikes."""
        return any(s.distance_m == run.distance_m and s.family is run.kind.family for s in self.spikes)

    @property
    def distance_m(self) -> float:
        return sum(run.distance_m for run in self.runs)

    @property
    def has_pain(self) -> bool:
        return any(run.has_pain for run in self.runs)

    def onset_fractions(self) -> list[float]:
        """Where pain began, as shares (0-1) of the day's total distance."""
        total = self.distance_m
        if total <= 0:
            return []
        fractions, before = [], 0.0
        for run in self.runs:
            for pain in run.pains:
                point = OnsetPoint(self.date, pain, run.distance_m, run.duration_s).fraction
                if point is not None:
                    fractions.append((before + point * run.distance_m) / total)
            before += run.distance_m
        return fractions


@dataclass(frozen=True, slots=True)
class WeekFigures:
    """The numbers of one week."""

    start: dt.date
    runs: int
    distance_m: float
    duration_s: float
    longest_m: float
    pain_runs: int
    #: Mean over the runs with pain of each run's worst intensity.
    mean_intensity: float | None
    worst_intensity: int | None
    onsets: tuple[OnsetPoint, ...]
    #: Next-morning statuses of the week's pain entries.
    mornings: dict[NextMorning, int]
    #: Pain entries whose morning has come but was not recorded.
    mornings_missing: int
    previous_distance_m: float
    #: The week holds today: the week before is counted up to the same
    #: weekday, so a Friday compares Monday-Friday with Monday-Friday.
    so_far: bool = False

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def distance_change(self) -> float | None:
        """Share by which distance changed on the previous week; ``None`` when
        the previous week had no distance to compare with."""
        if self.previous_distance_m <= 0:
            return None
        return self.distance_m / self.previous_distance_m - 1

    @property
    def big_jump(self) -> bool:
        """Distance rose more than 10% on a previous week that had runs.

        Compared in whole metres so that exactly 10% is not flagged through
        floating-point noise.
        """
        if self.previous_distance_m <= 0:
            return False
        return round(self.distance_m) * 100 > round(self.previous_distance_m) * (100 + JUMP_LIMIT * 100)


@dataclass(frozen=True, slots=True)
class TrendWeek:
    """One week of the 12-week trend."""

    start: dt.date
    distance_m: float
    runs: int
    pain_runs: int

    @property
    def pain_share(self) -> float | None:
        """Share of the week's runs with pain; ``None`` for a week without runs."""
        return self.pain_runs / self.runs if self.runs else None


@dataclass(frozen=True, slots=True)
class WeeklyReview:
    """Everything the review screen and the report show about one week."""

    settings: Settings
    figures: WeekFigures
    days: tuple[DayFigures, ...]
    #: Oldest first, ending with this week.
    trend: tuple[TrendWeek, ...]
    #: The detector's report over the 12 weeks up to the week's end.
    report: Report
    shoes: tuple[ShoeWeek, ...]
    week_runs: tuple[Run, ...] = field(default=())
    today: dt.date | None = None

    @property
    def start(self) -> dt.date:
        return self.figures.start

    @property
    def end(self) -> dt.date:
        return self.figures.end

    @property
    def findings_since(self) -> dt.date:
        return self.end - dt.timedelta(days=TREND_WEEKS * 7 - 1)

    @property
    def spikes(self) -> tuple[Spike, ...]:
        """The week's runs much longer than usual: the load signal."""
        return tuple(spike for spike in self.report.spikes if self.start <= spike.date <= self.end)

    @property
    def evidence_dates(self) -> frozenset[dt.date]:
        """Dates of the findings' episodes."""
        return frozenset(day for finding in self.report.findings for day in finding.evidence)


@dataclass(frozen=True, slots=True)
class ReviewData:
    """What a review is computed from: the settings, every run from
    ``history_start`` on (later runs too: they count towards the shoes'
    distance at a week's end) and the shoes with their distance so far."""

    settings: Settings
    runs: tuple[Run, ...]
    shoes: tuple[ShoeUsage, ...]
    #: The changes the runner made (recorded and gear first worn), oldest first.
    changes: tuple[RunnerChange, ...] = ()


def history_start(until: dt.date, weeks: int, week_start: int) -> dt.date:
    """The first day of history the review of the ``weeks`` weeks ending with
    the week containing ``until`` needs: its first week's trend and findings
    reach back 11 weeks before it, and the spikes a finding names up to
    ``HISTORY_DAYS`` before that."""
    first = week_start_for(until, week_start) - (weeks - 1) * _WEEK
    return first - (TREND_WEEKS - 1) * _WEEK - dt.timedelta(days=HISTORY_DAYS)


def weekly_review(data: ReviewData, week_containing: dt.date, today: dt.date) -> WeeklyReview:
    """The review of the week containing ``week_containing``; ``data`` was
    loaded from ``history_start(week_containing, 1, ...)`` or earlier."""
    start = week_start_for(week_containing, data.settings.week_start)
    return review_from_runs(data.runs, start, data.settings, data.shoes, today, data.changes)


@dataclass(frozen=True, slots=True)
class ReviewSpan:
    """Several consecutive weeks, and the findings over all of them."""

    settings: Settings
    #: Oldest first.
    weeks: tuple[WeeklyReview, ...]
    #: The detector's report over the span, or the 12 weeks up to its end if longer.
    report: Report

    @property
    def start(self) -> dt.date:
        return self.weeks[0].start

    @property
    def end(self) -> dt.date:
        return self.weeks[-1].end

    @property
    def runs(self) -> tuple[Run, ...]:
        """The runs of the span's weeks, oldest first."""
        return tuple(run for week in self.weeks for run in week.week_runs)


def review_span(data: ReviewData, until: dt.date, weeks: int, today: dt.date) -> ReviewSpan:
    """The ``weeks`` weeks ending with the week containing ``until``; ``data``
    was loaded from ``history_start(until, weeks, ...)`` or earlier."""
    if weeks < 1:
        raise ValueError("a review covers at least one week")
    settings = data.settings
    first = week_start_for(until, settings.week_start) - (weeks - 1) * _WEEK
    end = first + weeks * _WEEK - dt.timedelta(days=1)
    since = min(first, end - dt.timedelta(days=TREND_WEEKS * 7 - 1))
    reviews = tuple(
        review_from_runs(data.runs, first + i * _WEEK, settings, data.shoes, today, data.changes) for i in range(weeks)
    )
    span_report = detect(data.runs, since, end, units=settings.units, changes=data.changes)
    return ReviewSpan(settings=settings, weeks=reviews, report=span_report)


def review_from_runs(
    runs: Sequence[Run],
    start: dt.date,
    settings: Settings,
    shoes: Sequence[ShoeUsage],
    today: dt.date,
    changes: Sequence[RunnerChange] = (),
) -> WeeklyReview:
    """The review of the week beginning ``start`` from runs already loaded.

    ``runs`` must hold every run of the 12 weeks ending with that week, and
    every later run (for the shoes' distance at the week's end); earlier runs
    are ignored.
    """
    end = start + dt.timedelta(days=6)
    since = end - dt.timedelta(days=TREND_WEEKS * 7 - 1)
    window = [run for run in runs if since <= run.date <= end]
    week = [run for run in window if run.date >= start]
    # Like with like: a week still under way (or not begun) is compared
    # with the same days of the week before, never a whole week.
    counted_to = min(end, today) - _WEEK
    previous = [run for run in window if start - _WEEK <= run.date <= counted_to]
    history = since - dt.timedelta(days=HISTORY_DAYS)
    report = detect(
        [run for run in runs if history <= run.date <= end], since, end, units=settings.units, changes=changes
    )
    evidence = frozenset(day for finding in report.findings for day in finding.evidence)
    days = tuple(
        DayFigures(
            date=day,
            runs=tuple(run for run in week if run.date == day),
            evidence=day in evidence,
            future=day > today,
            spikes=tuple(spike for spike in report.spikes if spike.date == day),
        )
        for day in (start + dt.timedelta(days=i) for i in range(7))
    )
    trend = tuple(
        _trend_week([run for run in window if week_start <= run.date < week_start + _WEEK], week_start)
        for week_start in (since + i * _WEEK for i in range(TREND_WEEKS))
    )
    return WeeklyReview(
        settings=settings,
        figures=_figures(week, start, previous, today, so_far=start <= today < end),
        days=days,
        trend=trend,
        report=report,
        shoes=_shoes(week, runs, shoes, end),
        week_runs=tuple(week),
        today=today,
    )


def _figures(week: list[Run], start: dt.date, previous: list[Run], today: dt.date, so_far: bool) -> WeekFigures:
    pain_runs = [run for run in week if run.has_pain]
    worsts = [max(pain.intensity for pain in run.pains) for run in pain_runs]
    pains = [(run, pain) for run in pain_runs for pain in run.pains]
    mornings = Counter(pain.next_morning for _, pain in pains if pain.next_morning is not None)
    return WeekFigures(
        start=start,
        runs=len(week),
        distance_m=sum(run.distance_m for run in week),
        duration_s=sum(run.duration_s for run in week),
        longest_m=max((run.distance_m for run in week), default=0.0),
        pain_runs=len(pain_runs),
        mean_intensity=sum(worsts) / len(worsts) if worsts else None,
        worst_intensity=max(worsts, default=None),
        onsets=tuple(OnsetPoint(run.date, pain, run.distance_m, run.duration_s) for run, pain in pains),
        mornings={status: mornings[status] for status in NextMorning if mornings[status]},
        mornings_missing=sum(1 for run, pain in pains if pain.next_morning is None and run.date < today),
        previous_distance_m=sum(run.distance_m for run in previous),
        so_far=so_far,
    )


def _trend_week(runs: list[Run], start: dt.date) -> TrendWeek:
    return TrendWeek(
        start=start,
        distance_m=sum(run.distance_m for run in runs),
        runs=len(runs),
        pain_runs=sum(1 for run in runs if run.has_pain),
    )


def _shoes(week: list[Run], runs: Sequence[Run], shoes: Sequence[ShoeUsage], end: dt.date) -> tuple[ShoeWeek, ...]:
    worn = {run.shoe.id for run in week if run.shoe is not None}
    result = []
    for usage in shoes:
        if usage.shoe.id not in worn:
            continue
        later = sum(run.distance_m for run in runs if run.date > end and run.shoe and run.shoe.id == usage.shoe.id)
        in_week = sum(run.distance_m for run in week if run.shoe and run.shoe.id == usage.shoe.id)
        result.append(ShoeWeek(usage=usage, week_m=in_week, total_m=usage.distance_m - later))
    result.sort(key=lambda shoe: -shoe.week_m)
    return tuple(result)
