"""How runlog on PostgreSQL compares with runlog on SQLite: ``detect`` and
the TUI's first page, on the same generated log in both databases.

    python -m tests.perf.postgres [--years 20] [--repeats 5]

Starts a private PostgreSQL server (as the tests do), writes a log of
``--years`` years of daily runs (about one in twelve with knee pain) to an
SQLite file and to a PostgreSQL database, and then times, in fresh child
processes taking turns, ``runlog detect --json`` over the whole log and the
TUI from start until its first page of runs is painted. Prints the median
of each and the PostgreSQL/SQLite ratio. Timings only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.pg import ServerUnavailable, start_server  # noqa: E402

#: The TUI as ``runlog --db TARGET`` starts it, reporting once the first page is painted.
FIRST_PAGE = r"""
import json, sys, time
db, spawned, result = sys.argv[1], float(sys.argv[2]), sys.argv[3]
from runlog.cli import build_parser
from runlog.paths import resolve_db_path
args = build_parser().parse_args(["--db", db])
from runlog.store import open_database
store = open_database(resolve_db_path(args.db))
import inspect
from pathlib import Path
from runlog.tui.app import RunlogApp
from runlog.tui.widgets.run_list import RunList

class Painted(RunlogApp):
    CSS_PATH = Path(inspect.getfile(RunlogApp)).with_name(RunlogApp.CSS_PATH)

    def on_mount(self):
        self.seen = False
        self.poll = self.set_interval(0.02, self.look)

    def look(self):
        shown = [table for table in self.screen.query(RunList) if table.row_count]
        if shown and not self.seen:
            self.seen = True
            self.poll.stop()
            self.call_after_refresh(self.painted, shown[0].run_count)

    def painted(self, rows):
        with open(result, "w") as out:
            json.dump({"seconds": time.time() - spawned, "rows": rows}, out)
        self.exit()

Painted(store, checkin_on_start=False).run(headless=True, size=(120, 40))
store.close()
"""


def fill(target, years: int, today: dt.date) -> int:
    """A log of ``years`` years of daily runs ending yesterday; the number of runs."""
    from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Run, Shoe, ShoeType, Side
    from runlog.store import open_database
    from runlog.store.bulk import add_runs_in_bulk
    from runlog.store.gear import add_gear

    rng = random.Random(7)
    first = today - dt.timedelta(days=365 * years)
    store = open_database(target)
    try:
        with store.write() as session:
            shoes = [add_gear(session, Shoe(name="Pegasus 40", type=ShoeType.NEUTRAL)),
                     add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY))]
            orthotic = add_gear(session, Orthotic(name="Custom insoles", type=OrthoticType.CUSTOM))
            runs = []
            for offset in range((today - first).days):
                day = first + dt.timedelta(days=offset)
                km = rng.uniform(16, 24) if day.weekday() == 6 else rng.uniform(5, 12)
                run = Run(date=day, start_time=dt.time(6, rng.choice((0, 15, 30))), distance_m=round(km * 1000, -1),
                          duration_s=float(round(km * 340)), shoe=shoes[offset // 3 % 2],
                          orthotic=orthotic if offset > (today - first).days * 4 // 5 else None,
                          effort=rng.randint(3, 8))
                if km > 6 and rng.random() < 0.085:
                    run.pains.append(Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=rng.randint(3, 7),
                                          onset_m=round(5000 * rng.uniform(0.9, 1.1), -1), next_morning=NextMorning.GONE))
                runs.append(run)
            add_runs_in_bulk(session, runs)
    finally:
        store.close()
    return len(runs)


def timed(command: list[str], result: Path | None = None) -> float:
    """Wall-clock seconds of one child (from the child's own report when it gives one)."""
    spawned = time.time()
    if result is not None:
        command = [*command, str(spawned), str(result)]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result is not None:
        return json.loads(result.read_text())["seconds"]
    return time.time() - spawned


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    try:
        server = start_server()
    except ServerUnavailable as exc:
        print(f"SKIP: PostgreSQL unavailable: {exc}")
        return 0
    folder = Path(tempfile.mkdtemp(prefix="runlog-perf-"))
    try:
        server.create_database("perf")
        today = dt.date.today()
        targets = {"SQLite": str(folder / "runlog.db"), "PostgreSQL": server.url("perf")}
        runs = {name: fill(target, args.years, today) for name, target in targets.items()}
        since = (today - dt.timedelta(days=365 * args.years)).isoformat()
        figures: dict[str, dict[str, list[float]]] = {"detect": {}, "first page": {}}
        for _ in range(args.repeats):
            for name, target in targets.items():  # taking turns: a burst of load hits both
                figures["detect"].setdefault(name, []).append(
                    timed([sys.executable, "-m", "runlog", "--db", target, "detect", "--json", "--since", since]))
                figures["first page"].setdefault(name, []).append(
                    timed([sys.executable, "-c", FIRST_PAGE, target], result=folder / "page.json"))
        print(f"{runs['SQLite']} runs ({args.years} years), median of {args.repeats}, each in a fresh process")
        print(f"{'':12} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>6}")
        for what, by_db in figures.items():
            lite, pg = statistics.median(by_db["SQLite"]), statistics.median(by_db["PostgreSQL"])
            print(f"{what:12} {lite:8.3f}s {pg:10.3f}s {pg / lite:6.2f}")
    finally:
        server.stop()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
