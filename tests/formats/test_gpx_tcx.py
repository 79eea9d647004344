"""GPX (gpxpy's test files and an OpenTracks recording) and TCX (python-tcxparser's, and Strava's quirks)."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain.activity import ActivityKind
from runlog.formats.activity_result import RefusalCode, Refused
from runlog.formats.gpx import read_gpx
from runlog.formats.tcx import read_tcx

from .conftest import ACTIVITIES

GPX = ACTIVITIES / "gpxpy"
OURS = ACTIVITIES / "runlog"


def test_opentracks_summary_wins_over_the_points_and_its_marker_becomes_a_mark(machine_zone):
    # Written for runlog after OpenTracks' export: the track statistics extension holds the
    # distance and timer time the app measured; the points alone give a shorter, straight-line
    # distance. Times carry +02:00, so the machine's zone (Tokyo) must not move the date.
    machine_zone("Asia/Tokyo")
    [run] = read_gpx((OURS / "opentracks-markers.gpx").read_bytes()).activities
    assert run.kind is ActivityKind.RUN
    assert (run.date, run.start_time) == (dt.date(2024, 5, 4), dt.time(7, 0))
    assert run.distance_m == 8012.5
    assert run.duration_s == 2700
    assert run.elapsed_s == 45 * 60
    [mark] = run.marks
    assert mark.label == "marker"
    assert mark.elapsed_s == 28 * 60 + 10
    assert 4900 < mark.distance_m < 5100  # up to the point passed before the marker


def test_leading_spaces_before_the_xml_declaration_are_tolerated():
    # Strava's GPX and TCX downloads start with about ten spaces, which XML parsers refuse.
    data = b"          " + (OURS / "opentracks-markers.gpx").read_bytes()
    assert len(read_gpx(data).activities) == 1


def test_track_with_an_empty_segment_imports_from_its_points(machine_zone):
    machine_zone("Europe/Ljubljana")
    [run] = read_gpx((GPX / "track-with-empty-segment.gpx").read_bytes()).activities
    assert (run.date, run.start_time) == (dt.date(2013, 7, 6), dt.time(19, 26))  # UTC 17:26 in summer time
    assert run.elapsed_s == 76
    assert 80 < run.distance_m < 90


def test_gpsbabel_log_with_several_tracks_is_one_activity(machine_zone):
    machine_zone("Europe/Ljubljana")
    read = read_gpx((GPX / "cerknicko-jezero.gpx").read_bytes())
    [walk] = read.activities
    assert walk.date == dt.date(2010, 8, 5)
    assert walk.distance_m > 4000


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("route.gpx", RefusalCode.NOT_ACTIVITY, "route"),
        ("cerknicko-without-times.gpx", RefusalCode.NO_TIMES, "without times"),
        ("gpx_with_garmin_extension.gpx", RefusalCode.NOT_ACTIVITY, "waypoints"),
        ("unicode_with_bom.gpx", RefusalCode.NOT_ACTIVITY, "waypoints"),
    ],
)
def test_routes_untimed_tracks_and_lone_waypoints_are_refused(name, code, words):
    with pytest.raises(Refused) as refused:
        read_gpx((GPX / name).read_bytes())
    assert refused.value.code is code
    assert words in refused.value.phrase


def test_broken_gpx_is_refused():
    with pytest.raises(Refused) as refused:
        read_gpx(b"<?xml version='1.0'?><gpx><trk><trkseg><trkpt lat='1' lon='2'>")
    assert refused.value.code is RefusalCode.DAMAGED


def test_a_ride_in_gpx_is_left_out():
    data = (OURS / "opentracks-markers.gpx").read_bytes().replace(b"<type>running</type>", b"<type>cycling</type>")
    read = read_gpx(data)
    assert read.activities == [] and read.left_out == {"cycling": 1}


def test_tcx_run_totals_its_laps_and_leaves_the_final_manual_lap_alone(machine_zone):
    # python-tcxparser's run: two auto laps (Distance) and a final Manual lap that is the stop press.
    machine_zone("America/New_York")
    [run] = read_tcx((ACTIVITIES / "python-tcxparser" / "test.tcx").read_bytes()).activities
    assert run.kind is ActivityKind.RUN
    assert (run.date, run.start_time) == (dt.date(2012, 12, 26), dt.time(16, 29))
    assert abs(run.distance_m - 4686.31) < 0.01 * 4686.31  # the last track point's own distance
    assert abs(run.duration_s - 1992.78) < 1
    assert run.marks == []


def test_strava_tcx_with_leading_spaces_and_sport_other(machine_zone):
    # Written for runlog after Strava's TCX downloads: ten spaces before "<?xml" and
    # Sport="Other". Alone, an "Other" is left out; the export's CSV supplies the kind.
    machine_zone("UTC")
    data = (OURS / "strava-upload.tcx").read_bytes()
    assert read_tcx(data).left_out == {"other": 1}
    [run] = read_tcx(data, kind=ActivityKind.RUN).activities
    assert run.distance_m == 8500.0 and run.duration_s == 3000.0
    assert run.elapsed_s == 50 * 60
    [mark] = run.marks  # the first lap was pressed; the second is the stop
    assert (mark.distance_m, mark.elapsed_s) == (5020.0, 1690.0)


def test_tcx_course_is_refused():
    data = (
        b'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        b"<Courses><Course><Name>Loop</Name></Course></Courses></TrainingCenterDatabase>"
    )
    with pytest.raises(Refused) as refused:
        read_tcx(data)
    assert refused.value.code is RefusalCode.NOT_ACTIVITY
    assert "course" in refused.value.phrase
