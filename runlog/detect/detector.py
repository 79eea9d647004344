"""``detect``: from the runs of a window to a report of findings and notes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from runlog.detect.advice import DISCLAIMER, suggestions_for
from runlog.detect.analysis import GroupAnalysis, Window, analyse
from runlog.detect.before_after import Comparison, PastPoint, compare_changes
from runlog.detect.episodes import SiteGroup, group_episodes, window_runs
from runlog.detect.explain import NO_KNEE_PAIN, NO_RUNS, explanation, note, other_sites_note
from runlog.detect.findings import Finding, OnsetBasis, Report, Status, Suggestion
from runlog.detect.progress import Progress, progress_of
from runlog.detect.progress_text import progress_text, spikes_before_text
from runlog.detect.rules import DEFAULT_WINDOW_WEEKS, confidence, median_onset, onsets, severity, tightness
from runlog.detect.spikes import SPIKE_LOOKBACK_DAYS, SPIKES_BEFORE_DAYS, Spike, find_spikes, spikes_before
from runlog.domain import ActivityFamily, PainSite, Run, RunnerChange, Side, Units

#: Days before ``since`` whose runs ``detect`` needs to find every spike a finding may name:
#: the 28 days before a first episode on ``since``, each compared with the 30 days before it.
HISTORY_DAYS = SPIKES_BEFORE_DAYS + SPIKE_LOOKBACK_DAYS


def default_window(day: dt.date, week_start: int = 0) -> tuple[dt.date, dt.date]:
    """The default window, shared by ``detect``, the weekly review and the
    reports: the 12 whole weeks ending with the week that contains ``day``,
    weeks starting on ``week_start`` (0 = Monday ... 6 = Sunday)."""
    end = day - dt.timedelta(days=(day.weekday() - week_start) % 7) + dt.timedelta(days=6)
    return end - dt.timedelta(days=DEFAULT_WINDOW_WEEKS * 7 - 1), end


def detect(
    runs: Iterable[Run],
    since: dt.date,
    until: dt.date,
    *,
    units: Units = Units.KM,
    changes: Sequence[RunnerChange] = (),
) -> Report:
    """Find the knee-pain patterns (the package docstring's rules) in the runs
    dated ``since`` to ``until`` (both included), the progress of each group,
    the runs before and after each of ``changes`` and the spikes.

    Runs after the window are ignored; runs of the ``HISTORY_DAYS`` before it
    only serve to find spikes (``spikes``), so pass them too.

    The result does not depend on the order of ``runs``. Explanations and
    notes give distances in ``units``; the JSON's figures stay in km and
    minutes. Findings come left knee first, then by site group. Raises
    ``ValueError`` when ``since`` is after ``until``.
    """
    if since > until:
        raise ValueError(f"the window starts ({since}) after it ends ({until})")
    runs = list(runs)
    sorted_runs = window_runs(runs, since, until)
    all_spikes = find_spikes(run for run in runs if since - dt.timedelta(days=HISTORY_DAYS) <= run.date <= until)
    findings: list[Finding] = []
    progress: list[Progress] = []
    notes: list[str] = []
    knee_pain = False
    other_sites: Counter[PainSite] = Counter()
    # Each family on its own: a walk's onset point has nothing to do with a run's,
    # so a walk never counts for or against a running pattern.
    for family in ActivityFamily:
        family_runs = sorted_runs if family is ActivityFamily.RUN and _all_running(sorted_runs) else [
            run for run in sorted_runs if run.kind.family is family
        ]
        if not family_runs:
            continue
        window = Window.of(family_runs)
        grouped = group_episodes(family_runs)
        knee_pain = knee_pain or bool(grouped.episodes)
        other_sites.update(grouped.other_sites)
        for side in Side:
            for group in SiteGroup:
                episodes = grouped.episodes.get((side, group))
                if not episodes:
                    continue
                analysis = analyse(side, group, episodes, window, family)
                entry = _progress(analysis, window, until, changes, units)
                if entry is not None:
                    progress.append(entry)
                if analysis.pattern is None:
                    notes.append(note(analysis, units))
                else:
                    comparisons = entry.comparisons if entry else _comparisons(analysis, window, until, changes)
                    finding = _finding(analysis, window, units, all_spikes, comparisons)
                    if entry is not None and Suggestion.SEE_KNEE_SPECIALIST in entry.suggestions:
                        # Mornings lately not clearing: the group's advice gains the knee specialist.
                        finding = dataclasses.replace(finding, suggestions=_with_knee_specialist(finding.suggestions))
                    findings.append(finding)
    if not sorted_runs:
        notes.append(NO_RUNS)
    elif not knee_pain:
        notes.append(NO_KNEE_PAIN)
    if other_sites:
        notes.append(other_sites_note(other_sites))
    return Report(
        since=since,
        until=until,
        runs_considered=len(sorted_runs),
        findings=tuple(findings),
        notes=tuple(notes),
        disclaimer=DISCLAIMER,
        units=units,
        progress=tuple(progress),
        spikes=tuple(spike for spike in all_spikes if spike.date >= since),
    )


def _with_knee_specialist(codes: tuple[Suggestion, ...]) -> tuple[Suggestion, ...]:
    if Suggestion.SEE_KNEE_SPECIALIST in codes:
        return codes
    return (Suggestion.SEE_KNEE_SPECIALIST, *codes)


def _comparisons(
    a: GroupAnalysis, window: Window, until: dt.date, changes: Sequence[RunnerChange]
) -> tuple[Comparison, ...]:
    """Before and after each change from the group's first episode on;
    none when the group has no onset point to measure runs against."""
    if a.point is None or not changes:
        return ()
    reach = window.reach[a.basis]
    painful = {e.index for e in a.episodes}
    past = PastPoint.of(
        [(run.date, index in painful) for index, run in enumerate(window.runs) if reach[index] >= a.point]
    )
    return compare_changes(past, a.episodes[0].run.date, until, changes)


def _progress(
    a: GroupAnalysis, window: Window, until: dt.date, changes: Sequence[RunnerChange], units: Units
) -> Progress | None:
    entry = progress_of(
        a.family, a.side, a.sites, a.episodes, a.basis,
        window.runs[a.episodes[-1].index + 1 :] if len(a.episodes) else [],
        (),
    )  # fmt: skip
    if entry is None:
        return None
    entry = dataclasses.replace(entry, comparisons=_comparisons(a, window, until, changes), point=a.point)
    return dataclasses.replace(entry, explanation=progress_text(entry, units))


def _finding(
    a: GroupAnalysis, window: Window, units: Units, spikes: Sequence[Spike], comparisons: tuple[Comparison, ...]
) -> Finding:
    pattern = a.pattern
    # An active finding's advice is for the gear the pain came in; a resolved
    # one's is what to do if it returns, so it follows the gear worn now: the
    # most recent run of the window.
    wearing = a.episodes[-1].run if a.status is Status.ACTIVE else window.runs[-1]
    level = severity(a.episodes)
    metres = median_onset(onsets(a.episodes, OnsetBasis.DISTANCE))
    seconds = median_onset(onsets(a.episodes, OnsetBasis.TIME))
    m = a.mornings
    before = spikes_before(spikes, a.family, a.episodes[0].run.date)
    return Finding(
        pattern=pattern,
        side=a.side,
        sites=a.sites,
        episodes=a.count,
        onset_basis=a.basis,
        onset_km=None if metres is None else metres / 1000.0,
        onset_min=None if seconds is None else seconds / 60.0,
        cleared_by_morning=m.gone / m.recorded if m.recorded else None,
        severity=level,
        status=a.status,
        change=a.change,
        confidence=confidence(a.count, tightness(a.onsets, a.point), m.recorded / a.count),
        evidence=tuple(e.run.date for e in a.episodes),
        suggestions=suggestions_for(pattern, level, wearing),
        explanation=" ".join(
            part for part in (explanation(a, level, units), spikes_before_text(before, a.noun)) if part
        ),
        activity=a.family,
        spikes_before=before,
        comparisons=comparisons,
    )


def _all_running(runs: list[Run]) -> bool:
    """Most logs hold runs only: then the window's list is used as it is."""
    return all(run.kind.family is ActivityFamily.RUN for run in runs)
