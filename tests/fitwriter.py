"""A small FIT writer for tests: activities with the messages runlog reads, and records to decode.

No published file has a multi-sport session pair, a treadmill run or thousands of
distinct activities, so tests write their own. It encodes what the FIT protocol
specifies (header, definition and data messages, CRC-16); it knows only the
fields these tests need.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from dataclasses import dataclass, field

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
_CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)
# (global message number, [(field number, struct code, FIT base type)])
_FILE_ID = (0, [(0, "B", 0x00), (1, "H", 0x84), (4, "I", 0x86)])
_RECORD = (20, [(253, "I", 0x86), (5, "I", 0x86), (3, "B", 0x02), (0, "i", 0x85), (1, "i", 0x85)])
#: A record with a height (uint16, metres * 5 + 500 * 5) and a cadence (strides a minute).
_RECORD_CLIMB = (20, [(253, "I", 0x86), (5, "I", 0x86), (2, "H", 0x84), (4, "B", 0x02)])
_LAP = (19, [(253, "I", 0x86), (2, "I", 0x86), (7, "I", 0x86), (8, "I", 0x86), (9, "I", 0x86), (24, "B", 0x00),
             (0, "B", 0x00), (1, "B", 0x00)])
_SESSION = (18, [(253, "I", 0x86), (2, "I", 0x86), (7, "I", 0x86), (8, "I", 0x86), (9, "I", 0x86), (5, "B", 0x00),
                 (6, "B", 0x00)])
_ACTIVITY = (34, [(253, "I", 0x86), (5, "I", 0x86), (1, "H", 0x84)])
SPORTS = {"running": 1, "cycling": 2, "walking": 11, "hiking": 17, "swimming": 5}
SUB_SPORTS = {"generic": 0, "treadmill": 1, "trail": 3}
TRIGGERS = {"manual": 0, "time": 1, "distance": 2, "session_end": 7}
FILE_TYPES = {"activity": 4, "settings": 2, "course": 6}


@dataclass
class Leg:
    """One session of an activity file."""

    sport: str
    start: dt.datetime
    seconds: int
    metres: float
    sub_sport: str = "generic"
    #: (seconds into the leg at the lap's end, its trigger); the session end is added.
    laps: list[tuple[int, str]] = field(default_factory=list)
    records: bool = True
    #: Height (m) and cadence (strides a minute) at a distance (m): records with them instead.
    profile: Callable[[float], tuple[float, int]] | None = None


def fit_file(legs: list[Leg], local_offset: dt.timedelta | None = None, file_type: str = "activity") -> bytes:
    """The bytes of a FIT file with these legs (one session each)."""
    out = bytearray()
    _define(out, 0, _FILE_ID)
    _data(out, 0, _FILE_ID, (FILE_TYPES[file_type], 1, _stamp(legs[0].start if legs else FIT_EPOCH)))
    _define(out, 1, _RECORD)
    _define(out, 2, _LAP)
    _define(out, 3, _SESSION)
    _define(out, 5, _RECORD_CLIMB)
    for leg in legs:
        speed = leg.metres / leg.seconds
        if leg.records and leg.profile is not None:
            for second in range(0, leg.seconds + 1):
                metres = second * speed
                height, strides = leg.profile(metres)
                _data(out, 5, _RECORD_CLIMB, (_stamp(leg.start + dt.timedelta(seconds=second)), round(metres * 100),
                                              round((height + 500) * 5), strides))
        elif leg.records:
            for second in range(0, leg.seconds + 1):
                moment = leg.start + dt.timedelta(seconds=second)
                _data(out, 1, _RECORD, (_stamp(moment), round(second * speed * 100), 140, 550000000 + second * 1000, 160000000))
        ends = [*leg.laps, (leg.seconds, "session_end")]
        begun = 0
        for end, trigger in ends:
            seconds = end - begun
            _data(out, 2, _LAP, (
                _stamp(leg.start + dt.timedelta(seconds=end)), _stamp(leg.start + dt.timedelta(seconds=begun)),
                seconds * 1000, seconds * 1000, round(seconds * speed * 100), TRIGGERS[trigger], 9, 1,
            ))
            begun = end
        _data(out, 3, _SESSION, (
            _stamp(leg.start + dt.timedelta(seconds=leg.seconds)), _stamp(leg.start), leg.seconds * 1000,
            leg.seconds * 1000, round(leg.metres * 100), SPORTS[leg.sport], SUB_SPORTS[leg.sub_sport],
        ))
    if legs:
        end = legs[-1].start + dt.timedelta(seconds=legs[-1].seconds)
        local = _stamp(end + local_offset) if local_offset is not None else 0xFFFFFFFF
        _define(out, 4, _ACTIVITY)
        _data(out, 4, _ACTIVITY, (_stamp(end), local, len(legs)))
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(out), b".FIT")
    header += struct.pack("<H", crc(header))
    body = header + bytes(out)
    return body + struct.pack("<H", crc(body))


def crc(data: bytes) -> int:
    """The FIT protocol's CRC-16."""
    value = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _CRC_TABLE[value & 0xF]
            value = (value >> 4) & 0x0FFF
            value = value ^ tmp ^ _CRC_TABLE[nibble]
    return value


def _stamp(moment: dt.datetime) -> int:
    return int((moment - FIT_EPOCH).total_seconds())


def _define(out: bytearray, local: int, message) -> None:
    number, fields = message
    out += struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(fields))
    for field_number, code, base in fields:
        out += struct.pack("<BBB", field_number, struct.calcsize(code), base)


def _data(out: bytearray, local: int, message, values) -> None:
    _number, fields = message
    out += struct.pack("<B", local)
    out += struct.pack("<" + "".join(code for _, code, _ in fields), *values)
