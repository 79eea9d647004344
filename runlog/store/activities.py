"""Activities from watch files into the log: new runs, merges into runs typed by hand, or nothing.

An activity already imported (same source identity) adds nothing. One that
matches a run logged by hand (same date, start times within 15 minutes or
either missing, distance within 3%, same family) is merged into it: what the
runner typed wins, blanks are filled from the file, marks are added, pains
stay. Anything else becomes a new run. Each file is one transaction, so it is
imported whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from runlog.domain.activity import Activity, ActivityKind
from runlog.domain.limits import activity_problem
from runlog.domain.text import clean_name
from runlog.formats.activity_files import FileOutcome, Refusal, shown
from runlog.formats.activity_result import RefusalCode
from runlog.store.handle import Store
from runlog.store.models import MarkRow, RunRow, ShoeRow

#: A hand-logged run and a watch's activity are the same run within these.
SAME_START = dt.timedelta(minutes=15)
SAME_DISTANCE = 0.03


@dataclass(slots=True)
class ImportSummary:
    """What an import did, for the command line's summary and the TUI's notice."""

    imported: int = 0
    merged: int = 0
    already_there: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    refused: list[Refusal] = field(default_factory=list)
    #: ``(date, start time, run id)`` of the runs added or merged.
    new_runs: list[tuple[dt.date, dt.time, int]] = field(default_factory=list)
    #: runlog's own CSV files met on the way; the caller imports them with the CSV importer.
    runlog_csvs: list[Path] = field(default_factory=list)

    @property
    def newest_run_id(self) -> int | None:
        """The run added or merged that took place last: the one to ask about pain."""
        return max(self.new_runs)[2] if self.new_runs else None

    def lines(self) -> list[str]:
        """The summary: how many imported, merged, already there, left out by sport, refused."""
        text = [
            f"{self.imported} imported, {self.merged} merged into runs you logged, {self.already_there} already there"
        ]
        if self.left_out:
            sports = ", ".join(f"{count} {_plain(sport)}" for sport, count in sorted(self.left_out.items()))
            text.append(f"left out (not on foot): {sports}")
        if self.refused:
            text.append(f"{len(self.refused)} file{'s' if len(self.refused) != 1 else ''} refused:")
            text.extend(f"  {refusal.message}" for refusal in self.refused)
        return text


def import_outcomes(
    store: Store,
    outcomes: Iterable[FileOutcome],
    progress: Callable[[FileOutcome], None] | None = None,
) -> ImportSummary:
    """Store what each file held, one transaction per file; refused files are listed, not fatal."""
    summary = ImportSummary()
    for outcome in outcomes:
        if progress is not None:
            progress(outcome)
        if outcome.refusal is not None:
            summary.refused.append(outcome.refusal)
            continue
        if outcome.runlog_csv:
            summary.runlog_csvs.append(outcome.path)
            continue
        file_summary = ImportSummary()
        activities = _loggable(outcome, summary.refused)
        if activities is None:
            continue
        try:
            with store.write() as session:
                for activity in sorted(activities, key=_when):
                    _store(session, activity, file_summary)
        except SQLAlchemyError:
            summary.refused.append(
                Refusal(RefusalCode.UNREADABLE, f"{shown(outcome.path)} could not be stored; nothing from it was kept.")
            )
            continue
        summary.imported += file_summary.imported
        summary.merged += file_summary.merged
        summary.already_there += file_summary.already_there
        summary.new_runs.extend(file_summary.new_runs)
        summary.left_out.update(outcome.left_out)
    return summary


def _plain(text: str) -> str:
    """A sport's name as a file gave it, safe to print: no control characters, not too long."""
    cleaned = "".join(char if char.isprintable() else "?" for char in text)
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


def _when(activity: Activity) -> tuple[dt.date, dt.time]:
    return activity.date, activity.start_time or dt.time(0, 0)


def _loggable(outcome: FileOutcome, refused: list[Refusal]) -> list[Activity] | None:
    """The file's activities, if every one passes the rule each run is held to
    (the form's and the CSV's: ``runlog.domain.limits``); otherwise ``None``, and
    the file is refused in one sentence naming it (a file is imported whole
    or not at all). Names a file brought in lose their control characters."""
    today = dt.date.today()
    for activity in outcome.activities:
        if problem := activity_problem(activity, today):
            when = activity.date.isoformat() if isinstance(activity.date, dt.date) else "an unreadable date"
            refused.append(Refusal(
                RefusalCode.BAD_VALUE,
                f"{shown(outcome.path)} has an activity on {when} runlog cannot log: {problem}; nothing from it was kept.",
            ))
            return None
    for activity in outcome.activities:
        activity.shoe = clean_name(activity.shoe)
    return outcome.activities


def _store(session: Session, activity: Activity, summary: ImportSummary) -> None:
    if activity.source and session.scalar(select(RunRow.id).where(RunRow.source == activity.source)) is not None:
        summary.already_there += 1
        return
    match = _matching_run(session, activity)
    if match is not None and match.source is not None:
        # Already brought in from another file of the same activity (the watch's FIT, then the Strava export).
        summary.already_there += 1
        return
    if match is not None:
        _merge(session, match, activity)
        summary.merged += 1
        summary.new_runs.append((activity.date, activity.start_time or dt.time(0, 0), match.id))
        return
    row = RunRow(
        date=activity.date,
        start_time=activity.start_time,
        distance_m=activity.distance_m,
        duration_s=activity.duration_s,
        elapsed_s=activity.elapsed_s,
        kind=activity.kind.value,
        source=activity.source or None,
        shoe_id=_shoe_id(session, activity.shoe),
        notes="",
    )
    row.marks = [_mark_row(mark) for mark in activity.marks]
    session.add(row)
    session.flush()
    summary.imported += 1
    summary.new_runs.append((activity.date, activity.start_time or dt.time(0, 0), row.id))


def _matching_run(session: Session, activity: Activity) -> RunRow | None:
    """The stored run this activity is, by date, start time, distance and family; the closest if several."""
    family = activity.kind.family
    candidates = session.scalars(select(RunRow).where(RunRow.date == activity.date)).all()
    best: tuple[float, RunRow] | None = None
    for run in candidates:
        if ActivityKind(run.kind).family is not family:
            continue
        if not _same_distance(run.distance_m, activity.distance_m):
            continue
        gap = _start_gap(run.start_time, activity.start_time, activity.date)
        if gap is not None and gap > SAME_START:
            continue
        score = abs(run.distance_m - activity.distance_m) + (gap.total_seconds() if gap else 0.0)
        if best is None or score < best[0]:
            best = (score, run)
    return best[1] if best else None


def _same_distance(stored: float, found: float) -> bool:
    larger = max(stored, found)
    return larger == 0 or abs(stored - found) <= SAME_DISTANCE * larger


def _start_gap(stored: dt.time | None, found: dt.time | None, day: dt.date) -> dt.timedelta | None:
    if stored is None or found is None:
        return None
    return abs(dt.datetime.combine(day, stored) - dt.datetime.combine(day, found))


def _merge(session: Session, run: RunRow, activity: Activity) -> None:
    """Fill what the runner left blank; keep what they typed and their pains; add the marks."""
    if run.start_time is None:
        run.start_time = activity.start_time
    if run.elapsed_s is None:
        run.elapsed_s = activity.elapsed_s
    if run.shoe_id is None:
        run.shoe_id = _shoe_id(session, activity.shoe)
    run.source = activity.source or None
    run.marks.extend(_mark_row(mark) for mark in activity.marks)


def _mark_row(mark) -> MarkRow:
    return MarkRow(distance_m=mark.distance_m, elapsed_s=mark.elapsed_s, label=mark.label)


def _shoe_id(session: Session, name: str | None) -> int | None:
    """The shoe of that name, created when the log has none by it yet (Strava's gear)."""
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    found = session.scalar(select(ShoeRow.id).where(ShoeRow.name == name))
    if found is not None:
        return found
    shoe = ShoeRow(name=name)
    session.add(shoe)
    session.flush()
    return shoe.id
