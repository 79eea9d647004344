"""An export stopped halfway leaves no hidden copy of the log behind: real
processes, sent real signals in the middle of writing 100,000 rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.perf.history import build_log

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def big_log(tmp_path_factory) -> Path:
    """A log whose export is 100,000 rows: long enough to catch it mid-write."""
    path = tmp_path_factory.mktemp("big") / "data" / "runlog.db"
    build_log(path, 20, rows=100_000)
    return path


def start_export(db: Path, target: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "runlog", "--db", str(db), "export", "-o", str(target)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def temporaries(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def wait_for_temporary(child: subprocess.Popen, folder: Path) -> None:
    """Poll until the export has its temporary file (it is writing rows then)."""
    deadline = time.monotonic() + 120
    while not temporaries(folder):
        assert child.poll() is None, "the export ended before it could be interrupted"
        assert time.monotonic() < deadline, "the export never started writing"
        time.sleep(0.005)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"])
def test_a_caught_signal_removes_the_temporary_file(big_log, tmp_path, signum):
    target = tmp_path / "export.csv"
    child = start_export(big_log, target)
    try:
        wait_for_temporary(child, tmp_path)
        child.send_signal(signum)
        child.wait(timeout=60)
    finally:
        child.kill()
    assert child.returncode != 0
    assert b"Traceback" not in child.stderr.read()
    assert temporaries(tmp_path) == [] and not target.exists()


def test_the_next_export_removes_what_a_killed_one_left(big_log, tmp_path):
    target = tmp_path / "export.csv"
    child = start_export(big_log, target)
    try:
        wait_for_temporary(child, tmp_path)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        child.kill()
    [left] = temporaries(tmp_path)
    # Files that only look alike, or belong to a live process, are not runlog's to remove.
    others = [".export.csv.abcd1234.tmp", f".export.csv.runlog-{os.getpid()}-abcd1234.tmp", "notes.tmp"]
    for name in others:
        (tmp_path / name).write_text("not runlog's")
    result = subprocess.run(
        [sys.executable, "-m", "runlog", "--db", str(big_log), "export", "--since", "2099-01-01", "-o",
         str(tmp_path / "other.csv")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert left not in temporaries(tmp_path)
    assert temporaries(tmp_path) == sorted(others)
