"""Reading the run form: text as typed -> a ``Run``, or a plain-words reason per field.

Pure functions (no Textual), so every message the runner can see is tested
without a terminal. Error keys name the field they belong to: ``date``,
``start``, ``distance``, ``duration``, ``effort``, and ``pain0.site``,
``pain0.onset`` (missing, or the distance), ``pain0.onset-time``, ``pain0.intensity`` ... for the pain entries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from runlog.domain import NextMorning, Orthotic, Pain, PainSite, Run, Shoe, Side, Units
from runlog.domain.activity import ActivityKind
from runlog.domain.dates import check_date, parse_date, parse_duration, parse_time_of_day
from runlog.domain.limits import distance_problem, duration_problem
from runlog.domain.text import notes_problem
from runlog.domain.units import format_duration
from runlog.tui.display import number_text


@dataclass
class PainFields:
    """One pain entry as the form holds it."""

    site: PainSite | None = None
    side: Side | None = None
    onset_distance: str = ""
    onset_time: str = ""
    intensity: str = ""
    stopped_early: bool = False
    #: Kept from the stored entry so an edit keeps its morning status.
    id: int | None = None
    next_morning: NextMorning | None = None


@dataclass
class RunFields:
    """The run form's fields as typed."""

    date: str = ""
    start_time: str = ""
    distance: str = ""
    duration: str = ""
    shoe: Shoe | None = None
    orthotic: Orthotic | None = None
    effort: str = ""
    notes: str = ""
    pains: list[PainFields] = field(default_factory=list)
    #: Run, trail run, treadmill, walk or hike.
    kind: ActivityKind = ActivityKind.RUN
    id: int | None = None
    #: The stored run's ``changed_at`` when editing: the save checks it.
    changed_at: dt.datetime | None = None


#: What the runner may type in an onset field when they do not know when the pain began.
NOT_SURE = ("?", "not sure", "unsure", "don't know", "dont know")


def is_not_sure(text: str) -> bool:
    """Whether an onset field says "not sure" (``?``)."""
    return " ".join(text.lower().split()) in NOT_SURE


def fields_from_run(run: Run, units: Units) -> RunFields:
    """The form's text for a stored run (editing)."""
    return RunFields(
        id=run.id,
        changed_at=run.changed_at,
        date=run.date.isoformat(),
        start_time=run.start_time.strftime("%H:%M") if run.start_time else "",
        distance=number_text(units.from_metres(run.distance_m)),
        duration=format_duration(run.duration_s),
        shoe=run.shoe,
        orthotic=run.orthotic,
        effort="" if run.effort is None else str(run.effort),
        notes=run.notes,
        kind=run.kind,
        pains=[
            PainFields(
                id=pain.id,
                site=pain.site,
                side=pain.side,
                onset_distance=(
                    "?" if pain.onset_m is None and pain.onset_s is None
                    else "" if pain.onset_m is None else number_text(units.from_metres(pain.onset_m))
                ),
                onset_time="" if pain.onset_s is None else format_duration(pain.onset_s),
                intensity=str(pain.intensity),
                stopped_early=pain.stopped_early,
                next_morning=pain.next_morning,
            )
            for pain in run.pains
        ],
    )


def _number(text: str) -> float:
    value = float(text.strip().replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not a number")
    return value


_DISTANCE = re.compile(r"^([0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)\s*(km|kms|k|mi|mile|miles)?$")


def distance_metres(text: str, units: Units) -> float:
    """Metres from a distance as runners type it: ``8.5`` (in ``units``),
    ``8.5km``, ``10k``, ``6mi``; ``ValueError`` otherwise."""
    match = _DISTANCE.match(text.strip().lower())
    if not match:
        raise ValueError("not a distance")
    number, unit = _number(match.group(1)), match.group(2)
    if unit is None:
        return units.to_metres(number)
    return (Units.KM if unit.startswith("k") else Units.MI).to_metres(number)


def _whole(text: str, low: int, high: int) -> int:
    value = int(text.strip())
    if not low <= value <= high:
        raise ValueError("out of range")
    return value


def read_run(
    fields: RunFields, units: Units, today: dt.date, original: Run | None = None
) -> tuple[Run | None, dict[str, str]]:
    """The run the form describes, or ``None`` and a reason for each bad field.

    Distances are typed in ``units`` and stored in metres. When editing
    (``original``), a field whose text is unchanged keeps its stored value
    exactly, so opening and saving a run never rounds it.
    """
    before = fields_from_run(original, units) if original is not None else RunFields()
    errors: dict[str, str] = {}

    day = None
    try:
        day = check_date(parse_date(fields.date, today), today)
    except ValueError as exc:
        errors["date"] = str(exc)

    start = None
    if fields.start_time.strip():
        try:
            start = parse_time_of_day(fields.start_time)
        except ValueError as exc:
            errors["start"] = str(exc)

    distance_m = None
    if original is not None and fields.distance.strip() == before.distance:
        distance_m = original.distance_m
    else:
        try:
            distance_m = distance_metres(fields.distance, units)
            if distance_m <= 0:
                raise ValueError
        except ValueError:
            distance_m = None
            errors["distance"] = "distance must be a positive number"
        if distance_m is not None and distance_problem(distance_m):
            # The CSV's and the activity files' limit (``domain.limits``): the log never holds more.
            distance_m = None
            errors["distance"] = "distance must be under 1,000 km (621 mi)"

    duration_s = None
    if original is not None and fields.duration.strip() == before.duration:
        duration_s = original.duration_s
    else:
        try:
            duration_s = parse_duration(fields.duration)
            if duration_s <= 0:
                errors["duration"] = "duration must be more than zero"
                duration_s = None
        except ValueError as exc:
            errors["duration"] = str(exc)
        if duration_s is not None and duration_problem(duration_s):
            duration_s = None
            errors["duration"] = "duration must be under 10 days"

    effort = None
    if fields.effort.strip():
        try:
            effort = _whole(fields.effort, 1, 10)
        except ValueError:
            errors["effort"] = "effort is 1 to 10"

    stored = {p.id: p for p in original.pains} if original is not None else {}
    typed_before = {p.id: p for p in before.pains}
    pains = []
    for index, entry in enumerate(fields.pains):
        pain = _read_pain(
            entry, f"pain{index}", units, distance_m, duration_s, errors,
            stored.get(entry.id) if entry.id is not None else None,
            typed_before.get(entry.id) if entry.id is not None else None,
        )
        if pain is not None:
            pains.append(pain)

    if problem := notes_problem(fields.notes):
        errors["notes"] = problem
    if errors:
        return None, errors
    assert day is not None and distance_m is not None and duration_s is not None
    run = Run(
        id=fields.id,
        changed_at=fields.changed_at,
        date=day,
        start_time=start,
        distance_m=distance_m,
        duration_s=duration_s,
        shoe=fields.shoe,
        orthotic=fields.orthotic,
        effort=effort,
        notes=fields.notes.strip(),
        pains=pains,
        kind=ActivityKind(fields.kind),
    )
    if original is not None:
        # What the form does not show stays as it was: what a watch recorded.
        run.elapsed_s, run.source, run.marks = original.elapsed_s, original.source, original.marks
        run.cadence_spm, run.ascent_m, run.descent_m = original.cadence_spm, original.ascent_m, original.descent_m
    return run, errors


def _read_pain(
    entry: PainFields,
    key: str,
    units: Units,
    run_m: float | None,
    run_s: float | None,
    errors: dict[str, str],
    stored: Pain | None,
    typed_before: PainFields | None,
) -> Pain | None:
    ok = True
    if entry.site is None or entry.side is None:
        errors[f"{key}.site"] = "pick where it hurt"
        ok = False

    onset_m = onset_s = None
    not_sure = is_not_sure(entry.onset_distance) or is_not_sure(entry.onset_time)
    onset_distance = "" if is_not_sure(entry.onset_distance) else entry.onset_distance
    onset_time = "" if is_not_sure(entry.onset_time) else entry.onset_time
    if not onset_distance.strip() and not onset_time.strip() and not not_sure:
        errors[f"{key}.onset"] = "give the onset as a distance or a time into the run, or ? if not sure"
        ok = False
    if onset_distance.strip():
        if stored is not None and typed_before is not None and onset_distance.strip() == typed_before.onset_distance:
            onset_m = stored.onset_m
        else:
            try:
                onset_m = distance_metres(onset_distance, units)
                if onset_m < 0:
                    raise ValueError
            except ValueError:
                errors[f"{key}.onset"] = "onset distance must be a number, 0 or more"
                ok = False
                onset_m = None
        if onset_m is not None and run_m is not None and onset_m > run_m + 0.5:
            errors[f"{key}.onset"] = (
                f"onset {number_text(units.from_metres(onset_m))} {units.value} "
                f"is past the run's {number_text(units.from_metres(run_m))} {units.value}"
            )
            ok = False
    if onset_time.strip():
        if stored is not None and typed_before is not None and onset_time.strip() == typed_before.onset_time:
            onset_s = stored.onset_s
        else:
            try:
                onset_s = parse_duration(onset_time)
            except ValueError:
                errors[f"{key}.onset-time"] = "onset time is like 28, 28:30, 28 min or 1h05"
                ok = False
        if onset_s is not None and run_s is not None and onset_s > run_s + 0.5:
            errors[f"{key}.onset-time"] = (
                f"onset {number_text(onset_s / 60, 1)} min is past the run's {number_text(run_s / 60, 1)} min"
            )
            ok = False

    intensity = None
    try:
        intensity = _whole(entry.intensity, 0, 10)
    except ValueError:
        errors[f"{key}.intensity"] = "intensity is 0 to 10"
        ok = False

    if not ok:
        return None
    assert entry.site is not None and entry.side is not None and intensity is not None
    return Pain(
        id=entry.id,
        site=entry.site,
        side=entry.side,
        intensity=intensity,
        onset_m=onset_m,
        onset_s=onset_s,
        stopped_early=entry.stopped_early,
        next_morning=entry.next_morning,
    )


# The shoe and orthotic forms are read in form_shoe; kept importable from here.
from runlog.tui.form_shoe import read_orthotic, read_shoe, shoe_distance_text  # noqa: E402, F401
