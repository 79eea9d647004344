"""A write that has to wait for another process's write lock says so (one
line on standard error) and then goes through once the lock is released."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from runlog.store import open_database

ROOT = Path(__file__).resolve().parent.parent


def test_an_import_behind_another_writer_says_it_waits_then_imports(db_path, tmp_path):
    open_database(db_path).close()
    csv = tmp_path / "runs.csv"
    csv.write_text("date,distance_km,duration_min,pain\n2026-11-10,5,25,no\n")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        process = subprocess.Popen([sys.executable, "-m", "runlog", "--db", str(db_path), "import", str(csv)],
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Read until the import says it waits: it cannot finish while the lock is held.
        line = process.stderr.readline()
        assert line == "runlog: waiting for another runlog to finish writing…\n"
        assert process.poll() is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert err == "" and out.startswith("imported 1 run")


def test_a_reader_is_not_held_up_and_says_nothing(db_path):
    open_database(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = subprocess.run([sys.executable, "-m", "runlog", "--db", str(db_path), "detect"], cwd=ROOT,
                                capture_output=True, text=True, timeout=60)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 0 and result.stderr == ""
