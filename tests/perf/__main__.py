"""``python -m tests.perf [--quick] [--only GOAL]``: every speed goal as a ratio.

Run from the repository root (the children import ``runlog`` and ``tests``
from there; runlog itself need not be installed). It builds its histories
in a private temporary folder (mode 0700) that it removes afterwards.
Without the ``sqlite3`` shell the export and import goals are skipped, and
the report says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path

from tests.perf import cli_start, csv_import, detect, export, save, tui
from tests.perf.harness import GOALS, Bench, Figure, line_count, sqlite_shell
from tests.perf.report import environment, report_lines

#: What ``--only`` accepts: ``cli`` is the three commands, ``tui`` both paint and memory.
GROUPS = ("cli", "status", "tui", "detect", "export", "import", "save")
#: The runner's logs end yesterday; the form's saves land today.
TODAY = dt.date.today()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.perf", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats and 8 saves instead of 5 and 20")
    parser.add_argument("--only", action="append", choices=GROUPS, metavar="GOAL",
                        help=f"run only this benchmark (repeatable): {', '.join(GROUPS)}")
    parser.add_argument("--repeats", type=int, help="repeats of each measurement (default 5, --quick 3)")
    parser.add_argument("--years", type=int, default=20, help="years of daily runs (default 20)")
    parser.add_argument("--csv-rows", type=int, default=100_000, help="rows of the CSV (default 100000)")
    parser.add_argument("--saves", type=int, help="runs saved through the form (default 20, --quick 8)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (and say where)")
    parser.add_argument("--no-warm-up", dest="warm_up", action="store_false",
                        help="skip the untimed first run of each process (for the tests)")
    return parser


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] | None = None) -> int:
    """Run the benchmark; returns 0 (a missed goal is a finding, not an error)."""
    args = build_parser().parse_args(argv)
    write = out or (lambda text: (sys.stdout.write(text), sys.stdout.flush()))
    repeats = args.repeats or (3 if args.quick else 5)
    saves = args.saves or (8 if args.quick else 20)
    groups = args.only or list(GROUPS)
    write(environment(repeats, args.years, args.csv_rows, saves) + "\n")
    folder = Path(tempfile.mkdtemp(prefix="runlog-bench-"))
    figures: list[Figure] = []
    skipped: dict[str, str] = {}
    try:
        os.chmod(folder, 0o700)
        bench = Bench(folder, repeats, write, warm_up=args.warm_up)
        steps = _steps(bench, folder, groups, args, saves, skipped)
        for name, step in steps:
            write(f"{name} ")
            started = time.perf_counter()
            figures += step()
            write(f" {time.perf_counter() - started:.0f} s\n")
    finally:
        if args.keep:
            write(f"kept {folder}\n")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    order = list(GOALS)
    figures.sort(key=lambda figure: order.index(figure.goal))
    met = sum(figure.passed for figure in figures)
    write("\n" + "\n".join(report_lines(figures, skipped)) + f"\n\n{met} of {len(figures)} goals met\n")
    if args.json is not None:
        args.json.write_text(json.dumps(
            [{**asdict(figure), "ratio": figure.ratio, "limit": figure.limit, "passed": figure.passed}
             for figure in figures], indent=2))
    return 0


def _steps(bench: Bench, folder: Path, groups: list[str], args, saves: int,
           skipped: dict[str, str]) -> list[tuple[str, Callable[[], list[Figure]]]]:
    """The measurements asked for, in order, after building the histories they need."""
    write = bench.out
    steps: list[tuple[str, Callable[[], list[Figure]]]] = []
    if "cli" in groups:
        steps.append(("cli", lambda: cli_start.measure(bench)))
    log = folder / "daily-runs.db"
    if {"status", "tui", "detect", "save"} & set(groups):
        started = time.perf_counter()
        runs = bench.build_log(log, args.years)
        write(f"generated {runs} runs ({args.years} years) in {time.perf_counter() - started:.1f} s\n")
    if "status" in groups:
        steps.append(("status", lambda: [cli_start.measure_status(bench, log)]))
    if "tui" in groups:
        steps.append(("tui", lambda: tui.measure(bench, log)))
    if "detect" in groups:
        steps.append(("detect", lambda: [detect.measure(bench, log, args.years, TODAY)]))
    if {"export", "import"} & set(groups):
        shell = sqlite_shell()
        if shell is None:
            for goal in ("export", "import"):
                if goal in groups:
                    skipped[goal] = "no sqlite3 shell on this machine (/usr/bin/sqlite3)"
        else:
            source, csv_file, empty_log = folder / "csv-source.db", folder / "history.csv", folder / "empty.db"
            started = time.perf_counter()
            bench.build_log(source, args.years, rows=args.csv_rows)
            bench.spawn(bench.runlog("--db", str(source), "export", "-o", str(csv_file)))
            bench.build_log(empty_log, 0)  # migrated, nothing in it: the import makes the gear
            write(f"generated {line_count(csv_file) - 1} CSV rows in {time.perf_counter() - started:.1f} s\n")
            if "export" in groups:
                steps.append(("export", lambda: [export.measure(bench, source, shell)]))
            if "import" in groups:
                steps.append(("import", lambda: [csv_import.measure(bench, csv_file, empty_log, shell)]))
    if "save" in groups:
        # In-process, so last: it loads runlog, Textual and SQLAlchemy into this process.
        steps.append(("save", lambda: [save.measure(bench, log, saves, TODAY)]))
    return steps


if __name__ == "__main__":
    sys.exit(main())
