"""Bad database files through the real command line: one sentence on stderr,
exit status 1, and the file exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from runlog.store import open_database

ROOT = Path(__file__).resolve().parent.parent
#: Root reads and writes whatever the modes say; to see what a runner sees,
#: permission cases run without root's override capabilities.
AS_RUNNER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    if os.geteuid() == 0
    else []
)
needs_setpriv = pytest.mark.skipif(
    bool(AS_RUNNER) and shutil.which("setpriv") is None, reason="root without setpriv cannot be denied access"
)


def runlog(db: Path, *args: str, as_runner: bool = False) -> subprocess.CompletedProcess:
    """``runlog --db DB [args]`` in a fresh process (the TUI when no args:
    every refusal below comes before the TUI would start)."""
    prefix = AS_RUNNER if as_runner else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "runlog", "--db", str(db), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
    )


def assert_refused(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("runlog: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_a_folder(tmp_path):
    assert_refused(runlog(tmp_path), str(tmp_path), "is a folder")


def test_a_text_file(tmp_path):
    path = tmp_path / "runs.csv"
    path.write_bytes(b"date,distance_km\n2026-11-20,5\n")
    assert_refused(runlog(path), str(path), "not an SQLite file")
    assert path.read_bytes() == b"date,distance_km\n2026-11-20,5\n"


def _filled(path: Path) -> bytes:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path.read_bytes()


def test_a_truncated_database(tmp_path):
    from tests.test_durability import start_writer

    path = tmp_path / "runlog.db"
    writer = start_writer(path, "t", 200)
    writer.communicate(timeout=60)
    data = _filled(path)
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    assert_refused(runlog(path), str(path), "damaged")
    assert path.read_bytes() == before


def test_a_database_of_a_newer_schema(tmp_path):
    path = tmp_path / "runlog.db"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    assert_refused(runlog(path), "newer version of runlog", "9999")
    assert path.read_bytes() == before


@needs_setpriv
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "runlog.db"
    open_database(path).close()
    before = path.read_bytes()
    os.chmod(path, 0o000)
    try:
        assert_refused(runlog(path, as_runner=True), str(path), "cannot be read")
    finally:
        os.chmod(path, 0o600)
    assert path.read_bytes() == before


@needs_setpriv
def test_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "runlog.db"
    open_database(path).close()
    before = path.read_bytes()
    os.chmod(folder, 0o555)
    try:
        assert_refused(runlog(path, as_runner=True), str(path), "read-only")
        assert path.read_bytes() == before
        # A new database in a read-only folder cannot be created either.
        missing = folder / "new.db"
        assert_refused(runlog(missing, as_runner=True), str(missing), "permission denied")
        assert not missing.exists()
    finally:
        os.chmod(folder, 0o755)
