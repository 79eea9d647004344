"""GPX files as phones and handheld GPSs write them: no sport named (OpenTracks), timed and untimed tracks (GPSBabel)."""

from __future__ import annotations

import re

import pytest

from runlog.domain.activity import ActivityKind
from runlog.formats.gpx import read_gpx

from .conftest import ACTIVITIES

GPX = ACTIVITIES / "gpxpy"


def opentracks(kind: str | None, metres: float, seconds: float) -> bytes:
    type_line = f"<type>{kind}</type>" if kind is not None else ""
    points = "".join(
        f'<trkpt lat="{46.0 + step * metres / 10 / 111_195:.7f}" lon="14.0">'
        f"<time>2024-05-04T07:{step * int(seconds) // 600:02d}:{(step * int(seconds) // 10) % 60:02d}+02:00</time></trkpt>"
        for step in range(11)
    )
    return (f'<?xml version="1.0"?><gpx version="1.1" creator="OpenTracks" xmlns="http://www.topografix.com/GPX/1/1">'
            f"<trk><name>Track</name>{type_line}<trkseg>{points}</trkseg></trk></gpx>").encode()


@pytest.mark.parametrize(
    ("kind", "metres", "seconds", "expected"),
    [
        ("unknown", 3000, 900, ActivityKind.RUN),  # 5:00 /km
        (None, 3000, 900, ActivityKind.RUN),
        ("unknown", 2000, 1200, ActivityKind.WALK),  # 10:00 /km
        (None, 1500, 1200, ActivityKind.WALK),
    ],
)
def test_a_gpx_naming_no_sport_is_a_run_or_a_walk_by_its_pace(kind, metres, seconds, expected):
    read = read_gpx(opentracks(kind, metres, seconds))
    [activity] = read.activities
    assert activity.kind is expected
    assert read.by_pace == 1
    assert read.left_out == {}


def test_an_unnamed_gpx_too_fast_for_feet_is_left_out():
    read = read_gpx(opentracks("unknown", 9000, 900))  # 36 km/h
    assert read.activities == []
    assert read.left_out == {"unnamed (too fast to be on foot)": 1}


def test_the_summary_says_which_runs_were_told_by_pace(tmp_path, db_path, capsys):
    from runlog.cli import main

    (tmp_path / "track.gpx").write_bytes(opentracks("unknown", 3000, 900))
    assert main(["--db", str(db_path), "import", str(tmp_path / "track.gpx")]) == 0
    out = capsys.readouterr().out
    assert "1 imported" in out
    assert "1 activity named no sport: taken as a run or a walk by its moving pace (faster than 9:00 /km is a run)" in out


def test_gpsbabels_dump_of_timed_and_untimed_tracks_imports_the_timed_ones(tmp_path):
    timed = (GPX / "cerknicko-jezero.gpx").read_bytes()
    untimed = (GPX / "cerknicko-without-times.gpx").read_text()
    blocks = [block for block in re.findall(r"<trk>.*?</trk>", untimed, re.S) if "<time>" not in block]
    assert len(blocks) >= 5
    mixed = timed.replace(b"</gpx>", "".join(blocks).encode() + b"</gpx>")
    [alone] = read_gpx(timed).activities
    [activity] = read_gpx(mixed).activities
    assert (activity.date, activity.start_time, activity.duration_s) == (alone.date, alone.start_time, alone.duration_s)
    assert activity.distance_m == pytest.approx(alone.distance_m)
