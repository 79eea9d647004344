"""Strangers' activity files: special files, bombs, deep nesting, broken clocks and archives never stop an import.

Each file that cannot be read is refused in one sentence naming it, and the
files beside it still import. Files that could crash or exhaust the process
on an older runlog are imported in a child process, whose peak memory is read back.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from runlog.domain.units import Units
from runlog.formats.activity_files import read_outcomes, read_paths
from runlog.formats.activity_result import RefusalCode, Refused
from runlog.formats.bounded import MAX_ACTIVITY_BYTES
from runlog.formats.gpx import read_gpx
from runlog.formats.tcx import read_tcx

from .conftest import ACTIVITIES

FIT = ACTIVITIES / "fitdecode"
GPX = ACTIVITIES / "gpxpy"
RUN = FIT / "garmin-fenix-5-run.fit"
#: Peak memory allowed for importing any refused file, in MB (the issue's bar).
PEAK_MB = 300


def import_in_child(db: Path, *paths: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    """``runlog import`` in a child process: its result and its peak resident memory in MB."""
    code = (
        "import resource, sys\n"
        "from runlog.cli import main\n"
        "try:\n"
        "    status = main(sys.argv[1:])\n"
        "finally:\n"
        "    print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), "import", *map(str, paths)],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "TZ": "UTC"},
    )
    peak = re.search(r"PEAK (\d+)", result.stderr)
    return result, int(peak.group(1)) / 1024 if peak else float("inf")


def stored_dates(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT date FROM runs ORDER BY date")]
    finally:
        connection.close()


def refusal_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("runlog: ")]


def deep_gpx(depth: int) -> bytes:
    head = (b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
            b'<trkpt lat="46.0" lon="14.0"><time>2024-05-01T06:00:00Z</time></trkpt></trkseg><extensions>')
    return head + b"<a>" * depth + b"</a>" * depth + b"</extensions></trk></gpx>"


def test_a_gpx_nested_160000_deep_is_refused_in_one_sentence_and_the_next_file_imports(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "a-deep.gpx").write_bytes(deep_gpx(160_000))
    shutil.copy(RUN, folder / "b-run.fit")
    result, _ = import_in_child(tmp_path / "log.db", folder)
    assert result.returncode == 1, result.stderr[-500:]  # a segfault is -11
    assert refusal_lines(result.stderr) == [
        f"runlog: {folder / 'a-deep.gpx'} is not a GPX runlog reads: its elements nest more than 32 deep."
    ]
    assert "Traceback" not in result.stderr
    assert stored_dates(tmp_path / "log.db") == ["2017-06-11"]


def test_a_fifo_and_a_link_to_dev_zero_are_refused_at_once_and_the_rest_imports(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.fit")
    (folder / "b-zero.gpx").symlink_to("/dev/zero")
    shutil.copy(RUN, folder / "c-run.fit")
    # Named on the command line too: a FIFO named alone must not block either.
    result, peak = import_in_child(tmp_path / "log.db", folder, folder / "a-pipe.fit", timeout=60)
    assert result.returncode == 1
    assert sorted(refusal_lines(result.stderr)) == [
        f"runlog: {folder / 'a-pipe.fit'} is a named pipe (FIFO), not a file; only regular files are read.",
        f"runlog: {folder / 'a-pipe.fit'} is a named pipe (FIFO), not a file; only regular files are read.",
        f"runlog: {folder / 'b-zero.gpx'} is a device, not a file; only regular files are read.",
    ]
    assert stored_dates(tmp_path / "log.db") == ["2017-06-11"]
    assert peak < PEAK_MB


def strava_zip_bomb(path: Path, unpacked_mb: int) -> None:
    """A small Strava zip whose activities.csv inflates to ``unpacked_mb`` MB."""
    header = b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance\n"
    row = b'1,"Jun 11, 2017, 7:34:00 AM",Run,Run,600,2.0\n'
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("export/activities.csv", "w", force_zip64=True) as member:
            member.write(header)
            for _ in range(unpacked_mb):
                member.write(block)


def fit_gz_bomb(path: Path, unpacked_mb: int) -> None:
    """A small .fit.gz: a real FIT's header, then zeros to ``unpacked_mb`` MB."""
    zeros = bytes(1024 * 1024)
    with gzip.open(path, "wb", compresslevel=1) as packed:
        packed.write(RUN.read_bytes()[:14])
        for _ in range(unpacked_mb):
            packed.write(zeros)


def big_gpx(path: Path, megabytes: int) -> None:
    """A GPX of real-looking points, ``megabytes`` MB: larger than runlog reads."""
    point = (b'<trkpt lat="46.0000000" lon="14.0000000"><ele>500.2</ele><time>2024-05-01T06:00:00Z</time>'
             b"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension>"
             b"</extensions></trkpt>\n")
    block = point * (1024 * 1024 // len(point))
    with path.open("wb") as handle:
        handle.write(b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
                     b'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><trkseg>\n')
        for _ in range(megabytes):
            handle.write(block)
        handle.write(b"</trkseg></trk></gpx>\n")


def untimed_gpx(path: Path, megabytes: int) -> None:
    """A GPX of bare points without times, ``megabytes`` MB: about 35,000 points a megabyte."""
    point = b'<trkpt lat="46.1" lon="14.1"/>\n'
    with path.open("wb") as handle:
        handle.write(b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>')
        handle.write(point * (megabytes * 1024 * 1024 // len(point)))
        handle.write(b"</trkseg></trk></gpx>")


def tiny_cells_csv(path: Path, megabytes: int) -> None:
    """Garmin Connect's header, then rows of ten million two-letter cells (a sport runlog leaves out), then a bad row."""
    row = b"Ski," + b",".join([b"ab"] * 200) + b"\n"
    with path.open("wb") as handle:
        handle.write(b"Activity Type,Date,Title,Distance,Time\n")
        handle.write(row * (megabytes * 1024 * 1024 // len(row)))
        handle.write(b"Running,2025-02-06 17:06:03,Run,lots,00:31:24\n")


def repeated(path: Path, head: bytes, element: bytes, tail: bytes, megabytes: int) -> None:
    """A document of one short element repeated to ``megabytes`` MB: millions of tracks or laps."""
    path.write_bytes(head + element * (megabytes * 1024 * 1024 // len(element)) + tail)


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("strava.zip", lambda path: strava_zip_bomb(path, 400), "holds export/activities.csv, larger than runlog reads (32 MB)"),
        ("run.fit.gz", lambda path: fit_gz_bomb(path, 400), "unpacks to more than runlog reads for one activity (64 MB)"),
        ("huge.gpx", lambda path: big_gpx(path, 96), "is larger than runlog reads for an activity file (64 MB)"),
        # Under the cap but refused after reading: a million points without times.
        ("untimed.gpx", lambda path: untimed_gpx(path, 30), "has tracks without times only"),
        ("tracks.gpx", lambda path: repeated(path, b"<gpx>", b"<trk></trk>", b"</gpx>", 60), "more than 10,000 tracks"),
        ("laps.tcx", lambda path: repeated(path, b'<TrainingCenterDatabase><Activities><Activity Sport="Running">',
                                           b"<Lap/>", b"</Activity></Activities></TrainingCenterDatabase>", 60),
         "more than 100,000 laps"),
        ("garmin.csv", lambda path: tiny_cells_csv(path, 30), "on line"),
    ],
)
def test_a_memory_bomb_is_refused_by_name_under_300_mb_and_the_next_file_imports(tmp_path, name, make, words):
    bomb = tmp_path / name
    make(bomb)
    assert bomb.stat().st_size < 100 * 1024 * 1024
    result, peak = import_in_child(tmp_path / "log.db", bomb, RUN)
    [line] = refusal_lines(result.stderr)
    assert line.startswith(f"runlog: {bomb} ") and words in line, line
    assert stored_dates(tmp_path / "log.db") == ["2017-06-11"]
    print(f"{name}: peak {peak:.0f} MB")
    assert peak < PEAK_MB


def test_a_zip_member_that_claims_to_be_small_is_still_cut_off_at_its_limit(tmp_path):
    from runlog.formats.bounded import read_member

    archive = tmp_path / "strava.zip"
    strava_zip_bomb(archive, 3)
    with zipfile.ZipFile(archive) as reading:
        [member] = reading.infolist()
        member.file_size = 100  # a forged header
        with pytest.raises(Refused) as refused:
            read_member(reading, member, 1024 * 1024)
    # zipfile stops at the size the header claims and the checksum then fails; never more is unpacked.
    assert refused.value.phrase == "is damaged: export/activities.csv in it cannot be unpacked"


def encrypt(archive: Path, member: str) -> None:
    """Mark one member of a zip as encrypted (flag bit 0), as a password-protected zip has it."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as reading:
        info = reading.getinfo(member)
    data[info.header_offset + 6] |= 1
    marked = 0
    for start in [found.start() for found in re.finditer(b"PK\x01\x02", data)]:
        name_length = int.from_bytes(data[start + 28:start + 30], "little")
        if data[start + 46:start + 46 + name_length] == member.encode():
            data[start + 8] |= 1
            marked += 1
    assert marked == 1
    archive.write_bytes(bytes(data))


def test_garmins_export_original_zip_imports_its_fit_files_and_names_an_encrypted_one(tmp_path):
    archive = tmp_path / "garmin-export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writing:
        writing.write(RUN, "1786543210_ACTIVITY.fit")
        writing.write(FIT / "activity-small-fenix2-run.fit", "1786543211_ACTIVITY.fit")
        writing.write(FIT / "garmin-fenix-5-bike.fit", "1786543212_ACTIVITY.fit")
    encrypt(archive, "1786543211_ACTIVITY.fit")
    outcomes = read_outcomes(archive, Units.KM)
    assert [outcome.path.name for outcome in outcomes] == [
        "1786543210_ACTIVITY.fit", "garmin-export.zip", "1786543212_ACTIVITY.fit"]
    assert [activity.date.isoformat() for activity in outcomes[0].activities] == ["2017-06-11"]
    assert outcomes[1].refusal.message == (
        f"{archive} holds 1786543211_ACTIVITY.fit encrypted with a password, which runlog cannot read."
    )
    assert outcomes[2].left_out == {"cycling": 1}


def test_runlog_import_takes_garmins_export_zip_as_the_files_inside_it(tmp_path, db_path, capsys):
    from runlog.cli import main

    archive = tmp_path / "garmin-export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writing:
        writing.write(RUN, "1786543210_ACTIVITY.fit")
        writing.write(FIT / "Settings.fit", "1786543213_ACTIVITY.fit")
    assert main(["--db", str(db_path), "import", str(archive)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("1 imported, 0 merged into runs you logged, 0 already there\n")
    assert f"{archive / '1786543213_ACTIVITY.fit'} is not an activity file (it holds settings)." in captured.err
    assert stored_dates(db_path) == ["2017-06-11"]


def test_a_zip_with_more_members_than_any_export_is_refused(tmp_path, monkeypatch):
    import runlog.formats.archives as archives

    monkeypatch.setattr(archives, "MAX_ZIP_MEMBERS", 3)
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w") as writing:
        for number in range(4):
            writing.write(RUN, f"{number}_ACTIVITY.fit")
    [outcome] = read_outcomes(archive, Units.KM)
    assert outcome.refusal.code is RefusalCode.TOO_LARGE
    assert outcome.refusal.message == f"{archive} is a zip archive of more than 3 files."


def test_a_strava_zip_whose_activities_csv_is_encrypted_is_refused_by_name(tmp_path):
    archive = tmp_path / "strava.zip"
    export = ACTIVITIES / "geo-activity-playground" / "strava-export"
    with zipfile.ZipFile(archive, "w") as writing:
        writing.write(export / "activities.csv", "activities.csv")
    encrypt(archive, "activities.csv")
    [outcome] = read_outcomes(archive, Units.KM)
    assert outcome.refusal.message == f"{archive} holds activities.csv encrypted with a password, which runlog cannot read."


@pytest.mark.parametrize(
    ("stamp", "reader", "document"),
    [
        ("0001-01-01T00:30:00+05:00", read_gpx, "gpx"),
        ("9999-12-31T23:30:00-05:00", read_gpx, "gpx"),
        ("0001-01-01T00:30:00+05:00", read_tcx, "tcx"),
        ("9999-12-31T23:30:00-05:00", read_tcx, "tcx"),
    ],
)
def test_a_time_at_the_calendars_edge_with_an_offset_is_refused_not_an_overflow(stamp, reader, document):
    if document == "gpx":
        data = (f'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
                f'<trkpt lat="46.0" lon="14.0"><time>{stamp}</time></trkpt>'
                f'<trkpt lat="46.01" lon="14.0"><time>{stamp}</time></trkpt></trkseg></trk></gpx>')
    else:
        data = ('<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
                f'<Activities><Activity Sport="Running"><Id>{stamp}</Id><Lap StartTime="{stamp}">'
                "<TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters></Lap>"
                "</Activity></Activities></TrainingCenterDatabase>")
    with pytest.raises(Refused) as refused:
        reader(data.encode())
    assert refused.value.code is RefusalCode.BAD_VALUE


def test_a_folder_names_each_file_it_skipped_and_any_reader_failure_stops_only_that_file(tmp_path, monkeypatch):
    import runlog.formats.activity_files as activity_files

    folder = tmp_path / "Downloads"
    folder.mkdir()
    shutil.copy(RUN, folder / "b-run.fit")
    (folder / "a-notes.csv").write_text("name,phone\nAnn,123\n")
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")  # not an activity file's ending: not looked at
    real = activity_files.read_fit

    def failing(data, source=None):
        if len(data) < 6000:
            raise MemoryError
        return real(data, source)

    monkeypatch.setattr(activity_files, "read_fit", failing)
    shutil.copy(FIT / "activity-small-fenix2-run.fit", folder / "c-run.fit")
    outcomes = list(read_paths([folder], Units.KM))
    assert [outcome.path.name for outcome in outcomes] == ["b-run.fit", "c-run.fit"]
    assert outcomes[0].refusal.message == (
        f"{folder / 'b-run.fit'} could not be read: it needs more memory than this computer has free.")
    assert [activity.date.isoformat() for activity in outcomes[1].activities] == ["2015-08-15"]


def test_a_folder_import_names_the_skipped_files_once(tmp_path, db_path, capsys):
    from runlog.cli import main

    folder = tmp_path / "Downloads"
    folder.mkdir()
    shutil.copy(RUN, folder / "run.fit")
    (folder / "contacts.csv").write_text("name,phone\nAnn,123\n")
    assert main(["--db", str(db_path), "import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("contacts.csv") == 1
    assert f"1 file in the folders skipped:\n  {folder / 'contacts.csv'} is not an activity file runlog reads" in out


def test_the_limits_are_far_above_a_real_file():
    # A day and a night at one point a second with heart rate and cadence, as GPX.
    assert MAX_ACTIVITY_BYTES > 2 * 24 * 3600 * 250


@pytest.mark.parametrize("reader", [read_gpx, read_tcx])
def test_deep_nesting_and_entity_declarations_are_refused_by_both_xml_readers(reader):
    root = b"gpx" if reader is read_gpx else b"TrainingCenterDatabase"
    deep = b"<" + root + b">" + b"<a>" * 40 + b"</a>" * 40 + b"</" + root + b">"
    with pytest.raises(Refused) as refused:
        reader(deep)
    assert refused.value.phrase.endswith("its elements nest more than 32 deep")
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><'
              + root + b">&b;</" + root + b">")
    with pytest.raises(Refused) as refused:
        reader(laughs)
    assert refused.value.phrase.endswith("it declares XML entities")


def test_a_fifo_named_like_a_csv_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "activities.csv")
    result, _ = import_in_child(tmp_path / "log.db", tmp_path / "activities.csv", RUN, timeout=60)
    assert refusal_lines(result.stderr) == [
        f"runlog: {tmp_path / 'activities.csv'} is a named pipe (FIFO), not a file; only regular files are read."
    ]
    assert stored_dates(tmp_path / "log.db") == ["2017-06-11"]


def test_more_activities_or_laps_than_any_recording_are_refused(monkeypatch):
    import runlog.formats.fit as fit
    import runlog.formats.garmin_csv as garmin_csv
    from runlog.formats.fit import read_fit

    monkeypatch.setattr(fit, "MAX_LAPS", 2)
    with pytest.raises(Refused, match="holds more than 2 laps"):
        read_fit((FIT / "activity-small-fenix2-run.fit").read_bytes())
    monkeypatch.setattr(garmin_csv, "MAX_CSV_ACTIVITIES", 1)
    with pytest.raises(Refused, match="holds more than 1 activities"):
        garmin_csv.read_garmin_csv((ACTIVITIES / "pacer" / "Activities.csv").read_bytes(), Units.KM)


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux's /proc")
def test_a_file_the_system_cannot_read_is_refused_in_plain_words():
    [outcome] = read_outcomes(Path("/proc/self/mem"), Units.KM)  # regular, but reading it fails with EIO
    assert outcome.refusal.message == "/proc/self/mem cannot be read (Input/output error)."
