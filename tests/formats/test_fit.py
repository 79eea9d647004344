"""FIT files: fitdecode's own test files, each standing for a case a runner meets."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from runlog.domain.activity import ActivityKind
from runlog.formats.activity_result import RefusalCode, Refused
from runlog.formats.fit import read_fit, read_fit_gz

from .conftest import ACTIVITIES

FIT = ACTIVITIES / "fitdecode"


def within_1_percent(value: float, expected: float) -> bool:
    return abs(value - expected) <= 0.01 * expected


def test_run_with_local_offset_takes_the_watchs_local_date_not_the_machines(machine_zone):
    # A Fenix 5 run at 14:34 UTC whose activity message says local time is 7 hours behind
    # (US Pacific). The machine is in Tokyo: the file's own offset must win.
    machine_zone("Asia/Tokyo")
    read = read_fit((FIT / "garmin-fenix-5-run.fit").read_bytes())
    [run] = read.activities
    assert run.kind is ActivityKind.RUN
    assert (run.date, run.start_time) == (dt.date(2017, 6, 11), dt.time(7, 34))
    assert within_1_percent(run.distance_m, 157.56)
    assert within_1_percent(run.duration_s, 56.887)
    assert run.source.startswith("file:") and len(run.source) == 5 + 64
    assert not read.left_out


def test_nine_km_run_uses_the_session_totals_and_its_unmarked_laps_as_marks(machine_zone):
    # The Fenix 2 writes no lap trigger: three lap ends before the session's own end
    # are offered as marks (never applied without the runner's say).
    machine_zone("UTC")
    [run] = read_fit((FIT / "activity-small-fenix2-run.fit").read_bytes()).activities
    assert (run.date, run.start_time) == (dt.date(2015, 8, 15), dt.time(16, 45))  # +2 h, from the file
    assert within_1_percent(run.distance_m, 9008.22)
    assert within_1_percent(run.duration_s, 2832.0)
    assert [round(mark.distance_m) for mark in run.marks] == [849, 3837, 6816]
    assert [mark.elapsed_s for mark in run.marks] == [270.0, 1106.0, 1864.0]


@pytest.mark.parametrize("name", ["garmin-fenix-5-bike.fit", "sample-activity-indoor-trainer.fit"])
def test_rides_are_left_out_and_counted(name):
    # An outdoor ride and an indoor-trainer ride with no distance at all: neither is refused.
    read = read_fit((FIT / name).read_bytes())
    assert read.activities == []
    assert read.left_out == {"cycling": 1}


def test_settings_file_is_refused_as_not_an_activity():
    with pytest.raises(Refused) as refused:
        read_fit((FIT / "Settings.fit").read_bytes())
    assert refused.value.code is RefusalCode.NOT_ACTIVITY
    assert "settings" in refused.value.phrase


@pytest.mark.parametrize(
    ("name", "reason"),
    [("activity-unexpected-eof.fit", "ends early"), ("activity-filecrc.fit", "checksum")],
)
def test_damaged_files_are_refused(name, reason):
    # A copy cut short by a sync and one whose checksum does not match: both refused, not half-read.
    with pytest.raises(Refused) as refused:
        read_fit((FIT / "invalid" / name).read_bytes())
    assert refused.value.code is RefusalCode.DAMAGED
    assert reason in refused.value.phrase


def test_gzipped_fit_from_a_strava_export(machine_zone):
    machine_zone("UTC")
    packed = (ACTIVITIES / "geo-activity-playground" / "strava-export" / "activities" / "12866632127.fit.gz").read_bytes()
    [run] = read_fit_gz(packed).activities
    assert (run.date, run.start_time) == (dt.date(2022, 5, 29), dt.time(17, 53))
    assert within_1_percent(run.distance_m, 3322.95)
    assert len(run.marks) == 3


def test_gzip_that_is_not_fit_or_is_cut_short_is_refused():
    with pytest.raises(Refused) as refused:
        read_fit_gz(gzip.compress(b"hello"))
    assert refused.value.code is RefusalCode.UNKNOWN_FORMAT
    with pytest.raises(Refused) as refused:
        read_fit_gz(gzip.compress((FIT / "garmin-fenix-5-run.fit").read_bytes())[:200])
    assert refused.value.code is RefusalCode.DAMAGED


def test_implausible_offset_falls_back_to_the_machine_zone(machine_zone):
    from runlog.formats.activity_result import local_start

    machine_zone("Europe/Berlin")
    start = dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC)
    assert local_start(start, dt.timedelta(hours=30)).hour == 12  # a broken clock: Berlin summer time
    assert local_start(start, dt.timedelta(minutes=7)).hour == 12  # not a real zone
    assert local_start(start, dt.timedelta(hours=5, minutes=30)).strftime("%H:%M") == "15:30"


# Files written with tests/fitwriter.py: cases no published file covers.

START = dt.datetime(2024, 6, 1, 5, 0, tzinfo=dt.UTC)


def test_multisport_file_is_split_and_the_ride_counted(machine_zone):
    from tests.fitwriter import Leg, fit_file

    machine_zone("UTC")
    data = fit_file(
        [
            Leg("running", START, 1800, 5000.0, laps=[(900, "manual"), (1200, "distance")]),
            Leg("cycling", START + dt.timedelta(hours=1), 600, 4000.0),
            Leg("running", START + dt.timedelta(hours=2), 600, 2000.0),
        ],
        local_offset=dt.timedelta(hours=2),
    )
    read = read_fit(data)
    first, second = read.activities
    assert read.left_out == {"cycling": 1}
    assert (first.start_time, second.start_time) == (dt.time(7, 0), dt.time(9, 0))
    assert first.source != second.source and first.source.startswith(second.source.split("#")[0])
    # Only the pressed lap is a mark: not the auto lap at 1200 s, not the session's end.
    assert [(mark.distance_m, mark.elapsed_s) for mark in first.marks] == [(2500.0, 900.0)]
    assert second.marks == []


def test_treadmill_run_without_gps_is_kept_as_treadmill():
    # FitTrackee drops treadmill runs that have no positions: runlog keeps their totals.
    from tests.fitwriter import Leg, fit_file

    data = fit_file([Leg("running", START, 2400, 6400.0, sub_sport="treadmill", records=False)])
    [run] = read_fit(data).activities
    assert run.kind is ActivityKind.TREADMILL
    assert (run.distance_m, run.duration_s) == (6400.0, 2400.0)


@pytest.mark.parametrize(("sport", "sub_sport", "kind"), [
    ("running", "trail", ActivityKind.TRAIL_RUN), ("walking", "generic", ActivityKind.WALK),
    ("hiking", "generic", ActivityKind.HIKE),
])
def test_sports_map_to_kinds(sport, sub_sport, kind):
    from tests.fitwriter import Leg, fit_file

    [activity] = read_fit(fit_file([Leg(sport, START, 600, 1500.0, sub_sport=sub_sport, records=False)])).activities
    assert activity.kind is kind


def test_a_swim_is_left_out():
    from tests.fitwriter import Leg, fit_file

    read = read_fit(fit_file([Leg("swimming", START, 600, 1000.0, records=False)]))
    assert (read.activities, read.left_out) == ([], {"swimming": 1})


def test_a_course_is_refused():
    from tests.fitwriter import Leg, fit_file

    with pytest.raises(Refused) as refused:
        read_fit(fit_file([Leg("running", START, 600, 1500.0, records=False)], file_type="course"))
    assert refused.value.code is RefusalCode.NOT_ACTIVITY and "a course" in refused.value.phrase


def test_without_a_local_timestamp_the_machine_zone_decides(machine_zone):
    from tests.fitwriter import Leg, fit_file

    machine_zone("America/Los_Angeles")
    [run] = read_fit(fit_file([Leg("running", START, 600, 1500.0, records=False)])).activities
    assert (run.date, run.start_time) == (dt.date(2024, 5, 31), dt.time(22, 0))


def test_an_offset_of_a_broken_clock_is_not_believed(machine_zone):
    from tests.fitwriter import Leg, fit_file

    machine_zone("Europe/Berlin")
    data = fit_file([Leg("running", START, 600, 1500.0, records=False)], local_offset=dt.timedelta(days=3))
    [run] = read_fit(data).activities
    assert (run.date, run.start_time) == (dt.date(2024, 6, 1), dt.time(7, 0))
