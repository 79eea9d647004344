"""Write the log in runlog's CSV form, streamed from the store.

``write_csv(session, stream, units, since, until)`` writes into an open text
stream (opened with ``newline=""``) and returns the number of runs;
``export_csv(store, path, ...)`` writes a file with mode 0600, replaced
atomically. The cells come from the columns' writers (``columns``), so the
export reads back through the same columns' readers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from runlog.domain import Units
from runlog.formats.atomic import write_file
from runlog.formats.contract_csv.columns import BY_KEY, FORMULA_TRIGGERS, header

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from runlog.store.handle import Store


def write_csv(
    session: Session,
    stream: TextIO,
    units: Units = Units.KM,
    since: dt.date | None = None,
    until: dt.date | None = None,
    visible_controls: bool = False,
) -> int:
    """Write the runs dated within [since, until] (either end open) to
    ``stream`` in the form's format; returns the number of runs.

    With ``visible_controls`` (for a terminal) the control characters of
    names and notes are written as visible escapes (``\\x1b``): typed or
    imported text must not be able to drive the terminal it is shown on.
    A file keeps the runner's text exact.
    """
    # The store is loaded here, not at the top: the column list needs no database.
    from runlog.store.bulk import export_rows

    units = Units(units)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header(units))
    distance = BY_KEY["distance"].writer(units)
    duration = BY_KEY["duration_min"].writer(units)
    onset_m = BY_KEY["pain_onset"].writer(units)
    onset_s = BY_KEY["pain_onset_min"].writer(units)
    text = BY_KEY["notes"].writer(units)
    # Only a cell starting with one of these can need the text writer's apostrophe.
    triggers = FORMULA_TRIGGERS | {"'"}
    runs = 0
    last_id = None
    batch: list[tuple] = []
    # One loop over the store's plain rows (date and time already text, the
    # vocabulary already its values): it is what an export of a long log
    # spends its time on.
    for (run_id, date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type,
         effort, notes, site, side, pain_m, pain_s, intensity, stopped_early, next_morning
         ) in export_rows(session, since, until):
        if run_id != last_id:
            runs += 1
            last_id = run_id
        if shoe and shoe[0] in triggers:
            shoe = text(shoe)
        if orthotic and orthotic[0] in triggers:
            orthotic = text(orthotic)
        if notes and notes[0] in triggers:
            notes = text(notes)
        if visible_controls:
            shoe, orthotic, notes = (
                None if cell is None else _CONTROLS.sub(_escape, cell) for cell in (shoe, orthotic, notes))
        if site is None:
            batch.append((run_id, date, start_time, distance(distance_m), duration(duration_s), shoe, shoe_type,
                          orthotic, orthotic_type, effort, "no", None, None, None, None, None, None, None, notes))
        else:
            batch.append((run_id, date, start_time, distance(distance_m), duration(duration_s), shoe, shoe_type,
                          orthotic, orthotic_type, effort, "yes", site, side, onset_m(pain_m), onset_s(pain_s),
                          intensity, "yes" if stopped_early else "no", next_morning, notes))
        if len(batch) >= 2000:
            writer.writerows(batch)
            batch.clear()
    writer.writerows(batch)
    return runs


#: C0 controls but tab and newline, DEL, and the C1 controls (which include
#: CSI, OSC and ST, the terminal's own escape sequences).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()):02x}"


def export_csv(
    store: Store,
    path: Path,
    units: Units = Units.KM,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> int:
    """Write the export to ``path`` (created with mode 0600, replaced
    atomically: a reader never sees half a file); returns the number of runs.

    Raises ``UserError`` when the folder does not exist or cannot be written.
    """
    with store.read() as session:
        return write_file(Path(path), lambda stream: write_csv(session, stream, units, since, until))
