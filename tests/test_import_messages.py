"""What ``runlog import`` says: each thing once, in a sentence, and nothing raw from a library."""

from __future__ import annotations

import datetime as dt
import os
import struct
import subprocess
import sys
from pathlib import Path

from .fitwriter import Leg, crc, fit_file

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2026, 11, 3, 6, 30, tzinfo=dt.UTC)


def runlog(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "runlog", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **(env or {})},
        timeout=120,
    )


def with_odd_field(data: bytes) -> bytes:
    """A FIT file with one more message whose field size does not fit its type
    (3 bytes of uint16): fitdecode reads it as bytes, and by default warns."""
    body = data[14:-2]
    body += struct.pack("<BBBHB", 0x45, 0, 0, 20, 1) + struct.pack("<BBB", 3, 3, 0x84)
    body += struct.pack("<B", 5) + b"\x01\x02\x03"
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", crc(header))
    whole = header + body
    return whole + struct.pack("<H", crc(whole))


def test_fitdecodes_own_warnings_never_reach_the_terminal(tmp_path):
    path = tmp_path / "odd.fit"
    path.write_bytes(with_odd_field(fit_file([Leg("running", START, 1800, 5000.0, records=False)])))
    result = runlog("--db", str(tmp_path / "log.db"), "import", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "1 imported, 0 merged into runs you logged, 0 already there"


STRAVA_HEADER = ("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Activity Gear,Filename,"
                 "Elapsed Time,Moving Time,Distance\n")


def strava_csv(folder: Path, gear: str = "Kayano", distance: str = "5000.0") -> Path:
    """A Strava activities.csv of three runs; the second's gear and distance as given."""
    folder.mkdir()
    rows = [
        '101,"May 10, 2022, 3:53:35 PM",a,Run,1500,5.00,Kayano,,1500,1490,5000.0\n',
        f'102,"May 11, 2022, 3:53:35 PM",b,Run,1500,5.00,"{gear}",,1500,1490,{distance}\n',
        '103,"May 12, 2022, 3:53:35 PM",c,Run,1500,5.00,Kayano,,1500,1490,5000.0\n',
    ]
    path = folder / "activities.csv"
    path.write_text(STRAVA_HEADER + "".join(rows), encoding="utf-8")
    return path


def test_a_figure_the_log_cannot_keep_is_named_by_its_line(tmp_path):
    path = strava_csv(tmp_path / "export", distance="NaN")
    result = runlog("--db", str(tmp_path / "log.db"), "import", str(path))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    # Named by the reader's own check of the figure, or by the store that would not keep it: either way, line 3.
    assert line.startswith(f"runlog: {path} ") and "line 3" in line, line


def test_a_nul_in_an_activity_id_on_postgresql_is_named_by_its_line(pg_url, tmp_path, capsys):
    """A NUL PostgreSQL cannot keep (a gear name's is dropped at import, so the activity id carries it)."""
    from runlog.cli import main

    path = strava_csv(tmp_path / "export")
    path.write_text(path.read_text(encoding="utf-8").replace("\n102,", "\n10\x002,"), encoding="utf-8")
    assert main(["--db", pg_url, "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == (f"runlog: {path} could not be stored: line 3 (the activity on 2022-05-11) holds a value the log "
                   "cannot keep; nothing from it was kept.\n")
