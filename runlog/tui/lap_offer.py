"""How the run form words a lap press or marker from the watch, offered as a pain onset."""

from __future__ import annotations

from runlog.domain import Mark, Units


def clock_text(seconds: float) -> str:
    """``28:10`` (minutes and seconds), as the onset-time field reads it."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def mark_offer(mark: Mark, units: Units) -> str:
    """``lap pressed at 5.02 km, 28:10 in``."""
    what = "lap pressed" if mark.label == "lap" else "marker set"
    where = [] if mark.distance_m is None else [f"{units.from_metres(mark.distance_m):.2f} {units.value}"]
    if mark.elapsed_s is not None:
        where.append(f"{clock_text(mark.elapsed_s)} in")
    return f"{what} at {', '.join(where)}"
