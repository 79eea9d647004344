"""The runner's log as plain dataclasses.

Distances are metres and durations seconds, whatever unit the runner reads
and types; conversion happens at the edges (screens, CSV, reports).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from runlog.domain.activity import ActivityKind, Mark
from runlog.domain.units import Units
from runlog.domain.vocab import NextMorning, OrthoticType, PainSite, ShoeType, Side

#: A shoe is due for retirement after this many metres unless set otherwise.
DEFAULT_RETIRE_M = 700_000.0


@dataclass(frozen=True, slots=True)
class Shoe:
    """A pair of running shoes."""

    name: str
    type: ShoeType | None = None
    first_used: dt.date | None = None
    #: Distance the pair had already run before it was logged here.
    start_distance_m: float = 0.0
    retire_distance_m: float = DEFAULT_RETIRE_M
    retired_on: dt.date | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ShoeUsage:
    """A shoe with the distance it has run so far."""

    shoe: Shoe
    #: Starting distance plus every logged run in this shoe.
    distance_m: float
    runs: int

    @property
    def past_retirement(self) -> bool:
        """True once the pair has run past its retirement distance."""
        return self.distance_m > self.shoe.retire_distance_m


@dataclass(frozen=True, slots=True)
class Orthotic:
    """An orthotic insert (or pair of them)."""

    name: str
    type: OrthoticType | None = None
    first_used: dt.date | None = None
    retired_on: dt.date | None = None
    id: int | None = None


@dataclass(slots=True)
class Pain:
    """Pain at one site during one run."""

    site: PainSite
    side: Side
    #: The worst during the run, 0-10.
    intensity: int
    #: Distance into the run when the pain began, in metres.
    onset_m: float | None = None
    #: Time into the run when the pain began, in seconds.
    onset_s: float | None = None
    #: The pain forced the runner to stop or cut the run short.
    stopped_early: bool = False
    #: How it was the next morning; ``None`` until the runner says.
    next_morning: NextMorning | None = None
    id: int | None = None


@dataclass(slots=True)
class Run:
    """One run and the pain felt during it."""

    date: dt.date
    distance_m: float
    duration_s: float
    start_time: dt.time | None = None
    shoe: Shoe | None = None
    orthotic: Orthotic | None = None
    #: Perceived exertion 1-10.
    effort: int | None = None
    notes: str = ""
    pains: list[Pain] = field(default_factory=list)
    id: int | None = None
    #: Run, trail run, treadmill, walk or hike: the detector looks at runs and walks apart.
    kind: ActivityKind = ActivityKind.RUN
    #: Start to finish, pauses included, when a watch recorded it.
    elapsed_s: float | None = None
    #: Where an imported activity came from; ``None`` for a run typed by hand.
    source: str | None = None
    #: Lap presses and markers from the watch, offered as a pain onset.
    marks: list[Mark] = field(default_factory=list)
    #: Average steps per minute, total ascent and descent in metres; ``None`` where unknown.
    cadence_spm: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    #: A painful run's descent (m) and cadence (steps a minute) over the kilometre before the onset,
    #: from its watch file at import; ``None`` where unknown.
    before_onset_descent_m: float | None = None
    before_onset_cadence_spm: float | None = None
    #: When the stored run was last changed, as it was loaded: saving an edit
    #: checks it, so an edit made elsewhere meanwhile is not overwritten
    #: unseen. Not part of the run's value (equality, repr).
    changed_at: dt.datetime | None = field(default=None, compare=False, repr=False)

    @property
    def has_pain(self) -> bool:
        return bool(self.pains)

    def pace_s_per_km(self) -> float | None:
        """Seconds per kilometre, or ``None`` for a zero distance."""
        if self.distance_m <= 0:
            return None
        return self.duration_s / (self.distance_m / 1000.0)


@dataclass(frozen=True, slots=True)
class Settings:
    """The runner's preferences."""

    units: Units = Units.KM
    #: 0 = Monday ... 6 = Sunday, as ``datetime.date.weekday()``.
    week_start: int = 0
    #: The name the HTML report is made out to; blank is allowed.
    runner_name: str = ""
    #: The folder a watch or its app syncs into (Garmin Express, a phone's export
    #: folder, Downloads); ``""`` for none. New activity files there are imported on start.
    watch_folder: str = ""
