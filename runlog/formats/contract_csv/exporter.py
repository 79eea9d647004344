"""Write the log in runlog's CSV form, streamed from the store.

``write_csv(store, stream, units, since, until)`` writes into an open text
stream (opened with ``newline=""``) and returns the number of runs;
``export_csv(store, path, ...)`` writes a file with mode 0600, replaced
atomically. The cells come from the columns' writers (``columns``), so the
export reads back through the same columns' readers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from runlog.domain import Units
from runlog.formats.atomic import write_file
from runlog.formats.contract_csv.columns import BY_KEY, FORMULA_TRIGGERS, Writer, header

if TYPE_CHECKING:
    from runlog.store.handle import Store


def write_csv(
    store: Store,
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
    units = Units(units)
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(header(units))
    distance = _Memo(BY_KEY["distance"].writer(units))
    duration = _Memo(BY_KEY["duration_min"].writer(units))
    onset_m = _Memo(BY_KEY["pain_onset"].writer(units))
    onset_s = _Memo(BY_KEY["pain_onset_min"].writer(units))
    whole = _Memo(BY_KEY["ascent_m"].writer(units))
    text = BY_KEY["notes"].writer(units)
    if visible_controls:
        def cell(value):
            return None if value is None else _CONTROLS.sub(_escape, text(value))
    else:
        cell = text
    # A log has few shoe and orthotic names: each is checked once, not on every row.
    names = _Memo(cell)
    # Only a cell starting with one of these can need the text writer's apostrophe.
    triggers = FORMULA_TRIGGERS | {"'"}
    runs = 0
    last_id = None
    # The store's plain rows (date and time already text, the vocabulary
    # already its values) are turned into cells a whole column of a batch at
    # a time: the columns that need no conversion go to the writer untouched,
    # the others through a lookup of the texts already made. A per-row
    # Python loop was most of an export's time.
    for batch in store.export_batches(since, until):
        (run_id, date, start_time, distance_m, duration_s, shoe, shoe_type, orthotic, orthotic_type, effort,
         notes, site, side, pain_m, pain_s, intensity, stopped_early, next_morning, kind, cadence, ascent,
         descent) = zip(*batch, strict=True)
        # The rows of one run are consecutive, so only the first of a batch can continue the last one's run.
        runs += len(set(run_id)) - (run_id[0] == last_id)
        last_id = run_id[-1]
        if visible_controls:
            notes = [cell(value) for value in notes]
        else:
            notes = [text(value) if value and value[0] in triggers else value for value in notes]
        writer.writerows(zip(
            run_id, date, start_time, map(distance.__getitem__, distance_m),
            map(duration.__getitem__, duration_s), map(names.__getitem__, shoe), shoe_type,
            map(names.__getitem__, orthotic), orthotic_type, effort, map(_PAIN.get, site, repeat("yes")),
            site, side, map(onset_m.__getitem__, pain_m), map(onset_s.__getitem__, pain_s), intensity,
            map(_STOPPED.__getitem__, stopped_early), next_morning, notes, kind, map(whole.__getitem__, cadence),
            map(whole.__getitem__, ascent), map(whole.__getitem__, descent), strict=True,
        ))
    return runs


#: The pain cell: a row without a pain site is a run without pain.
_PAIN = {None: "no"}
#: The stored flag (0 or 1, a CHECK constraint holds it) as its cell; blank on a row without pain.
_STOPPED = {None: None, 0: "no", 1: "yes"}


class _Memo(dict):
    """A column writer's cells by stored value, each made on first sight: a
    long log repeats its distances, durations and gear, and a lookup costs a
    fraction of formatting the number again. ``None`` stays ``None`` (the
    writer leaves a blank cell either way)."""

    __slots__ = ("write",)
    #: Past this many values the memo starts again: memory stays bounded on a
    #: log whose values never repeat.
    LIMIT = 50_000

    def __init__(self, write: Writer):
        super().__init__({None: None})
        self.write = write

    def __missing__(self, value):
        made = self.write(value)
        # 0.0 and -0.0 are one key but may be two texts; NaN is never found again.
        if value and value == value:
            if len(self) >= self.LIMIT:
                self.clear()
                self[None] = None
            self[value] = made
        return made


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
    return write_file(Path(path), lambda stream: write_csv(store, stream, units, since, until))
