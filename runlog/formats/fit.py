"""Garmin's FIT activity files (and gzipped ones, as Strava exports them), read with fitdecode.

Totals come from the session message, the watch's own summary: its distance,
timer time (the duration: pauses left out) and elapsed time. A multi-sport
file holds one session per leg; each on-foot leg becomes an activity and the
others are counted as left out. Only laps the runner pressed become marks.
The session also gives the average cadence (strides, doubled into steps) and
the total ascent and descent. No position, heart rate or other record series is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from dataclasses import dataclass, field

import fitdecode

from runlog.domain.activity import Activity, ActivityKind, Mark, kind_of_sport
from runlog.formats.activity_result import ActivitiesRead, RefusalCode, Refused, fingerprint, local_start, split_local

#: Sub-sports that make a run or a walk a more particular kind.
_SUB_SPORT_KINDS = {
    ("running", "treadmill"): ActivityKind.TREADMILL,
    ("running", "indoor_running"): ActivityKind.TREADMILL,
    ("running", "virtual_activity"): ActivityKind.TREADMILL,
    ("running", "trail"): ActivityKind.TRAIL_RUN,
    ("walking", "indoor_walking"): ActivityKind.WALK,
    ("walking", "hiking"): ActivityKind.HIKE,
    ("walking", "trail"): ActivityKind.HIKE,
}

#: Lap triggers that are the watch's own doing (auto-lap, the end of the session).
#: A lap with no trigger recorded is treated as pressed: some watches omit the
#: field, and a mark is only ever offered to the runner, never applied.
_AUTOMATIC_TRIGGERS = frozenset(
    {"session_end", "distance", "time", "position_start", "position_lap", "position_waypoint", "position_marked",
     "fitness_equipment"}
)


#: How a refusal names the FIT file types that are not activities.
_FILE_TYPES = {
    "course": "a course",
    "settings": "settings",
    "device": "device data",
    "sport": "sport settings",
    "workout": "a planned workout",
    "schedules": "a training schedule",
    "totals": "lifetime totals",
    "goals": "goals",
    "weight": "weight measurements",
    "blood_pressure": "blood pressure readings",
    "monitoring_a": "all-day monitoring",
    "monitoring_b": "all-day monitoring",
    "monitoring_daily": "all-day monitoring",
    "segment": "a segment",
    "segment_list": "a segment list",
}


#: More sessions or laps than any recording holds (a multisport race has a handful of
#: sessions; a 100-mile run lapped every 100 m has 1,600 laps).
MAX_SESSIONS = 1_000
MAX_LAPS = 100_000


def is_fit(head: bytes) -> bool:
    """True when the bytes begin with a FIT file header."""
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


def read_fit_gz(data: bytes) -> ActivitiesRead:
    """The activities of a gzipped FIT file (Strava's export keeps its uploads so)."""
    from runlog.formats.bounded import gunzip

    inner = gunzip(data)
    if not is_fit(inner):
        raise Refused(RefusalCode.UNKNOWN_FORMAT, "is a packed file that holds no FIT activity")
    return read_fit(inner, source=fingerprint(data))


@dataclass(slots=True)
class _Session:
    sport: str
    sub_sport: str
    start: dt.datetime | None
    end: dt.datetime | None
    distance_m: float | None
    timer_s: float | None
    elapsed_s: float | None
    cadence_spm: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    laps: list[_Lap] = field(default_factory=list)


@dataclass(slots=True)
class _Lap:
    start: dt.datetime | None
    end: dt.datetime | None
    distance_m: float | None
    timer_s: float | None
    trigger: str | None


def read_fit(data: bytes, source: str | None = None) -> ActivitiesRead:
    """The on-foot activities of a FIT file's bytes, and the other sports counted.

    ``source`` names the file for recognising it again (its fingerprint by default).
    Raises :class:`Refused` for a damaged file, a file that is not an activity
    (a course, settings, ...) or one without any totals.
    """
    file_type, sessions, laps, offset = _decode(data)
    if file_type != "activity":
        what = _FILE_TYPES.get(str(file_type), "something else") if file_type is not None else "no file type"
        raise Refused(RefusalCode.NOT_ACTIVITY, f"is not an activity file (it holds {what})")
    if not sessions:
        raise Refused(RefusalCode.NO_FIGURES, "has no session summary: no distance and no duration to import")
    _assign_laps(sessions, laps)
    source = source or fingerprint(data)
    result = ActivitiesRead()
    for index, session in enumerate(sessions):
        kind = _kind(session)
        if kind is None:
            result.left_out[session.sport.replace("_", " ")] += 1
            continue
        if not session.distance_m and not session.timer_s:
            continue
        if session.start is None:
            raise Refused(RefusalCode.NO_TIMES, "has a session without a start time")
        local = local_start(session.start, offset)
        day, start_time = split_local(local)
        result.activities.append(
            Activity(
                kind=kind,
                date=day,
                start_time=start_time,
                distance_m=float(session.distance_m or 0.0),
                duration_s=float(session.timer_s or session.elapsed_s or 0.0),
                elapsed_s=float(session.elapsed_s) if session.elapsed_s is not None else None,
                source=source if len(sessions) == 1 else f"{source}#{index}",
                marks=_marks(session),
                cadence_spm=session.cadence_spm,
                ascent_m=session.ascent_m,
                descent_m=session.descent_m,
                track=(lambda: fit_track(data)) if len(sessions) == 1 else None,
            )
        )
    if not result.activities and not result.left_out:
        raise Refused(RefusalCode.NO_FIGURES, "has no distance and no duration")
    return result


def _decode(data: bytes) -> tuple[object, list[_Session], list[_Lap], dt.timedelta | None]:
    file_type: object = None
    sessions: list[_Session] = []
    laps: list[_Lap] = []
    offset: dt.timedelta | None = None
    try:
        # No data processor: most of a file is its records, which runlog skips, and converting
        # their every timestamp and field costs a fifth of the decoding. The few times used are
        # converted below.
        # ErrorHandling.IGNORE: fitdecode repairs what it can as with its default, without
        # printing its own warnings on the runner's terminal.
        with fitdecode.FitReader(io.BytesIO(data), processor=None, check_crc=fitdecode.CrcCheck.RAISE,
                                 error_handling=fitdecode.ErrorHandling.IGNORE) as reader:
            for frame in reader:
                if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                    continue
                name = frame.name
                if name == "record":
                    continue
                if name == "file_id":
                    file_type = frame.get_value("type", fallback=None)
                elif name == "session":
                    _count(sessions, MAX_SESSIONS, "sessions")
                    sessions.append(
                        _Session(
                            sport=str(frame.get_value("sport", fallback="generic")),
                            sub_sport=str(frame.get_value("sub_sport", fallback=None) or "generic"),
                            start=_moment(frame.get_value("start_time", fallback=None)),
                            end=_moment(frame.get_value("timestamp", fallback=None)),
                            distance_m=frame.get_value("total_distance", fallback=None),
                            timer_s=frame.get_value("total_timer_time", fallback=None),
                            elapsed_s=frame.get_value("total_elapsed_time", fallback=None),
                            cadence_spm=_steps_per_minute(frame),
                            ascent_m=_metres(frame.get_value("total_ascent", fallback=None)),
                            descent_m=_metres(frame.get_value("total_descent", fallback=None)),
                        )
                    )
                elif name == "lap":
                    trigger = frame.get_value("lap_trigger", fallback=None)
                    _count(laps, MAX_LAPS, "laps")
                    laps.append(
                        _Lap(
                            start=_moment(frame.get_value("start_time", fallback=None)),
                            end=_moment(frame.get_value("timestamp", fallback=None)),
                            distance_m=frame.get_value("total_distance", fallback=None),
                            timer_s=frame.get_value("total_timer_time", fallback=None),
                            trigger=str(trigger) if trigger is not None else None,
                        )
                    )
                elif name == "activity":
                    stamp = frame.get_value("timestamp", fallback=None)
                    local = frame.get_value("local_timestamp", fallback=None)
                    if isinstance(stamp, int) and isinstance(local, int) and _is_moment(stamp) and _is_moment(local):
                        # Both count seconds from the FIT epoch, one in UTC, one on the local clock.
                        offset = dt.timedelta(seconds=local - stamp)
    except fitdecode.FitCRCError:
        raise Refused(RefusalCode.DAMAGED, "is damaged: its checksum does not match") from None
    except fitdecode.FitEOFError:
        raise Refused(RefusalCode.DAMAGED, "is damaged: the file ends early") from None
    except (fitdecode.FitError, AssertionError, ValueError, KeyError, IndexError, TypeError, OverflowError, struct.error):
        # fitdecode asserts on some damaged definitions (a single flipped byte can do it).
        raise Refused(RefusalCode.DAMAGED, "is damaged: it is not a readable FIT file") from None
    return file_type, sessions, laps, offset


def fit_track(data: bytes) -> list[tuple[float | None, float | None, float | None]]:
    """The records' ``(distance m, height m, cadence in steps a minute)``, in file order: read
    again only for a painful run's kilometre before the onset, and never stored."""
    points: list[tuple[float | None, float | None, float | None]] = []
    try:
        _read_track(data, points)
    except (fitdecode.FitError, AssertionError, ValueError, KeyError, IndexError, TypeError, struct.error):
        pass  # the file was read whole once already: what came before a fault still stands
    return points


def _read_track(data: bytes, points: list) -> None:
    with fitdecode.FitReader(io.BytesIO(data), processor=None, check_crc=fitdecode.CrcCheck.DISABLED,
                             error_handling=fitdecode.ErrorHandling.IGNORE) as reader:
        for frame in reader:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA or frame.name != "record":
                continue
            height = frame.get_value("enhanced_altitude", fallback=None)
            if height is None:
                height = frame.get_value("altitude", fallback=None)
            strides = frame.get_value("cadence", fallback=None)
            fraction = frame.get_value("fractional_cadence", fallback=None) or 0.0
            points.append((frame.get_value("distance", fallback=None), height,
                           None if strides is None else 2.0 * (strides + fraction)))


def _steps_per_minute(frame) -> float | None:
    """The session's average cadence in steps per minute. FIT counts a runner's (and
    walker's) cadence in strides, one per two steps: the whole strides and the
    fractional part (``avg_fractional_cadence``, in 1/128ths) are added, then doubled."""
    strides = frame.get_value("avg_running_cadence", fallback=None)
    if strides is None:
        strides = frame.get_value("avg_cadence", fallback=None)
    if not isinstance(strides, int | float) or isinstance(strides, bool):
        return None
    fraction = frame.get_value("avg_fractional_cadence", fallback=None)
    if not isinstance(fraction, int | float) or isinstance(fraction, bool):
        fraction = 0.0
    return 2.0 * (float(strides) + float(fraction))


def _metres(value: object) -> float | None:
    """A whole-metre total (ascent, descent) as a float, or ``None`` when absent."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return float(value)


def _count(found: list, limit: int, what: str) -> None:
    """Refuse a file holding more of ``what`` than any recording (a file built to fill memory)."""
    if len(found) >= limit:
        raise Refused(RefusalCode.TOO_LARGE, f"holds more than {limit:,} {what}, more than any recording")


#: FIT times count seconds from 1989-12-31 00:00 UTC; smaller values than this are a
#: device's uptime, not a date.
_FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
_FIRST_DATE = 0x10000000


def _is_moment(value: int) -> bool:
    return _FIRST_DATE <= value < 0xFFFFFFFF


def _moment(value: object) -> dt.datetime | None:
    """A FIT time as an aware UTC datetime; ``None`` when absent or not a date."""
    if isinstance(value, int) and _is_moment(value):
        return _FIT_EPOCH + dt.timedelta(seconds=value)
    return None


def _kind(session: _Session) -> ActivityKind | None:
    sport = session.sport
    particular = _SUB_SPORT_KINDS.get((sport, session.sub_sport))
    if particular is not None:
        return particular
    return kind_of_sport(sport)


def _assign_laps(sessions: list[_Session], laps: list[_Lap]) -> None:
    """Give each session the laps that lie within its time (all of them for a single session)."""
    if len(sessions) == 1:
        sessions[0].laps = laps
        return
    for lap in laps:
        for session in sessions:
            if lap.start and session.start and session.end and session.start <= lap.start <= session.end:
                session.laps.append(lap)
                break


def _marks(session: _Session) -> list[Mark]:
    """A mark at the end of each lap the runner pressed; the last lap ends with the session, not a press."""
    marks: list[Mark] = []
    distance = 0.0
    timer = 0.0
    for position, lap in enumerate(session.laps):
        distance += lap.distance_m or 0.0
        timer += lap.timer_s or 0.0
        if position == len(session.laps) - 1 or lap.trigger in _AUTOMATIC_TRIGGERS:
            continue
        marks.append(Mark(distance_m=distance if lap.distance_m is not None else None, elapsed_s=timer, label="lap"))
    return marks
