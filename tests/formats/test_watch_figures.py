"""Cadence in steps a minute, ascent and descent in metres, as each source has them.

FIT and Strava count a runner's cadence in strides (one per two steps): runlog
doubles it, and for FIT adds the fractional part first. Expected values are
read from the fixtures' own summaries (fitdecode's session, the CSV's cells,
gpxpy's points), not from runlog's readers.
"""

from __future__ import annotations

import csv
import gzip
import io
import re

import fitdecode
import gpxpy
import pytest

from runlog.domain.units import Units
from runlog.formats.fit import read_fit, read_fit_gz
from runlog.formats.garmin_csv import read_garmin_csv
from runlog.formats.gpx import read_gpx
from runlog.formats.strava import read_strava_csv
from runlog.formats.tcx import read_tcx

from .conftest import ACTIVITIES


def _session(data: bytes) -> dict:
    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA and frame.name == "session":
                return {field.name: field.value for field in frame.fields}
    raise AssertionError("no session")


@pytest.mark.parametrize("name", ["garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit"])
def test_a_fit_runs_cadence_is_its_strides_and_fraction_doubled_and_its_climb_the_sessions(name):
    data = (ACTIVITIES / "fitdecode" / name).read_bytes()
    session = _session(data)
    (activity,) = read_fit(data).activities
    strides = session["avg_running_cadence"] + (session.get("avg_fractional_cadence") or 0)
    assert activity.cadence_spm == pytest.approx(2 * strides)
    assert (activity.ascent_m, activity.descent_m) == (session["total_ascent"], session["total_descent"])


def test_the_fenix_5_run_is_167_steps_a_minute_not_its_83_strides():
    (activity,) = read_fit((ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit").read_bytes()).activities
    # 83 strides and 86/128 of one, doubled: 167.34 steps a minute.
    assert activity.cadence_spm == pytest.approx(167.34375)
    assert (activity.ascent_m, activity.descent_m) == (2.0, 0.0)


def test_a_strava_uploads_fit_keeps_the_watchs_own_figures():
    data = (ACTIVITIES / "geo-activity-playground" / "strava-export" / "activities" / "12866632127.fit.gz").read_bytes()
    session = _session(gzip.decompress(data))
    (activity,) = read_fit_gz(data).activities
    assert activity.cadence_spm == pytest.approx(2 * session["avg_running_cadence"])
    assert (activity.ascent_m, activity.descent_m) == (session["total_ascent"], session["total_descent"])


def test_stravas_csv_cadence_is_doubled_into_steps_and_its_elevation_kept():
    path = ACTIVITIES / "geo-activity-playground" / "strava-export" / "activities.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    (activity,) = read_strava_csv(path.read_bytes()).activities
    assert activity.cadence_spm == pytest.approx(2 * float(rows[0]["Average Cadence"]))
    assert activity.ascent_m == pytest.approx(float(rows[0]["Elevation Gain"]))
    assert activity.descent_m == pytest.approx(float(rows[0]["Elevation Loss"]))


def test_garmins_csv_cadence_is_already_steps_and_its_ascent_in_metres_or_feet():
    path = ACTIVITIES / "pacer" / "Activities.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    first = read_garmin_csv(path.read_bytes(), Units.KM).activities[0]
    assert first.cadence_spm == float(rows[0]["Avg Run Cadence"]) == 153
    assert (first.ascent_m, first.descent_m) == (215, 200)
    in_miles = read_garmin_csv(path.read_bytes(), Units.MI).activities[0]
    assert in_miles.ascent_m == pytest.approx(215 * 0.3048)


def test_a_garmin_csv_without_those_columns_leaves_them_unknown():
    path = ACTIVITIES / "runlog" / "garmin-decimal-commas.csv"
    activity = read_garmin_csv(path.read_bytes(), Units.KM).activities[0]
    assert (activity.cadence_spm, activity.ascent_m, activity.descent_m) == (None, None, None)


def test_a_gpx_climb_is_the_sum_of_its_rises_and_of_its_drops():
    data = (ACTIVITIES / "gpxpy" / "cerknicko-jezero.gpx").read_bytes()
    # Within each segment: a gap between segments is no climb.
    segments = [[point.elevation for point in segment.points]
                for track in gpxpy.parse(data.decode()).tracks for segment in track.segments]
    assert len(segments) > 1
    rises = [after - before for heights in segments for before, after in zip(heights, heights[1:], strict=False)]
    (activity,) = read_gpx(data).activities
    assert activity.ascent_m == pytest.approx(sum(rise for rise in rises if rise > 0))
    assert activity.descent_m == pytest.approx(-sum(rise for rise in rises if rise < 0))
    assert activity.cadence_spm is None


def _gpx_with_cadence(cadences: list[int | None], heights: list[float]) -> bytes:
    points = "".join(
        f'<trkpt lat="{46 + index / 1000:.4f}" lon="14.0"><ele>{height}</ele>'
        f"<time>2024-05-04T07:{index:02d}:00Z</time>"
        + (f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>{cadence}</gpxtpx:cad>"
           "</gpxtpx:TrackPointExtension></extensions>" if cadence is not None else "")
        + "</trkpt>"
        for index, (cadence, height) in enumerate(zip(cadences, heights, strict=True))
    )
    return ('<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
            'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
            f"<trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>").encode()


def test_a_gpx_cadence_extension_is_averaged_and_doubled_into_steps():
    (activity,) = read_gpx(_gpx_with_cadence([80, 84, None, 88], [100, 110, 104, 105])).activities
    assert activity.cadence_spm == pytest.approx(2 * (80 + 84 + 88) / 3)
    assert (activity.ascent_m, activity.descent_m) == (pytest.approx(11), pytest.approx(6))


def test_a_tcx_climb_comes_from_its_track_points_and_its_run_cadence_is_doubled():
    data = (ACTIVITIES / "python-tcxparser" / "test.tcx").read_bytes()
    text = data.decode()
    heights = [float(value) for value in re.findall(r"<AltitudeMeters>([^<]+)</AltitudeMeters>", text)]
    rises = [after - before for before, after in zip(heights, heights[1:], strict=False)]
    (activity,) = read_tcx(data).activities
    assert activity.ascent_m == pytest.approx(sum(rise for rise in rises if rise > 0))
    assert activity.descent_m == pytest.approx(-sum(rise for rise in rises if rise < 0))
    with_cadence = text.replace("<AltitudeMeters>", "<Extensions><TPX><RunCadence>85</RunCadence></TPX></Extensions>"
                                "<AltitudeMeters>")
    (activity,) = read_tcx(with_cadence.encode()).activities
    assert activity.cadence_spm == pytest.approx(170)
