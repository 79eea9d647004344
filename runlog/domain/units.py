"""Units of distance. Storage is always metres and seconds; only display and
input follow the runner's chosen unit."""

from enum import StrEnum

METRES_PER_KM = 1000.0
METRES_PER_MILE = 1609.344


class Units(StrEnum):
    """The runner's distance unit."""

    KM = "km"
    MI = "mi"

    @property
    def metres(self) -> float:
        """Metres in one of this unit."""
        return METRES_PER_KM if self is Units.KM else METRES_PER_MILE

    def from_metres(self, metres: float) -> float:
        """A distance in metres expressed in this unit."""
        return metres / self.metres

    def to_metres(self, value: float) -> float:
        """A distance in this unit expressed in metres."""
        return value * self.metres


def format_duration(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``, rounded to the second."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_pace(duration_s: float, distance_m: float, units: Units) -> str:
    """Pace as ``m:ss /km`` (or ``/mi``); an em dash for a zero distance."""
    if distance_m <= 0:
        return "—"
    per_unit = duration_s / units.from_metres(distance_m)
    return f"{format_duration(per_unit)} /{units.value}"


def distance_text(metres: float, units: Units, decimals: int = 2) -> str:
    """``10.02 km`` or ``6.23 mi``."""
    return f"{units.from_metres(metres):.{decimals}f} {units.value}"
