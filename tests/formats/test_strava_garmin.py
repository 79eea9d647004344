"""Strava's bulk export and Garmin Connect's CSV, real and in the variants no one published."""

from __future__ import annotations

import datetime as dt

import pytest

from runlog.domain.activity import ActivityKind
from runlog.domain.units import Units
from runlog.formats.activity_result import RefusalCode, Refused
from runlog.formats.garmin_csv import read_garmin_csv
from runlog.formats.strava import read_strava_csv

from .conftest import ACTIVITIES

EXPORT = ACTIVITIES / "geo-activity-playground" / "strava-export"
OURS = ACTIVITIES / "runlog"


def _opener(folder):
    def open_file(name):
        path = folder / name
        return path.read_bytes() if path.is_file() else None

    return open_file


def test_real_export_csv_alone_reads_metres_from_the_second_distance_and_utc_date(machine_zone):
    # geo-activity-playground's export: "Distance" appears twice (3.32 km, then 3322.95 m),
    # "Elapsed Time" twice; Activity Date "May 29, 2022, 3:53:35 PM" is UTC.
    machine_zone("Europe/Amsterdam")
    read = read_strava_csv((EXPORT / "activities.csv").read_bytes())
    [run] = read.activities
    assert run.source == "strava:12070555079"
    assert (run.date, run.start_time) == (dt.date(2022, 5, 29), dt.time(17, 53))
    assert abs(run.distance_m - 3322.95) < 0.01
    assert run.duration_s == 1411.0 and run.elapsed_s == 1428.0


def test_real_export_with_its_files_takes_laps_from_the_fit_whose_number_differs(machine_zone):
    # The Filename is activities/12866632127.fit.gz for Activity ID 12070555079.
    machine_zone("UTC")  # the FIT's own offset (+2 h) decides, not the machine
    [run] = read_strava_csv((EXPORT / "activities.csv").read_bytes(), _opener(EXPORT)).activities
    assert run.source == "strava:12070555079"
    assert (run.date, run.start_time) == (dt.date(2022, 5, 29), dt.time(17, 53))
    assert abs(run.distance_m - 3322.95) < 0.01 * 3322.95
    assert len(run.marks) == 3


def test_german_export_day_first_dates_decimal_commas_and_shoe(machine_zone):
    # Written for runlog: a German account's header (same layout, translated names, both
    # "Distanz" columns), "3. Okt. 2023, 05:12:09" and "04.10.2023, 16:00:00" dates, decimal
    # commas, a description with a quoted newline, and a ride and a walk.
    machine_zone("Europe/Berlin")
    read = read_strava_csv((OURS / "strava-german" / "activities.csv").read_bytes())
    run, walk = read.activities
    assert run.kind is ActivityKind.RUN
    assert (run.date, run.start_time) == (dt.date(2023, 10, 3), dt.time(7, 12))
    assert run.distance_m == 10021.5 and run.duration_s == 3050.0
    assert run.shoe == "Pegasus 40"
    assert walk.kind is ActivityKind.WALK
    assert walk.date == dt.date(2023, 10, 6)  # 22:30 UTC is past midnight in Berlin
    assert read.left_out == {"radfahrt": 1}


def test_pre_2019_export_lower_case_and_metres(machine_zone):
    # Written for runlog after exports made before 2019: lower-case names, one distance column
    # in metres, gear in "gear", and a quoted newline with doubled quotes in a description.
    machine_zone("America/Chicago")
    read = read_strava_csv((OURS / "strava-2018" / "activities.csv").read_bytes())
    run, hike = read.activities
    assert (run.date, run.start_time) == (dt.date(2018, 3, 14), dt.time(13, 45))
    assert run.distance_m == 8046.7 and run.duration_s == 2712
    assert run.shoe == "Brooks Ghost 10"
    assert hike.kind is ActivityKind.HIKE and hike.distance_m == 9100.0
    assert read.left_out == {"ride": 1}


def test_unknown_header_is_refused_naming_the_expected_columns():
    with pytest.raises(Refused) as refused:
        read_strava_csv(b"Aktivitet,Dato\n1,2\n")
    assert refused.value.code is RefusalCode.UNKNOWN_HEADER
    assert "Activity ID, Activity Date, Activity Type" in refused.value.phrase


def test_bad_distance_names_its_line():
    data = (OURS / "strava-2018" / "activities.csv").read_bytes().replace(b"8046.7", b"far")
    with pytest.raises(Refused) as refused:
        read_strava_csv(data)
    assert refused.value.code is RefusalCode.BAD_VALUE
    assert "line 2" in refused.value.phrase and "distance" in refused.value.phrase


def test_garmin_connect_csv_quotes_blanks_thousands_and_a_ride():
    # pacer's real export: every value quoted, "--" blanks, "4,808" steps, "®" in headers,
    # and an Indoor Cycling row with a speed (27.0) in the pace column.
    read = read_garmin_csv((ACTIVITIES / "pacer" / "Activities.csv").read_bytes(), Units.KM)
    assert read.left_out == {"indoor cycling": 1}
    first = read.activities[0]
    assert (first.date, first.start_time) == (dt.date(2025, 2, 6), dt.time(17, 6))  # local, as written
    assert first.distance_m == 5480.0
    assert first.duration_s == 31 * 60 + 24 and first.elapsed_s == 32 * 60 + 57
    assert len({activity.source for activity in read.activities}) == len(read.activities) == 5


def test_garmin_csv_in_miles():
    read = read_garmin_csv((ACTIVITIES / "pacer" / "Activities.csv").read_bytes(), Units.MI)
    assert abs(read.activities[0].distance_m - 5.48 * 1609.344) < 0.01


def test_garmin_csv_with_decimal_commas_and_fractional_seconds():
    # Written for runlog after locales that write "5,81" km; "00:42:03.5" fractional seconds;
    # "5,210" steps stay thousands; a cycling row with "24,6" km/h in the pace column.
    read = read_garmin_csv((OURS / "garmin-decimal-commas.csv").read_bytes(), Units.KM)
    run, walk, treadmill = read.activities
    assert run.distance_m == pytest.approx(5810.0)
    assert walk.kind is ActivityKind.WALK and walk.distance_m == pytest.approx(2400.0)
    assert treadmill.kind is ActivityKind.TREADMILL and treadmill.duration_s == 42 * 60 + 3.5
    assert read.left_out == {"cycling": 1}


def test_garmin_csv_bad_time_names_line_and_column():
    data = (OURS / "garmin-decimal-commas.csv").read_bytes().replace(b'"00:27:41"', b'"half an hour"')
    with pytest.raises(Refused) as refused:
        read_garmin_csv(data, Units.KM)
    assert "line 2" in refused.value.phrase and "Time" in refused.value.phrase
