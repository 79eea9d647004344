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
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from runlog.domain.activity import Activity, ActivityKind
from runlog.domain.before_onset import km_before
from runlog.domain.limits import activity_problem, cadence_problem, climb_problem, plausible
from runlog.domain.text import clean_name
from runlog.errors import stops_every_write
from runlog.formats.activity_files import FileOutcome, Refusal, shown
from runlog.formats.activity_result import RefusalCode
from runlog.store.forgotten import is_forgotten, remember
from runlog.store.handle import Store
from runlog.store.kind_gear import gear_for
from runlog.store.models import MarkRow, RunRow, ShoeRow
from runlog.store.same_activity import correct_figures, same_activity_in_another_zone

#: A hand-logged run and a watch's activity are the same run within these.
SAME_START = dt.timedelta(minutes=15)
SAME_DISTANCE = 0.03
#: How often a file is stored again after another runlog stored one of its activities first.
CLASH_RETRIES = 3


@dataclass(slots=True)
class ImportSummary:
    """What an import did, for the command line's summary and the TUI's notice."""

    imported: int = 0
    merged: int = 0
    already_there: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    refused: list[Refusal] = field(default_factory=list)
    #: Files a folder scan looked at and passed over (not activity files), each with why.
    skipped: list[Refusal] = field(default_factory=list)
    #: Activities whose file named no sport, told a run or a walk by their pace.
    by_pace: int = 0
    #: ``(date, start time, run id)`` of the runs added or merged.
    new_runs: list[tuple[dt.date, dt.time, int]] = field(default_factory=list)
    #: runlog's own CSV files met on the way; the caller imports them with the CSV importer.
    runlog_csvs: list[Path] = field(default_factory=list)
    #: ``(file, date)`` of activities the runner deleted, passed by in a folder.
    forgotten: list[tuple[Path, dt.date]] = field(default_factory=list)
    #: Deleted activities imported again because their file was named.
    brought_back: int = 0
    #: New runs given gear, by what they got and why ("shoe Ghost (last used for runs)").
    given: Counter[str] = field(default_factory=Counter)
    #: ``(file, why)`` of every file not imported (refused, or its run deleted by the runner).
    not_imported: list[tuple[Path, str]] = field(default_factory=list)
    #: Runs whose figures a later, complete copy of their file corrected (the runner had not edited them).
    corrected: int = 0
    #: Why the import stopped before the last file (a full disk, a server gone), said once.
    stopped: str | None = None

    @property
    def newest_run_id(self) -> int | None:
        """The run added or merged that took place last: the one to ask about pain."""
        return max(self.new_runs)[2] if self.new_runs else None

    def lines(self, details: bool = True) -> list[str]:
        """The summary: how many imported, merged, already there, left out by sport, refused.

        ``details`` adds each refusal's sentence; the command line leaves them
        out here, as it says each one on standard error.
        """
        text = [
            f"{self.imported} imported, {self.merged} merged into runs you logged, {self.already_there} already there"
        ]
        if self.by_pace:
            text.append(
                f"{self.by_pace} {'activity' if self.by_pace == 1 else 'activities'} named no sport: taken as a run or "
                "a walk by its moving pace (faster than 9:00 /km is a run)"
            )
        if self.corrected:
            text.append(f"{self.corrected} corrected from a complete copy of a file read while it was being written")
        if self.left_out:
            sports = ", ".join(f"{count} {_plain(sport)}" for sport, count in sorted(self.left_out.items()))
            text.append(f"left out (not on foot): {sports}")
        text.extend(f"{count} given {what}" for what, count in sorted(self.given.items()))
        if self.brought_back:
            text.append(f"{self.brought_back} you had deleted brought back, as the file was named")
        if self.forgotten:
            text.append(f"{len(self.forgotten)} you deleted passed by (runlog import FILE brings one back):")
            text.extend(f"  {shown(path)} ({day.isoformat()})" for path, day in self.forgotten)
        if self.refused:
            count = f"{len(self.refused)} file{'s' if len(self.refused) != 1 else ''} refused"
            text.append(f"{count}:" if details else count)
            if details:
                text.extend(f"  {refusal.message}" for refusal in self.refused)
        if self.skipped:
            text.append(f"{len(self.skipped)} file{'s' if len(self.skipped) != 1 else ''} in the folders skipped:")
            text.extend(f"  {skip.message}" for skip in self.skipped)
        if self.stopped and details:
            text.append(f"Stopped: {self.stopped}.")
        return text


def import_outcomes(
    store: Store,
    outcomes: Iterable[FileOutcome],
    progress: Callable[[FileOutcome], None] | None = None,
    named: Callable[[Path], bool] | None = None,
) -> ImportSummary:
    """Store what each file held, one transaction per file; refused files are listed, not fatal.

    An activity the runner deleted is passed by, unless ``named(path)`` says
    its file was named rather than found in a folder: then it comes back.
    """
    summary = ImportSummary()
    for outcome in outcomes:
        if progress is not None:
            progress(outcome)
        if outcome.refusal is not None:
            summary.refused.append(outcome.refusal)
            summary.not_imported.append((outcome.path, _reason(outcome.path, outcome.refusal.message)))
            continue
        if outcome.runlog_csv:
            summary.runlog_csvs.append(outcome.path)
            continue
        activities = _loggable(outcome, summary.refused)
        if activities is None:
            summary.not_imported.append((outcome.path, _reason(outcome.path, summary.refused[-1].message)))
            continue
        try:
            file_summary = _store_file(store, outcome.path, activities, named)
        except SQLAlchemyError as error:
            reason = stops_every_write(error)
            if reason is not None:
                # Every file after this one would fail the same way: say it once, and stop.
                summary.stopped = (f"{reason}: {shown(outcome.path)} and the files after it were not imported "
                                   "(those before it were)")
                break
            message = _not_stored(outcome, error)
            summary.refused.append(Refusal(RefusalCode.UNREADABLE, message))
            summary.not_imported.append((outcome.path, _reason(outcome.path, message)))
            continue
        summary.imported += file_summary.imported
        summary.merged += file_summary.merged
        summary.already_there += file_summary.already_there
        summary.corrected += file_summary.corrected
        summary.new_runs.extend(file_summary.new_runs)
        summary.forgotten.extend(file_summary.forgotten)
        summary.not_imported.extend(
            (path, f"you deleted its run of {day.isoformat()}") for path, day in file_summary.forgotten
        )
        summary.brought_back += file_summary.brought_back
        summary.given.update(file_summary.given)
        summary.left_out.update(outcome.left_out)
        summary.by_pace += outcome.by_pace if file_summary.imported + file_summary.merged else 0
    return summary


def _reason(path: Path, message: str) -> str:
    """A refusal's sentence without the file's name in front: "is damaged: the file ends early"."""
    return message.removeprefix(shown(path)).strip().rstrip(".")


def _not_stored(outcome: FileOutcome, error: SQLAlchemyError) -> str:
    """A file the log would not take, naming the activity (its line, for a CSV) it balked at."""
    activity = getattr(error, "activity", None)
    if activity is None:
        return f"{shown(outcome.path)} could not be stored; nothing from it was kept."
    where = f"line {activity.line} (the activity on {activity.date.isoformat()})" if activity.line else (
        f"the activity on {activity.date.isoformat()}")
    return f"{shown(outcome.path)} could not be stored: {where} holds a value the log cannot keep; nothing from it was kept."


def _store_file(
    store: Store, path: Path, activities: list[Activity], named: Callable[[Path], bool] | None
) -> ImportSummary:
    """One file's activities in one transaction. Another runlog storing the
    same activity at the same moment makes the unique source clash: the
    file is stored again, where that activity now counts as already there.

    An activity the runner deleted is passed by, unless ``named(path)`` says
    its file was named rather than found in a folder: then it comes back."""
    for attempt in range(CLASH_RETRIES + 1):
        file_summary = ImportSummary()
        try:
            with store.write() as session:
                for activity in sorted(activities, key=_when):
                    try:
                        if is_forgotten(session, activity.source):
                            if named is None or not named(path):
                                file_summary.forgotten.append((path, activity.date))
                                continue
                            remember(session, activity.source)
                            file_summary.brought_back += 1
                        _store(session, activity, file_summary)
                        session.flush()
                    except SQLAlchemyError as error:
                        error.activity = activity  # for the message: which line the log balked at
                        raise
            return file_summary
        except IntegrityError as error:
            if attempt == CLASH_RETRIES or _is_value_error(error):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _is_value_error(error: IntegrityError) -> bool:
    """A value the log's rules refuse (NOT NULL, CHECK), as against a clash with another runlog's row."""
    original = getattr(error, "orig", None)
    state = getattr(original, "sqlstate", None)
    if state is not None:
        return state != "23505"  # unique_violation
    return "UNIQUE" not in str(original)


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
            if activity.line:  # a CSV's activity is named by its line too
                when = f"{when} (line {activity.line})"
            refused.append(Refusal(
                RefusalCode.BAD_VALUE,
                f"{shown(outcome.path)} has an activity on {when} runlog cannot log: {problem}; nothing from it was kept.",
            ))
            return None
    for activity in outcome.activities:
        activity.shoe = clean_name(activity.shoe)
    return outcome.activities


def _store(session: Session, activity: Activity, summary: ImportSummary) -> None:
    stored = session.scalar(select(RunRow).where(RunRow.source == activity.source)) if activity.source else None
    if stored is not None:
        if correct_figures(stored, activity):
            summary.corrected += 1
        else:
            summary.already_there += 1
        return
    # The same activity from a source whose clock was in another zone (the watch's FIT, Strava's CSV alone).
    match = _matching_run(session, activity) or same_activity_in_another_zone(session, activity)
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
        **_watch_figures(activity),
    )
    _give_gear(session, row, activity, summary)
    row.marks = [_mark_row(mark) for mark in activity.marks]
    session.add(row)
    session.flush()
    summary.imported += 1
    summary.new_runs.append((activity.date, activity.start_time or dt.time(0, 0), row.id))


def _give_gear(session: Session, row: RunRow, activity: Activity, summary: ImportSummary) -> None:
    """The kind's default gear, else the last used for the kind; Strava's shoe name wins."""
    given = gear_for(session, activity.kind, activity.date)
    if given is None:
        return
    parts = []
    if row.shoe_id is None and given.shoe_id is not None:
        row.shoe_id = given.shoe_id
        parts.append(f"shoe {_plain(given.shoe or '')}")
    if given.orthotic_id is not None:
        row.orthotic_id = given.orthotic_id
        parts.append(f"orthotic {_plain(given.orthotic or '')}")
    if parts:
        summary.given[f"{' and '.join(parts)} ({given.why} for {activity.kind.plural})"] += 1


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
    for name, value in _watch_figures(activity).items():
        if getattr(run, name) is None:
            setattr(run, name, value)
    _before_onset(run, activity)
    run.marks.extend(_mark_row(mark) for mark in activity.marks)


def _watch_figures(activity: Activity) -> dict[str, float | None]:
    """The activity's cadence, ascent and descent; a value outside ``runlog.domain.limits``
    (a broken sensor) is left unknown rather than refusing the run."""
    return {
        "cadence_spm": plausible(activity.cadence_spm, cadence_problem),
        "ascent_m": plausible(activity.ascent_m, climb_problem),
        "descent_m": plausible(activity.descent_m, climb_problem),
    }


def _before_onset(run: RunRow, activity: Activity) -> None:
    """For a run with a pain onset, the descent and cadence over the kilometre before
    it, read from the file's track now; the track itself is dropped."""
    onset = min((pain.onset_m for pain in run.pains if pain.onset_m is not None), default=None)
    if onset is None or activity.track is None:
        return
    found = km_before(activity.track(), onset)
    if found is not None:
        run.before_onset_descent_m = plausible(found.descent_m, climb_problem)
        run.before_onset_cadence_spm = plausible(found.cadence_spm, cadence_problem)


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
