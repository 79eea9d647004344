"""Nothing saved is lost: SIGKILL mid-write, two writers at once, a full disk."""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from runlog.store import open_database

WRITER = Path(__file__).with_name("writer.py")


def start_writer(db: Path, label: str, count: int, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def committed(output: str) -> dict[int, str]:
    """The runs the writer reported committed; a last line cut short by the
    kill (no newline) is left out, as its id may be incomplete."""
    lines = output.split("\n")[:-1]  # the piece after the last newline is cut or empty
    return {int(run_id): note for run_id, note in (line.split() for line in lines)}


def check_database(db: Path, promised: dict[int, str]) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = dict(connection.execute("SELECT id, notes FROM runs").fetchall())
        pains = dict(connection.execute("SELECT run_id, count(*) FROM pains GROUP BY run_id").fetchall())
    finally:
        connection.close()
    for run_id, note in promised.items():
        assert rows.get(run_id) == note * 20, f"committed run {run_id} lost"
    # No half-written run: every run that exists has both of its pains.
    assert all(pains.get(run_id) == 2 for run_id in rows)
    assert set(pains) <= set(rows)


def test_sigkill_at_random_moments_loses_no_committed_run(tmp_path):
    db = tmp_path / "runlog.db"
    open_database(db).close()
    server = subprocess.Popen(
        [sys.executable, str(WRITER), "--serve", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    rng = random.Random(20261124)
    promised: dict[int, str] = {}
    deadline = time.monotonic() + 45
    kills = 0
    try:
        while kills < 60 and time.monotonic() < deadline:
            report = tmp_path / f"writer-{kills}.txt"
            server.stdin.write(f"k{kills} 100000 {report}\n")
            server.stdin.flush()
            pid = int(server.stdout.readline())
            # Let the writer get going (at least one commit), then kill it mid-stream.
            while not (report.exists() and report.stat().st_size) and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
            promised.update(committed(report.read_text()))
            check_database(db, promised)
            kills += 1
    finally:
        server.kill()
        server.wait()
    assert kills >= 50, f"only {kills} kills fitted in the time bound"
    assert len(promised) > kills


def _wait_gone(pid: int) -> None:
    """Wait until the killed writer no longer exists (its locks are released)."""
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.001)


def test_two_writers_at_once_both_succeed_and_lose_nothing(tmp_path):
    db = tmp_path / "runlog.db"
    open_database(db).close()
    writers = [start_writer(db, label, 150) for label in ("a", "b")]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    promised = {**committed(outputs[0][0]), **committed(outputs[1][0])}
    assert len(promised) == 300
    check_database(db, promised)


def _limit_file_size(limit: int):
    def apply() -> None:
        # Past the limit write() fails with EFBIG, as on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_while_saving_loses_nothing_already_saved(tmp_path):
    db = tmp_path / "runlog.db"
    writer = start_writer(db, "before", 40)
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    saved = committed(out)
    size = max(db.stat().st_size, (tmp_path / "runlog.db-wal").stat().st_size if (tmp_path / "runlog.db-wal").exists() else 0)
    writer = start_writer(db, "after", 100_000, preexec_fn=_limit_file_size(size + 64 * 1024))
    out, err = writer.communicate(timeout=120)
    assert writer.returncode != 0, "the size limit never hit"
    assert "full" in err.lower() or "disk" in err.lower() or "too large" in err.lower()
    saved.update(committed(out))
    check_database(db, saved)
