"""Benchmark: importing a folder of FIT files against fitdecode alone reading the same files.

    /work/venv/bin/python -m tests.perf.bench_fit_import [--files 60] [--minutes 45] [--repeats 5]

Writes a folder of distinct one-second-record runs (tests/fitwriter.py), then
times, in alternation, (a) fitdecode reading every frame of every file and
(b) ``runlog import`` of the folder into a fresh log (reading, recognising,
storing). Prints the median of the paired ratios (b/a), the baseline's median
and the range of the ratios over the repeats. The goal is at most 1.3.
Not a unit test: timings belong to a quiet machine, not to CI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

import fitdecode

from runlog.commands.activity_import import import_activity_paths
from runlog.domain.units import Units
from runlog.store import open_database
from tests.fitwriter import Leg, fit_file


def write_folder(folder: Path, files: int, minutes: int) -> None:
    start = dt.datetime(2024, 1, 1, 6, 0, tzinfo=dt.UTC)
    for number in range(files):
        leg = Leg("running", start + dt.timedelta(days=number), minutes * 60, minutes * 60 * 2.8,
                  laps=[(minutes * 30, "manual")])
        path = folder / f"{number:04d}.fit"
        path.write_bytes(fit_file([leg], local_offset=dt.timedelta(hours=1)))
        # Synced an hour ago: a file written a moment before is watched a second (still being written?).
        an_hour_ago = time.time() - 3600
        os.utime(path, (an_hour_ago, an_hour_ago))


def decode_only(folder: Path) -> float:
    began = time.perf_counter()
    for path in sorted(folder.glob("*.fit")):
        with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for _frame in reader:
                pass
    return time.perf_counter() - began


def import_folder(folder: Path, scratch: Path, files: int) -> float:
    store = open_database(scratch / "bench.db")
    try:
        began = time.perf_counter()
        summary = import_activity_paths(store, [folder], Units.KM)
        elapsed = time.perf_counter() - began
    finally:
        store.close()
    if summary.imported != files or summary.refused:
        raise SystemExit(f"the import did not bring in every file: {summary.lines()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--minutes", type=int, default=45, help="length of each run (one record a second)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "watch"
        folder.mkdir()
        write_folder(folder, args.files, args.minutes)
        decode_only(folder)  # warm the page cache and imports for both sides
        baselines, ratios = [], []
        for repeat in range(args.repeats):
            scratch = Path(temporary) / f"log{repeat}"
            baseline = decode_only(folder)
            subject = import_folder(folder, scratch, args.files)
            baselines.append(baseline)
            ratios.append(subject / baseline)
    print(f"files: {args.files} runs of {args.minutes} min, one record a second")
    print(f"fitdecode alone (median of {args.repeats}): {statistics.median(baselines):.3f} s")
    print(f"runlog import / fitdecode alone: {statistics.median(ratios):.3f} (median; goal <= 1.3)")
    print(f"range over {args.repeats} runs: {min(ratios):.3f} - {max(ratios):.3f}")


if __name__ == "__main__":
    main()
