"""What a watch, phone or training site recorded, before it becomes a logged run.

An :class:`Activity` is what the format readers return: plain values in metres
and seconds, with the runner's local date and start time already worked out.
Storing it (and merging it into a run typed by hand) is the store's job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum


class ActivityFamily(StrEnum):
    """Runs and walks are looked at apart: their pain onsets have nothing in common."""

    RUN = "run"
    WALK = "walk"


class ActivityKind(StrEnum):
    """The kinds of on-foot activity runlog logs."""

    RUN = "run"
    TRAIL_RUN = "trail_run"
    TREADMILL = "treadmill"
    WALK = "walk"
    HIKE = "hike"

    @property
    def family(self) -> ActivityFamily:
        """The running family (run, trail run, treadmill) or the walking family (walk, hike)."""
        if self in (ActivityKind.WALK, ActivityKind.HIKE):
            return ActivityFamily.WALK
        return ActivityFamily.RUN

    @property
    def label(self) -> str:
        """``trail run`` for screens and summaries."""
        return self.value.replace("_", " ")

    @property
    def plural(self) -> str:
        """``trail runs``, ``treadmill runs``, ``walks``: the activities of this kind."""
        return "treadmill runs" if self is ActivityKind.TREADMILL else f"{self.label}s"


@dataclass(frozen=True, slots=True)
class Mark:
    """A lap press or marker: a point into the activity the runner chose to note.

    The run form offers it as a pain onset ("press lap when the pain starts").
    """

    distance_m: float | None
    elapsed_s: float | None
    #: ``lap`` for a lap press, ``marker`` for a waypoint set on the way.
    label: str = "lap"


@dataclass(slots=True)
class Activity:
    """One on-foot activity brought in from a file."""

    kind: ActivityKind
    #: The runner's local date of the start.
    date: dt.date
    #: Local start time, or ``None`` when the source has none (a manual Strava entry may).
    start_time: dt.time | None
    distance_m: float
    #: Moving time: the watch's timer, pauses left out.
    duration_s: float
    #: Start to finish, pauses included.
    elapsed_s: float | None = None
    #: The shoe the source names (Strava's gear), or ``None``.
    shoe: str | None = None
    #: Enough to recognise the activity again: ``strava:<id>``, ``file:<sha256>``, ...
    source: str = ""
    marks: list[Mark] = field(default_factory=list)
    #: The line of a CSV (Strava's, Garmin's) the activity was read from, to name it in a message.
    line: int | None = None
    #: Average cadence in steps per minute (a FIT file's strides already doubled), or ``None``.
    cadence_spm: float | None = None
    #: Total ascent and descent in metres, from the source's summary or its elevations, or ``None``.
    ascent_m: float | None = None
    descent_m: float | None = None
    #: Reads the track's points again, ``(distance m, height m, steps a minute)`` in order, for the
    #: kilometre before a pain's onset; ``None`` for a source without a track. The points are never kept.
    track: Callable[[], list[tuple[float | None, float | None, float | None]]] | None = field(
        default=None, compare=False, repr=False)


#: Sport names (lower case, as FIT, TCX, GPX, Strava and Garmin Connect spell them)
#: mapped to a kind. Anything missing here is another sport, left out and counted.
SPORT_KINDS: dict[str, ActivityKind] = {
    "run": ActivityKind.RUN,
    "running": ActivityKind.RUN,
    "street running": ActivityKind.RUN,
    "track running": ActivityKind.RUN,
    "virtual run": ActivityKind.TREADMILL,
    "virtualrun": ActivityKind.TREADMILL,
    "treadmill": ActivityKind.TREADMILL,
    "treadmill running": ActivityKind.TREADMILL,
    "indoor running": ActivityKind.TREADMILL,
    "trail run": ActivityKind.TRAIL_RUN,
    "trailrun": ActivityKind.TRAIL_RUN,
    "trail running": ActivityKind.TRAIL_RUN,
    "trail": ActivityKind.TRAIL_RUN,
    "walk": ActivityKind.WALK,
    "walking": ActivityKind.WALK,
    "casual walking": ActivityKind.WALK,
    "speed walking": ActivityKind.WALK,
    "indoor walking": ActivityKind.WALK,
    "hike": ActivityKind.HIKE,
    "hiking": ActivityKind.HIKE,
    # German Strava accounts name the types in German.
    "lauf": ActivityKind.RUN,
    "laufen": ActivityKind.RUN,
    "traillauf": ActivityKind.TRAIL_RUN,
    "virtueller lauf": ActivityKind.TREADMILL,
    "spaziergang": ActivityKind.WALK,
    "gehen": ActivityKind.WALK,
    "wanderung": ActivityKind.HIKE,
    "wandern": ActivityKind.HIKE,
}


def kind_of_sport(name: str | None) -> ActivityKind | None:
    """The kind for a sport name in any of the sources, or ``None`` for another sport."""
    if not name:
        return None
    return SPORT_KINDS.get(" ".join(name.replace("_", " ").split()).lower())
