"""Recognising files by content, walking folders, and refusing one file without stopping the rest."""

from __future__ import annotations

import gzip
import shutil
import zipfile

from runlog.domain.units import Units
from runlog.formats.activity_files import FileKind, read_file, read_paths
from runlog.formats.activity_result import RefusalCode

from .conftest import ACTIVITIES


def test_recognised_by_content_not_by_name(tmp_path):
    # A FIT saved as .txt and a GPX saved without an ending are still what they are.
    disguised = tmp_path / "run.txt"
    shutil.copy(ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit", disguised)
    nameless = tmp_path / "track"
    shutil.copy(ACTIVITIES / "runlog" / "opentracks-markers.gpx", nameless)
    assert read_file(disguised, Units.KM).kind is FileKind.FIT
    assert read_file(nameless, Units.KM).kind is FileKind.GPX


def test_gzipped_tcx_and_gpx(tmp_path):
    packed = tmp_path / "upload.tcx.gz"
    packed.write_bytes(gzip.compress((ACTIVITIES / "runlog" / "strava-upload.tcx").read_bytes()))
    outcome = read_file(packed, Units.KM)
    assert outcome.kind is FileKind.TCX and outcome.left_out == {"other": 1}


def test_folder_of_mixed_files_one_refusal_does_not_stop_the_others(tmp_path):
    watch = tmp_path / "watch"
    (watch / "2017").mkdir(parents=True)
    shutil.copy(ACTIVITIES / "fitdecode" / "garmin-fenix-5-run.fit", watch / "2017" / "run.fit")
    shutil.copy(ACTIVITIES / "fitdecode" / "garmin-fenix-5-bike.fit", watch / "2017" / "ride.fit")
    shutil.copy(ACTIVITIES / "fitdecode" / "invalid" / "activity-unexpected-eof.fit", watch / "cut.fit")
    shutil.copy(ACTIVITIES / "fitdecode" / "Settings.fit", watch / "Settings.fit")
    (watch / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an activity file: passed over in a folder
    (watch / "budget.csv").write_text("month,amount\n")  # a CSV of something else: passed over too
    outcomes = list(read_paths([watch], Units.KM))
    by_name = {outcome.path.name: outcome for outcome in outcomes}
    assert set(by_name) == {"run.fit", "ride.fit", "cut.fit", "Settings.fit"}
    assert len(by_name["run.fit"].activities) == 1
    assert by_name["ride.fit"].left_out == {"cycling": 1}
    assert by_name["cut.fit"].refusal.code is RefusalCode.DAMAGED
    assert by_name["cut.fit"].refusal.message.startswith(str(watch / "cut.fit") + " is damaged")
    assert by_name["Settings.fit"].refusal.code is RefusalCode.NOT_ACTIVITY


def test_a_file_named_on_its_own_that_is_not_an_activity_is_refused(tmp_path):
    other = tmp_path / "budget.csv"
    other.write_text("month,amount\n")
    outcome = read_file(other, Units.KM)
    assert outcome.refusal.code is RefusalCode.UNKNOWN_FORMAT
    assert outcome.refusal.message.endswith(".") and str(other) in outcome.refusal.message


def test_missing_file_is_refused_by_name(tmp_path):
    outcome = read_file(tmp_path / "gone.fit", Units.KM)
    assert outcome.refusal.code is RefusalCode.UNREADABLE
    assert "gone.fit does not exist" in outcome.refusal.message


def test_strava_export_as_folder_zip_and_csv_alone(tmp_path, machine_zone):
    machine_zone("UTC")
    export = ACTIVITIES / "geo-activity-playground" / "strava-export"
    folder = tmp_path / "export_1234"
    shutil.copytree(export, folder)
    [from_folder] = read_paths([tmp_path], Units.KM)  # found inside a folder, read whole
    assert from_folder.kind is FileKind.STRAVA and from_folder.path == folder
    assert len(from_folder.activities[0].marks) == 3
    archive = tmp_path / "export_1234.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in folder.rglob("*"):
            zipped.write(path, "export_1234/" + path.relative_to(folder).as_posix())
    [from_zip] = read_paths([archive], Units.KM)
    assert from_zip.kind is FileKind.STRAVA
    assert from_zip.activities == from_folder.activities
    alone = tmp_path / "activities.csv"
    shutil.copy(export / "activities.csv", alone)
    assert read_file(alone, Units.KM).activities[0].marks == []  # no activities/ folder beside it


def test_strava_filename_cannot_reach_outside_the_export(tmp_path):
    export = tmp_path / "export"
    (export / "activities").mkdir(parents=True)
    csv_text = (ACTIVITIES / "geo-activity-playground" / "strava-export" / "activities.csv").read_text()
    shutil.copy(ACTIVITIES / "geo-activity-playground" / "strava-export" / "activities" / "12866632127.fit.gz", tmp_path)
    (export / "activities.csv").write_text(csv_text.replace("activities/12866632127.fit.gz", "../12866632127.fit.gz"))
    [outcome] = read_paths([export], Units.KM)
    assert outcome.activities[0].marks == []  # the file outside was not read: the CSV's figures stand


def test_runlog_csv_is_recognised_for_the_contract_importer(tmp_path):
    own = tmp_path / "log.csv"
    own.write_text("run_id,date,start_time,distance_km,duration_min\n")
    assert read_file(own, Units.KM).kind is FileKind.RUNLOG_CSV


def test_strava_export_tcx_with_sport_other_takes_the_csvs_type(tmp_path, machine_zone):
    # Strava's export keeps an upload as .tcx.gz with ten leading spaces and Sport="Other";
    # the row's Activity Type says what it was.
    machine_zone("UTC")
    export = tmp_path / "export"
    (export / "activities").mkdir(parents=True)
    (export / "activities" / "555.tcx.gz").write_bytes(
        gzip.compress((ACTIVITIES / "runlog" / "strava-upload.tcx").read_bytes()))
    (export / "activities.csv").write_text(
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        '555,"Jun 10, 2023, 6:30:00 AM",Morning,Trail Run,,3000,8500.0,false,Speedgoat,activities/555.tcx.gz\n'
    )
    [outcome] = read_paths([export], Units.KM)
    [run] = outcome.activities
    assert run.kind.value == "trail_run" and run.shoe == "Speedgoat" and run.source == "strava:555"
    assert [(mark.distance_m, mark.elapsed_s) for mark in run.marks] == [(5020.0, 1690.0)]
