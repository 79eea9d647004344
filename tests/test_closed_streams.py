"""A closed standard output or error (``runlog report >&-``) is one sentence, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIT = ROOT / "tests" / "fixtures" / "activities" / "fitdecode" / "garmin-fenix-5-run.fit"


def runlog(db: Path, *args: str, close: str = "stdout") -> subprocess.CompletedProcess:
    """``runlog --db DB args`` with standard output (or error) closed, as ``>&-`` does."""
    closed = 1 if close == "stdout" else 2
    return subprocess.run(
        [sys.executable, "-m", "runlog", "--db", str(db), *args],
        stdout=subprocess.PIPE if closed == 2 else None,
        stderr=subprocess.PIPE if closed == 1 else None,
        # Close the stream in the child just before it runs Python, as the shell does.
        preexec_fn=lambda: os.close(closed),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
    )


@pytest.fixture
def log(tmp_path) -> Path:
    db = tmp_path / "log.db"
    made = subprocess.run([sys.executable, "-m", "runlog", "--db", str(db), "import", str(FIT)], cwd=ROOT,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert made.returncode == 0, made.stderr
    return db


#: Commands whose work is what they print: refused up front, with one sentence.
PRINTING = [["report"], ["report", "--html"], ["detect"], ["detect", "--json"], ["export"], ["export", "--dictionary"]]


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_command_that_prints_its_work_says_standard_output_is_closed(log, args):
    result = runlog(log, *args)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("runlog: standard output is closed"), result.stderr
    assert "Traceback" not in result.stderr.decode()


def test_import_backup_and_outputs_to_files_do_their_work_with_standard_output_closed(log, tmp_path):
    for args in (["import", str(FIT)], ["backup", str(tmp_path / "copy.db")], ["export", "-o", str(tmp_path / "x.csv")],
                 ["report", "-o", str(tmp_path / "r.md")], ["report", "--html", "-o", str(tmp_path / "r.html")]):
        result = runlog(log, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert result.stderr == b"", (args, result.stderr)
    assert (tmp_path / "x.csv").read_text().startswith("run_id,date,")
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert sqlite3.connect(tmp_path / "copy.db").execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_the_log_never_takes_the_closed_number(log):
    # Were the log opened as descriptor 1, a print would write into it.
    before = log.read_bytes()
    runlog(log, "import", str(FIT))
    assert sqlite3.connect(log).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(log.read_bytes()) == len(before)


def test_a_closed_standard_error_is_no_traceback_either(log, tmp_path):
    result = runlog(log, "export", "-o", str(tmp_path / "missing" / "x.csv"), close="stderr")
    assert result.returncode == 1
    assert result.stdout == b""


def test_a_port_that_is_not_a_number_is_one_sentence(capsys):
    from runlog.cli import main

    assert main(["--db", "postgresql+psycopg://ann:Secret-pw@localhost:abc/runs", "report"]) == 1
    err = capsys.readouterr().err
    assert err == ("runlog: postgresql+psycopg://ann:***@localhost:abc/runs is not a valid database URL: "
                   "the port after the host must be a number\n")
