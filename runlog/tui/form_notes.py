"""The run form's live notes: the pace as it is typed, and warnings (never
refusals) for entries that are possible but probably a slip.

Pure functions, like ``form_input``, so every note is tested without a terminal.
"""

from __future__ import annotations

import re

from runlog.domain import Units
from runlog.domain.dates import parse_duration
from runlog.domain.units import format_duration
from runlog.tui.display import number_text
from runlog.tui.form_input import PainFields, RunFields, distance_metres, is_not_sure

#: Faster than this (seconds per km) is a typing slip, not a run.
FASTEST_PACE_S_PER_KM = 150
#: This far or more in one run is worth a second look.
LONGEST_RUN_M = 300_000
#: Onset distance and time may disagree with the run's average pace by this share.
ONSET_TOLERANCE = 0.25
#: The unit a runner typed after a distance, as ``distance_metres`` reads it.
_UNIT = re.compile(r"[0-9.,]\s*(km|kms|k|mi|mile|miles)$")


#: Beside an onset the runner was not sure of.
NOT_SURE_NOTE = "saved without an onset: patterns need onsets (next time, press lap when it starts)"


def onset_not_sure(pain: PainFields) -> bool:
    """The runner said "not sure" (``?``) and typed no onset in the other field."""
    said = is_not_sure(pain.onset_distance) or is_not_sure(pain.onset_time)
    typed = [text for text in (pain.onset_distance, pain.onset_time) if text.strip() and not is_not_sure(text)]
    return said and not typed


def form_notes(fields: RunFields, units: Units) -> dict[str, str]:
    """What the form shows beside fields that read: the pace live, beside
    the duration, and warnings (never refusals) for implausible entries and
    for onsets whose distance and time disagree with the run's pace. Keys
    as ``read_run``'s errors."""
    notes: dict[str, str] = {}
    for index, pain in enumerate(fields.pains):
        if onset_not_sure(pain):
            notes[f"pain{index}.onset"] = NOT_SURE_NOTE
    for key, typed in [("distance", fields.distance)] + [
        (f"pain{index}.onset", pain.onset_distance) for index, pain in enumerate(fields.pains)
    ]:
        if converted := conversion(typed, units):
            notes[key] = converted
    try:
        run_m = distance_metres(fields.distance, units)
        run_s = parse_duration(fields.duration)
    except ValueError:
        return notes
    if run_m <= 0 or run_s <= 0:
        return notes
    unit_m = units.to_metres(1)
    pace = f"pace {format_duration(run_s / run_m * unit_m)} /{units.value}"
    notes["duration"] = pace
    if run_s / run_m * 1000 < FASTEST_PACE_S_PER_KM:
        notes["duration"] = f"⚠ {pace}: faster than 2:30 /km, check the distance and time"
    if run_m >= LONGEST_RUN_M:
        notes["distance"] = f"⚠ {number_text(units.from_metres(run_m))} {units.value} in one run: check it"
        if "distance" in notes and (converted := conversion(fields.distance, units)):
            notes["distance"] = f"{converted} · {notes['distance']}"
    for index, pain in enumerate(fields.pains):
        try:
            onset_m = distance_metres(pain.onset_distance, units)
            onset_s = parse_duration(pain.onset_time)
        except ValueError:
            continue
        expected_s = onset_m / run_m * run_s
        if abs(onset_s - expected_s) > ONSET_TOLERANCE * max(expected_s, 60):
            notes[f"pain{index}.onset-time"] = (
                f"⚠ at the run's pace that distance is about {format_duration(expected_s)}: "
                "the distance is the one used"
            )
    return notes


def conversion(typed: str, units: Units) -> str | None:
    """``5 mi = 8.05 km`` when ``typed`` names the other unit than ``units``, else ``None``."""
    match = _UNIT.search(typed.strip().lower())
    if match is None:
        return None
    typed_units = Units.KM if match.group(1).startswith("k") else Units.MI
    if typed_units is units:
        return None
    try:
        metres = distance_metres(typed, units)
    except ValueError:
        return None
    return (
        f"{number_text(typed_units.from_metres(metres))} {typed_units.value} = "
        f"{number_text(units.from_metres(metres))} {units.value}"
    )
