"""The kilometre before the pain began, from a watch's track: its descent and average cadence.

Computed once, at import, from the track's points (distance, height, cadence)
while the file is open; only the two summaries are kept, never the track.
Pure: no file, no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: How far before the onset the summaries look.
WINDOW_M = 1000.0


@dataclass(frozen=True, slots=True)
class BeforeOnset:
    """Descent in metres and average cadence in steps a minute over the window; ``None`` where unknown."""

    descent_m: float | None
    cadence_spm: float | None


def km_before(points: Iterable[tuple[float | None, float | None, float | None]], onset_m: float) -> BeforeOnset | None:
    """The descent (the sum of the drops between successive heights) and the mean
    cadence of the points from ``onset_m - 1 km`` to ``onset_m``, in track order.
    ``None`` when the onset is under 1 km into the activity or no point lies in the window."""
    if onset_m < WINDOW_M:
        return None
    start = onset_m - WINDOW_M
    descent = 0.0
    heights = 0
    cadence_sum = 0.0
    cadences = 0
    previous: float | None = None
    inside = False
    for distance, height, cadence in points:
        if distance is None:
            continue
        if distance > onset_m:
            break
        if distance < start:
            # The last height before the window: the first drop into it counts.
            previous = height if height is not None else previous
            continue
        inside = True
        if height is not None:
            if previous is not None and height < previous:
                descent += previous - height
            previous = height
            heights += 1
        if cadence is not None:
            cadence_sum += cadence
            cadences += 1
    if not inside:
        return None
    return BeforeOnset(descent_m=descent if heights else None,
                       cadence_spm=cadence_sum / cadences if cadences else None)
