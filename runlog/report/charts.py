"""What the HTML report's charts show, as plain numbers: the onset of each
episode per knee group, the pain-free runs past the onset point, the gear
changes, and the weekly distance, pain share and next mornings.

``svg`` draws these; tests read them directly. Values are in the runner's
unit (km or mi) or in minutes, as the chart's axis is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from runlog.detect import Finding, OnsetBasis
from runlog.detect.episodes import Episode, SiteGroup, group_episodes, window_runs
from runlog.detect.progress import Progress
from runlog.detect.progress_text import VERDICT_TEXT
from runlog.detect.rules import SAME_POINT_TOLERANCE, median_onset, onset_basis, onsets
from runlog.domain import NextMorning, PainSite, Run, Side, Units
from runlog.review import ReviewSpan
from runlog.wording import plural


@dataclass(frozen=True, slots=True)
class Point:
    """One run on a chart."""

    date: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class GearMark:
    """A change: the first run on which a shoe or orthotic was worn, or, for a
    group with progress, each change compared before and after."""

    date: dt.date
    #: ``orthotic: Custom orthotics``, ``shoe: Kayano 30``, ``no orthotics``;
    #: with a verdict, ``orthotic: Custom orthotics, fewer painful runs after``.
    label: str
    #: The before/after verdict (``fewer_painful_runs`` ...), or ``""`` for a plain gear change.
    verdict: str = ""


@dataclass(frozen=True, slots=True)
class Median:
    """The median onset of the early or the recent episodes, over their dates."""

    label: str
    first: dt.date
    last: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class OnsetChart:
    """The onsets of one knee group on one side over the report's period."""

    side: Side
    group: SiteGroup
    title: str
    #: ``km``, ``mi`` or ``min``: the unit of every value.
    unit: str
    start: dt.date
    end: dt.date
    #: Where each episode's pain began.
    episodes: tuple[Point, ...]
    #: The onset point (the finding's, else the median of the episodes).
    point: float | None
    #: The finding's ±25% band; ``None`` when the group made no finding.
    band: tuple[float, float] | None
    #: Runs without this pain that went past the onset point, drawn at it.
    pain_free: tuple[Point, ...]
    marks: tuple[GearMark, ...]
    finding: Finding | None
    #: The early and recent medians of the group's progress (at least 6 episodes), else empty.
    medians: tuple[Median, ...] = ()


@dataclass(frozen=True, slots=True)
class WeekBar:
    """One week of the weekly chart."""

    start: dt.date
    #: In the runner's unit.
    distance: float
    runs: int
    pain_runs: int
    #: No longer set: the weekly "10% rule" has no support, and a week under
    #: way compared as if whole read "+290%". The spikes are the load signal.
    jump: float | None
    mornings: dict[NextMorning, int]
    mornings_missing: int
    #: Runs of the week much longer than the longest of the 30 days before (``detect.spikes``).
    spikes: int = 0

    @property
    def pain_share(self) -> float | None:
        return self.pain_runs / self.runs if self.runs else None


def onset_charts(span: ReviewSpan) -> tuple[OnsetChart, ...]:
    """One chart per knee group and side with pain in the span's weeks, left
    knee first."""
    units = span.settings.units
    runs = window_runs(span.runs, span.start, span.end)
    grouped = group_episodes(runs)
    marks = gear_marks(runs)
    charts = []
    for side in Side:
        for group in SiteGroup:
            episodes = grouped.episodes.get((side, group))
            if episodes:
                finding = _finding_for(span, side, group)
                chart = _onset_chart(span, side, group, episodes, runs, marks, finding, units)
                charts.append(with_progress(chart, _progress_for(span, side, group), units))
    return tuple(charts)


def _progress_for(span: ReviewSpan, side: Side, group: SiteGroup) -> Progress | None:
    for entry in span.report.progress:
        if entry.side is side and set(entry.sites) <= group.sites and entry.family.value == "run":
            return entry
    return None


def with_progress(chart: OnsetChart, entry: Progress | None, units: Units) -> OnsetChart:
    """The chart with the progress entry's early and recent medians, and its
    changes (each with its verdict) in place of the plain gear changes."""
    if entry is None:
        return chart
    by_distance = entry.basis is OnsetBasis.DISTANCE

    def shown(value: float) -> float:
        return units.from_metres(value) if by_distance else value / 60

    medians = []
    for label, part, value in (("early", entry.episodes[: entry.k], entry.early_onset),
                               ("recent", entry.episodes[-entry.k :], entry.recent_onset)):
        if value is not None:
            medians.append(Median(label, part[0].run.date, part[-1].run.date, shown(value)))
    marks = tuple(
        # Short: the chart's labels share two rows; the progress table names each change in full.
        GearMark(c.change.date, f"{c.change.kind.value}: {VERDICT_TEXT[c.verdict]}", c.verdict.value)
        for c in entry.comparisons
    )
    return dataclasses.replace(chart, medians=tuple(medians), marks=marks or chart.marks)


def _finding_for(span: ReviewSpan, side: Side, group: SiteGroup) -> Finding | None:
    for finding in span.report.findings:
        if finding.side is side and set(finding.sites) <= group.sites:
            return finding
    return None


def _onset_chart(
    span: ReviewSpan,
    side: Side,
    group: SiteGroup,
    episodes: list[Episode],
    runs: list[Run],
    marks: tuple[GearMark, ...],
    finding: Finding | None,
    units: Units,
) -> OnsetChart:
    basis = finding.onset_basis if finding is not None else onset_basis(episodes)
    by_distance = basis is OnsetBasis.DISTANCE

    def shown(value: float) -> float:
        return units.from_metres(value) if by_distance else value / 60

    values = onsets(episodes, basis)
    if finding is not None:
        # The finding's own onset point, so the band is the one its rules used.
        value = finding.onset_km if by_distance else finding.onset_min
        point_raw = None if value is None else value * (1000 if by_distance else 60)
    else:
        point_raw = median_onset(values)
    point = None if point_raw is None else shown(point_raw)
    band = None
    if finding is not None and point is not None:
        band = (point * (1 - SAME_POINT_TOLERANCE), point * (1 + SAME_POINT_TOLERANCE))
    hurt = {id(e.run) for e in episodes}
    pain_free = ()
    if point_raw is not None:
        pain_free = tuple(
            Point(run.date, point)
            for run in runs
            if id(run) not in hurt and (run.distance_m if by_distance else run.duration_s) >= point_raw
        )
    # The sites logged, as a finding names them, not every site of the group.
    logged = frozenset().union(*(e.sites for e in episodes))
    sites = ", ".join(site.label for site in PainSite if site in logged)
    return OnsetChart(
        side=side,
        group=group,
        title=f"{side.value.capitalize()} knee ({sites}): where the pain began, {plural(len(episodes), 'run')}",
        unit=units.value if by_distance else "min",
        start=span.start,
        end=span.end,
        episodes=tuple(Point(e.run.date, shown(v)) for e, v in zip(episodes, values, strict=True) if v is not None),
        point=point,
        band=band,
        pain_free=pain_free,
        marks=marks,
        finding=finding,
    )


def gear_marks(runs: list[Run]) -> tuple[GearMark, ...]:
    """Every shoe or orthotic change in ``runs`` (in run order), both named
    when both changed on the same run."""
    marks = []
    last_shoe: str | None = None
    for index, run in enumerate(runs):
        orthotic = run.orthotic.name if run.orthotic else None
        before = runs[index - 1].orthotic if index else None
        # A blank orthotic means none was worn; a blank shoe only that none was logged.
        if index and orthotic != (before.name if before else None):
            marks.append(GearMark(run.date, f"orthotic: {orthotic}" if orthotic else "no orthotics"))
        if run.shoe is not None:
            if last_shoe is not None and run.shoe.name != last_shoe:
                marks.append(GearMark(run.date, f"shoe: {run.shoe.name}"))
            last_shoe = run.shoe.name
    return tuple(marks)


def week_bars(span: ReviewSpan) -> tuple[WeekBar, ...]:
    """The span's weeks, oldest first, in the runner's unit."""
    units = span.settings.units
    bars = []
    for week in span.weeks:
        f = week.figures
        bars.append(
            WeekBar(
                start=week.start,
                distance=units.from_metres(f.distance_m),
                runs=f.runs,
                pain_runs=f.pain_runs,
                jump=None,
                mornings=dict(f.mornings),
                mornings_missing=f.mornings_missing,
                spikes=sum(1 for s in span.report.spikes if week.start <= s.date <= week.end),
            )
        )
    return tuple(bars)
