"""Two runlog processes writing the same log at once (two machines on one
server, or a TUI and an import): nothing is lost, on PostgreSQL and SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

from runlog.store import open_database

ROOT = Path(__file__).resolve().parent.parent

#: A child that adds runs one transaction at a time, each with a pain entry,
#: as a runner logging by hand would; it waits for the go file so both
#: children write at the same time.
ADD_RUNS = """
import datetime as dt, sys, time
from pathlib import Path
from runlog.domain import Pain, PainSite, Run, Side
from runlog.store import open_database
from runlog.store.runs import add_run
target, label, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
store = open_database(target)
while not go.exists():
    time.sleep(0.01)
for i in range(count):
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 1, 1) + dt.timedelta(days=i), distance_m=5000 + i, duration_s=1500,
                             notes=f"{label} {i}",
                             pains=[Pain(site=PainSite.KNEECAP, side=Side.LEFT, onset_m=1000, intensity=3)]))
store.close()
"""

#: A child that imports a CSV file (the bulk path) once the go file exists.
IMPORT = """
import sys, time
from pathlib import Path
from runlog.cli import main
target, csv_file, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
while not go.exists():
    time.sleep(0.01)
sys.exit(main(["--db", target, "import", csv_file]))
"""

HEADER = ("run_id,date,start_time,distance_km,duration_min,shoe,shoe_type,orthotic,orthotic_type,effort,pain,"
          "pain_site,pain_side,pain_onset_km,pain_onset_min,pain_intensity,stopped_early,next_morning,notes,activity")


def csv_file(path: Path, runs: int) -> Path:
    lines = [HEADER]
    for i in range(runs):
        day = f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}"
        lines.append(f"{i + 1},{day},07:00,{8 + i % 5}.0,45,Import shoe,neutral,,,5,yes,below_kneecap,right,5.0,,4,no,,imported {i},run")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(target) -> tuple[int, int, int]:
    url = target if isinstance(target, str) else f"sqlite:///{target}"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return tuple(
                connection.execute(text(sql)).scalar()
                for sql in ("SELECT count(*) FROM runs", "SELECT count(*) FROM pains",
                            "SELECT count(DISTINCT notes) FROM runs")
            )
    finally:
        engine.dispose()


def test_two_processes_adding_runs_and_an_import_at_once_lose_nothing(db_target, tmp_path):
    open_database(db_target).close()  # created once, so the children only write runs
    go = tmp_path / "go"
    target = str(db_target)
    children = [
        subprocess.Popen([sys.executable, "-c", ADD_RUNS, target, label, "40", str(go)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for label in ("laptop", "desktop")
    ]
    children.append(subprocess.Popen([sys.executable, "-c", IMPORT, target, str(csv_file(tmp_path / "a.csv", 300)), str(go)],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    go.touch()
    results = [(child.wait(timeout=300), child.stderr.read()) for child in children]
    # On a busy machine a writer may have to wait its turn, and says so; nothing else may be said.
    waiting = "runlog: waiting for another runlog to finish writing…\n"
    assert [(code, err.replace(waiting, "")) for code, err in results] == [(0, ""), (0, ""), (0, "")]
    assert counts(db_target) == (380, 380, 380)
