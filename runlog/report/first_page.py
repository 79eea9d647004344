"""Page one of the report: the eight questions a clinician asks first, each
answered with the runner's own numbers (issue 22).

1. where it hurts and since when; 2. when in the run it begins now and how
that moved; 3. usual and worst intensity in the last two weeks, and its
direction; 4. the next morning; 5. how often it stopped a run; 6. load: the
weekly distance and the single-run spikes; 7. what was changed and what
followed; 8. how far the runner gets without pain now.

Nothing is recomputed differently from the detector: progress, the changes
before and after and the spikes are ``runlog.detect``'s own results, worded
by ``runlog.detect.progress_text``. Where the detector found no pattern the
answers come from the pains logged in the weeks shown, and say so. Plain
text only: the HTML and Markdown reports escape it their own way.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from runlog.detect import Finding
from runlog.detect.progress import Progress
from runlog.detect.progress_text import (
    OWN_RUNS_ONLY,
    comparison_text,
    intensity_sentence,
    mornings_sentence,
    onset_sentence,
    pain_free_sentence,
    spike_text,
)
from runlog.domain import Pain, Run, Units
from runlog.report.charts import week_bars
from runlog.review import ReviewSpan
from runlog.wording import change_text, finding_onset, finding_where, number, onset_text, plural

QUESTIONS = (
    "Where does it hurt, and since when?",
    "When in the run does it begin now, and has that moved?",
    "How bad is it: usual and worst in the last 2 weeks?",
    "The next morning?",
    "How often did it stop a run?",
    "Load: weekly distance and single runs much longer than usual?",
    "What was changed, and what followed?",
    "How far without pain now?",
)
#: Days counted as "the last two weeks" for question 3.
RECENT_DAYS = 14
NOTHING_TO_REPORT = "Nothing to report: runlog found no pattern in these weeks."


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The eight answers (each a list of sentences) and what to try, attributed."""

    answers: tuple[tuple[str, tuple[str, ...]], ...]
    #: ``(attribution, text)`` per suggestion, in the findings' order.
    suggestions: tuple[tuple[str, str], ...]
    nothing_found: bool


def first_page(span: ReviewSpan, today: dt.date) -> FirstPage:
    """The answers for the span's weeks, the last two weeks ending ``today`` or the span's end."""
    from runlog.detect import SUGGESTION_TEXT
    from runlog.wording import suggestions_label

    units = span.settings.units
    last_day = min(today, span.end)
    findings = span.report.findings
    if findings:
        groups = [_finding_answers(span, f, _progress_of(span, f), units, last_day) for f in findings]
        answers = [tuple(s for group in groups for s in group[i]) for i in range(8)]
    else:
        answers = _unfound_answers(span, units, last_day)
    answers[0] = (*answers[0], *(f"Note: {note}." for note in span.report.notes))
    answers[5] = (*_load(span, units), *answers[5])
    suggestions = []
    for finding in findings:
        label = f"{suggestions_label(finding)}, for the {finding_where(finding)} (from one podiatrist's advice)"
        suggestions += [(label, SUGGESTION_TEXT[code]) for code in finding.suggestions]
    for entry in span.report.progress:
        for code in entry.suggestions:
            suggestions.append(("From the next mornings lately", SUGGESTION_TEXT[code]))
    return FirstPage(tuple(zip(QUESTIONS, answers, strict=True)), tuple(suggestions), not findings)


def first_page_markdown(page: FirstPage, disclaimer: str, questions: str, escape: Callable[[str], str]) -> list[str]:
    """``## For the clinician``: the same eight answers as the HTML's page one, as Markdown lines."""
    lines = ["## For the clinician: eight questions", ""]
    for number_, (question, answer) in enumerate(page.answers, 1):
        text = " ".join(answer) or "Nothing logged to answer this."
        lines.append(f"{number_}. **{escape(question)}** {escape(text)}")
    lines.append("")
    if questions.strip():
        lines += ["### Questions for my clinician", ""]
        lines += [f"> {escape(line)}" for line in questions.strip().splitlines()]
        lines.append("")
    if page.suggestions:
        lines += ["### Options to discuss (suggestions, never promises)", ""]
        lines += [f"- *{escape(source)}:* {escape(text)}" for source, text in page.suggestions]
        lines.append("")
    return [*lines, f"*{escape(disclaimer)}*", ""]


def _progress_of(span: ReviewSpan, finding: Finding) -> Progress | None:
    for entry in span.report.progress:
        if entry.side == finding.side and entry.family == finding.activity and set(entry.sites) & set(finding.sites):
            return entry
    return None


def _group_pains(span: ReviewSpan, finding: Finding) -> list[tuple[Run, Pain]]:
    days = set(finding.evidence)
    found = []
    for run in span.runs:
        if run.date in days and run.kind.family == finding.activity:
            pains = [p for p in run.pains if p.side == finding.side and p.site in finding.sites]
            if pains:
                found.append((run, max(pains, key=lambda p: p.intensity)))
    return found


def _intensity(pains: list[tuple[Run, Pain]], last_day: dt.date) -> str:
    recent = [p.intensity for run, p in pains if last_day - dt.timedelta(days=RECENT_DAYS - 1) <= run.date <= last_day]
    if not recent:
        return f"No runs with this pain in the last 2 weeks (to {last_day.isoformat()})."
    return (f"Last 2 weeks: usual {number(statistics.median(recent))}/10, worst {max(recent)}/10 "
            f"({plural(len(recent), 'run')} with this pain).")


def _finding_answers(span, finding: Finding, progress: Progress | None, units: Units, last_day) -> list[tuple]:
    where = finding_where(finding)
    pains = _group_pains(span, finding)
    noun = finding.activity.value
    first = finding.evidence[0]
    a1 = (f"{where}: {finding.status.value}; first episode {first.isoformat()}, "
          f"{plural(finding.episodes, 'episode')} (last {finding.evidence[-1].isoformat()}).",)
    if progress is not None:
        a2 = (onset_sentence(progress, units),)
        direction = intensity_sentence(progress)
        a4_lately = mornings_sentence(progress)
    else:
        a2 = (f"Typically {finding_onset(finding, units)}; fewer than 6 episodes, too few to tell how it moved.",)
        direction = "Fewer than 6 episodes: too few to tell its direction."
        a4_lately = ""
    a3 = (_intensity(pains, last_day), direction)
    if finding.cleared_by_morning is None:
        a4 = ("No next morning recorded.",)
    else:
        a4 = tuple(s for s in (f"Gone next morning {finding.cleared_by_morning:.0%} of recorded times.", a4_lately) if s)
    stopped = sum(1 for _, p in pains if p.stopped_early)
    a5 = (f"Stopped {noun}s early {stopped} of {finding.episodes} times.",)
    before = [s for s in span.report.spikes if s.date in finding.spikes_before]
    if before:
        a6 = (f"In the 4 weeks before the first episode ({first.isoformat()}): "
              + "; ".join(spike_text(s, units) for s in before) + ".",)
    else:
        a6 = (f"No single {noun} much longer than usual in the 4 weeks before the first episode ({first.isoformat()}).",)
    a7: tuple[str, ...] = ()
    if finding.change is not None:
        a7 += (f"Resolved {change_text(finding.change)}.",)
    comparisons = progress.comparisons if progress is not None and progress.comparisons else finding.comparisons
    point = _point(finding, progress, units)
    if comparisons and point:
        a7 += tuple(comparison_text(c, point, noun) for c in comparisons) + (OWN_RUNS_ONLY,)
    elif not a7:
        a7 = ("No change recorded since the first episode.",)
    if progress is not None:
        now = "" if progress.recent_onset is None else onset_text(progress.basis, progress.recent_onset, units)
        a8 = tuple(s for s in (f"Lately pain began at about {now} into the {noun}." if now else "",
                                pain_free_sentence(progress, units)) if s)
    else:
        a8 = (f"Pain typically began {finding_onset(finding, units)}.", _longest_since(span, finding, units))
    return [a1, a2, a3, a4, a5, a6, a7, a8]


def _point(finding: Finding, progress: Progress | None, units: Units) -> str:
    if progress is not None and progress.point is not None:
        return onset_text(progress.basis, progress.point, units)
    if finding.onset_basis == "distance" and finding.onset_km is not None:
        return onset_text(finding.onset_basis, finding.onset_km * 1000, units)
    if finding.onset_min is not None:
        return onset_text(finding.onset_basis, finding.onset_min * 60, units)
    return ""


def _longest_since(span: ReviewSpan, finding: Finding, units: Units) -> str:
    last = finding.evidence[-1]
    after = [r for r in span.runs if r.date > last and r.kind.family == finding.activity]
    noun = finding.activity.value
    if not after:
        return f"No {noun} since the last painful one on {last.isoformat()}."
    longest = max(after, key=lambda r: r.distance_m)
    return (f"Longest {noun} since the last painful one on {last.isoformat()}: "
            f"{units.from_metres(longest.distance_m):.1f} {units.value}.")


def _load(span: ReviewSpan, units: Units) -> tuple[str, ...]:
    bars = week_bars(span)
    distances = [bar.distance for bar in bars]
    weekly = ", ".join(f"{bar.start:%b} {bar.start.day} {bar.distance:.0f}" for bar in bars[-12:])
    lines = [
        f"Weekly distance ({units.value}, week of): {weekly}; median {number(statistics.median(distances))} "
        f"over {plural(len(bars), 'week')}."
    ]
    spikes = span.report.spikes
    lines.append(
        f"Single runs more than 10% longer than the longest of the 30 days before: {len(spikes)}"
        + (f" ({', '.join(s.date.isoformat() for s in spikes)})." if spikes else ".")
    )
    return tuple(lines)


def _unfound_answers(span: ReviewSpan, units: Units, last_day: dt.date) -> list[tuple]:
    pains = [(run, p) for run in span.runs for p in run.pains if p.site.is_knee]
    longest = (f"Longest run in these weeks: {units.from_metres(max(r.distance_m for r in span.runs)):.1f} "
               f"{units.value}." if span.runs else "No runs in these weeks.")
    if not pains:
        none = "No knee pain logged in these weeks."
        return [(NOTHING_TO_REPORT, none), (none,), (none,), (none,), (none,), (), ("No pattern to compare changes against.",),
                (longest,)]
    places = sorted({f"{p.side.value} knee ({p.site.label})" for _, p in pains})
    days = sorted({run.date for run, _ in pains})
    onsets = [p.onset_m for _, p in pains if p.onset_m is not None]
    mornings = [p.next_morning for _, p in pains if p.next_morning is not None]
    gone = sum(1 for m in mornings if m.value == "gone")
    stopped = sum(1 for _, p in pains if p.stopped_early)
    return [
        (NOTHING_TO_REPORT, f"Knee pain logged: {', '.join(places)}; first {days[0].isoformat()}, "
                            f"{plural(len(days), 'run')} in these weeks."),
        (f"Median onset {onset_text('distance', statistics.median(onsets), units)} over the runs with one; "
         "too few episodes to tell how it moved." if onsets else "Onset not recorded.",),
        (_intensity(pains, last_day),),
        (f"Gone next morning {gone} of {len(mornings)} times recorded." if mornings else "No next morning recorded.",),
        (f"Stopped a run early {stopped} of {plural(len(pains), 'time')}.",),
        (),
        ("No pattern to compare changes against.",),
        (longest,),
    ]
