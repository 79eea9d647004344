"""The performance benchmark of issue 7: ``python -m runlog.bench [--quick]``.

Every figure is a ratio against a baseline measured in the same run, with
repeats (median of N, baseline and subject interleaved and alternating which
goes first), because a shared two-core machine is noisy:

==========  ======================================================  ===========================  ======
goal        subject                                                 baseline                     limit
==========  ======================================================  ===========================  ======
paint       ``runlog`` TUI start to its first page of runs shown    a bare Textual app's first   1.3x
            (20 years of daily runs), fresh process, headless       paint (Header, DataTable,
                                                                    Footer), same size
memory      peak RSS of that TUI process                            peak RSS of the bare app     1.5x
detect      ``runlog detect --json`` over 20 years                  the same over an empty       1.5x
                                                                    window
export      ``runlog export -o`` of 100,000 CSV rows                ``sqlite3 -csv`` of the      3x
                                                                    same joined columns
import      ``runlog import`` of those rows into an empty log       ``sqlite3 .import --csv``    8x
save        pressing ctrl+s in the run form to the run committed,   the store's ``add_run`` and  50 ms
            in-process with ``App.run_test`` and Pilot              commit alone                 (median)
==========  ======================================================  ===========================  ======

The histories are generated in a private temporary folder (mode 0700) that
is removed afterwards: the 20-year log with the store's bulk insert, the
100,000-row CSV by ``runlog export`` from a generated log. Without
``/usr/bin/sqlite3`` (or ``sqlite3`` on the PATH) the export and import
goals are skipped, and the report says so.

This module imports only the standard library at the top: the child
processes it starts must not pay for it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

#: The goals in report order: name -> (what is measured, limit, how the limit reads).
GOALS: dict[str, tuple[str, float, str]] = {
    "paint": ("TUI first paint", 1.3, "ratio"),
    "memory": ("TUI peak memory", 1.5, "ratio"),
    "detect": ("detect --json, every year", 1.5, "ratio"),
    "export": ("export -o", 3.0, "ratio"),
    "import": ("import into an empty log", 8.0, "ratio"),
    "save": ("run form: save to commit", 0.050, "seconds"),
}
#: What ``--only`` accepts: ``tui`` measures both paint and memory (the same processes).
GROUPS = ("tui", "detect", "export", "import", "save")

#: The terminal size of both apps in the paint benchmark (and of the save benchmark).
SIZE = (120, 40)
#: Rows in the bare app's table: the run list's first page (``run_list.PAGE``,
#: kept equal by a test; importing it here would load Textual into this process).
BARE_ROWS = 100
#: The runner's logs end yesterday; the saves land today.
TODAY = dt.date.today()


# --- the generated histories ---------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    """How much history each benchmark works on."""

    years: int = 20
    csv_rows: int = 100_000
    saves: int = 20


def history(first: dt.date, last: dt.date, shoes: Sequence, orthotic, *, per_day: int = 1,
            seed: int = 7) -> list:
    """Runs on every day from ``first`` to ``last``, ``per_day`` a day (at
    distinct start times), oldest first: a weekly rhythm of easy runs, a
    tempo and a Sunday long run; two shoe pairs in turn; the orthotic in the
    last fifth of the span; knee pain on about one run in twelve (below the
    left kneecap at about 5 km, mostly gone by morning, now and then with a
    sore calf as well), and the last two painful runs awaiting their morning.
    ``shoes`` and ``orthotic`` must be stored (ids set)."""
    from runlog.domain import NextMorning, Pain, PainSite, Run, Side

    if not 1 <= per_day <= 15:
        raise ValueError("per_day must be between 1 and 15")
    rng = random.Random(seed)
    days = (last - first).days + 1
    orthotic_from = first + dt.timedelta(days=days * 4 // 5)
    runs = []
    for offset in range(days):
        date = first + dt.timedelta(days=offset)
        weekday = date.weekday()
        for slot in range(per_day):
            if weekday == 6:
                km = rng.uniform(16.0, 24.0)
            elif weekday == 3:
                km = rng.uniform(8.0, 12.0)
            else:
                km = rng.uniform(5.0, 10.0)
            pace = rng.uniform(290.0, 360.0) if weekday == 3 else rng.uniform(320.0, 390.0)
            minutes = 5 * 60 + slot * 70 + rng.choice((0, 10, 15, 20, 30, 45))
            run = Run(
                date=date,
                start_time=dt.time(minutes // 60, minutes % 60),
                distance_m=round(km * 1000, -1),
                duration_s=float(round(km * pace)),
                shoe=shoes[(offset // 3) % len(shoes)],
                orthotic=orthotic if date >= orthotic_from else None,
                effort=rng.randint(3, 8) if rng.random() < 0.8 else None,
                notes="" if rng.random() < 0.9 else rng.choice(("hilly", "windy", "with the club", "=tired legs")),
            )
            if km > 6.0 and rng.random() < 0.085:
                onset_m = round(5000 * rng.uniform(0.9, 1.1), -1)
                morning = NextMorning.GONE if rng.random() < 0.85 else rng.choice(list(NextMorning))
                run.pains.append(Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=rng.randint(3, 7),
                                      onset_m=onset_m, onset_s=round(onset_m / 1000 * pace),
                                      stopped_early=rng.random() < 0.1, next_morning=morning))
                if rng.random() < 0.2:
                    run.pains.append(Pain(site=PainSite.CALF, side=Side.RIGHT, intensity=rng.randint(1, 3),
                                          onset_s=round(run.duration_s * 0.7), next_morning=NextMorning.GONE))
                run.notes = run.notes or "left knee again"
            runs.append(run)
    for run in [r for r in runs if r.pains][-2:]:
        for pain in run.pains:
            pain.next_morning = None
    return runs


def csv_rows(run) -> int:
    """The rows a run takes in the CSV: one per pain site, at least one."""
    return max(1, len(run.pains))


def trim_to_rows(runs: list, rows: int) -> list:
    """The newest runs that make exactly ``rows`` CSV rows (fewer if ``runs`` run out)."""
    kept: list = []
    total = 0
    for run in reversed(runs):
        if total >= rows:
            break
        if total + csv_rows(run) > rows:
            del run.pains[rows - total:]
        kept.append(run)
        total += csv_rows(run)
    kept.reverse()
    return kept


def build_log(path: Path, years: int, *, rows: int | None = None, today: dt.date = TODAY) -> int:
    """Write a generated log of ``years`` years ending yesterday to a new
    database at ``path``; with ``rows``, as many runs a day as it takes to
    make exactly that many CSV rows. Returns the number of runs."""
    from runlog.domain import Orthotic, OrthoticType, Shoe, ShoeType
    from runlog.store import open_database
    from runlog.store.bulk import add_runs_in_bulk
    from runlog.store.gear import add_gear

    last = today - dt.timedelta(days=1)
    first = _years_before(today, years)
    per_day = 1
    if rows is not None:
        per_day = max(1, math.ceil(rows / ((last - first).days + 1)))
    factory = open_database(path)
    try:
        with factory.write() as session:
            shoes = [
                add_gear(session, Shoe(name="Pegasus 40", type=ShoeType.NEUTRAL, first_used=first)),
                add_gear(session, Shoe(name="Kayano 30", type=ShoeType.STABILITY, first_used=first)),
            ]
            orthotic = add_gear(session, Orthotic(name="Custom insoles", type=OrthoticType.CUSTOM))
            runs = history(first, last, shoes, orthotic, per_day=per_day)
            if rows is not None:
                runs = trim_to_rows(runs, rows)
            add_runs_in_bulk(session, runs)
    finally:
        factory.close()
    return len(runs)


#: ``build_log`` in a child process, so that this one stays small (see ``Bench.spawn``).
BUILD_LOG = r"""
import sys
from pathlib import Path
from runlog.bench import build_log
rows = int(sys.argv[3]) if len(sys.argv) > 3 else None
print(build_log(Path(sys.argv[1]), int(sys.argv[2]), rows=rows))
"""
#: A new log at the current schema with nothing in it (no gear either).
EMPTY_LOG = r"""
import sys
from runlog.store import open_database
open_database(sys.argv[1]).close()
print(0)
"""


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


# --- measuring child processes -------------------------------------------------


@dataclass
class Child:
    """What one finished child process cost."""

    seconds: float
    #: Peak resident memory, MiB.
    peak_mib: float
    #: User and system CPU time to its exit: a cross-check that other
    #: processes' load disturbs much less than wall time.
    cpu_seconds: float
    #: What the child wrote to its result file (the paint benchmark), if anything.
    result: dict = field(default_factory=dict)


class Bench:
    """The temporary folder, the environment of the child processes, and the repeats."""

    def __init__(self, folder: Path, repeats: int, out: Callable[[str], None], warm_up: bool = True):
        import runlog

        self.folder = folder
        self.repeats = repeats
        self.warm_up = warm_up
        self.out = out
        package_parent = str(Path(runlog.__file__).resolve().parent.parent)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNLOG_", "TEXTUAL"))}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
        # A clean user data folder: nothing here may touch the runner's own log.
        env["HOME"] = env["XDG_DATA_HOME"] = str(folder / "home")
        self.env = env
        self.counter = 0

    def spawn(self, argv: Sequence[str], stdout: Path | None = None, result: bool = False) -> Child:
        """Run ``argv`` to its end; its wall time from spawn and its peak memory.

        Linux carries a process's peak RSS across ``exec``, and a child
        starts as a (v)fork of this process: so this process must stay
        smaller than any child it measures (standard library only; the
        histories are built by children, the in-process save runs last).

        With ``result`` the child gets two more arguments, the spawn time
        (``time.time()``) and a file to write a JSON object to; its
        ``seconds`` then says when the child found itself done."""
        self.counter += 1
        errors = self.folder / f"child-{self.counter}.err"
        result_file = self.folder / f"child-{self.counter}.json"
        with open(errors, "wb") as err, open(stdout or os.devnull, "wb") as output:
            spawned = time.time()
            start = time.perf_counter()
            argv = [*argv, repr(spawned), str(result_file)] if result else list(argv)
            process = subprocess.Popen(argv, cwd=self.folder, env=self.env, stdin=subprocess.DEVNULL,
                                       stdout=output, stderr=err)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:6])} ... exited with {process.returncode}:\n"
                               f"{errors.read_text(errors='replace')[-3000:]}")
        errors.unlink()
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        found = {}
        if result:
            found = json.loads(result_file.read_text())
            result_file.unlink()
            seconds = found["seconds"]
        return Child(seconds=seconds, peak_mib=peak, cpu_seconds=usage.ru_utime + usage.ru_stime, result=found)

    def pairs(self, baseline: Callable[[], Child], subject: Callable[[], Child]) -> tuple[list[Child], list[Child]]:
        """``repeats`` runs of each, interleaved, alternating which goes first
        (after one untimed run of each: compiled bytecode, page cache)."""
        if self.warm_up:
            baseline()
            subject()
        base: list[Child] = []
        subj: list[Child] = []
        for repeat in range(self.repeats):
            if repeat % 2 == 0:
                base.append(baseline())
                subj.append(subject())
            else:
                subj.append(subject())
                base.append(baseline())
            self.out(".")
        return base, subj

    def runlog(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "runlog", *args]

    def build_log(self, path: Path, years: int, rows: int | None = None) -> int:
        """``build_log`` in a child process (``years`` 0: an empty log); the number of runs written."""
        answer = self.folder / "built.txt"
        extra = [] if rows is None else [str(rows)]
        script = [EMPTY_LOG, str(path)] if years == 0 else [BUILD_LOG, str(path), str(years), *extra]
        self.spawn([sys.executable, "-c", *script], stdout=answer)
        return int(answer.read_text())


def _own_peak_mib() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


# --- figures ---------------------------------------------------------------------


@dataclass
class Figure:
    """One goal's result."""

    goal: str
    subject: float
    baseline: float
    unit: str
    samples: dict[str, list[float]]
    note: str = ""

    @property
    def ratio(self) -> float:
        """The median of the per-repeat ratios: each repeat measures the
        baseline and the subject back to back, so a burst of load from other
        processes hits both (a ratio of the two medians can pair a quiet
        baseline with a loaded subject)."""
        return _paired_ratio(self.samples["baseline"], self.samples["subject"])

    @property
    def limit(self) -> float:
        return GOALS[self.goal][1]

    @property
    def passed(self) -> bool:
        if GOALS[self.goal][2] == "seconds":
            return self.subject < self.limit
        return self.ratio <= self.limit

    def limit_text(self) -> str:
        if GOALS[self.goal][2] == "seconds":
            return f"<{self.limit * 1000:g}ms"
        return f"<={self.limit:g}x"

    def value_text(self, value: float) -> str:
        if self.unit == "MiB":
            return f"{value:.1f} MiB"
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms"
        return f"{value:.3f} s"


def _paired_ratio(baseline: list[float], subject: list[float]) -> float:
    return statistics.median(s / b if b else math.inf for b, s in zip(baseline, subject, strict=True))


def _figure(goal: str, base: list[float], subj: list[float], unit: str = "s", note: str = "",
            cpu: tuple[list[Child], list[Child]] | None = None) -> Figure:
    samples = {"baseline": base, "subject": subj}
    if cpu is not None:
        # CPU time to exit: what other processes' load disturbs least.
        samples["baseline_cpu"] = [child.cpu_seconds for child in cpu[0]]
        samples["subject_cpu"] = [child.cpu_seconds for child in cpu[1]]
        ratio = _paired_ratio(samples["baseline_cpu"], samples["subject_cpu"])
        note = f"{note}; CPU to exit {ratio:.2f}x" if note else f"CPU to exit {ratio:.2f}x"
    return Figure(goal, statistics.median(subj), statistics.median(base), unit, samples, note)


#: The bare Textual app: Header, a DataTable of one page of plain rows, Footer.
BARE_APP = r"""
import json, sys, time
from textual.app import App
from textual.widgets import DataTable, Footer, Header

width, height, rows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
spawned, result = float(sys.argv[4]), sys.argv[5]

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Date", "km", "Time", "/km", "Shoe", "Orthotic", "Eff", "Pain")
        for n in range(rows):
            table.add_row(f"Tue 24 Nov {n}", "10.00", "55:00", "5:30", "Pegasus 40", "", "6", "")
        self.call_after_refresh(self.painted)

    def painted(self):
        with open(result, "w") as out:
            json.dump({"seconds": time.time() - spawned, "rows": self.query_one(DataTable).row_count}, out)
        self.exit()

Bare().run(headless=True, size=(width, height))
"""

#: The runlog TUI as ``runlog --db PATH`` starts it (argument parsing, path,
#: open and migrate check, app), reporting after the refresh that follows
#: the first page's rows going into the run list.
RUNLOG_APP = r"""
import json, sys, time

width, height, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
spawned, result = float(sys.argv[4]), sys.argv[5]

from runlog.cli import build_parser
from runlog.paths import resolve_db_path

args = build_parser().parse_args(["--db", db])
from runlog.store import open_database

factory = open_database(resolve_db_path(args.db))
import inspect
from pathlib import Path
from runlog.tui.app import RunlogApp
from runlog.tui.widgets.run_list import RunList

class Painted(RunlogApp):
    # A class defined here has no source file to find the stylesheet beside.
    CSS_PATH = Path(inspect.getfile(RunlogApp)).with_name(RunlogApp.CSS_PATH)

    # Textual calls RunlogApp's own mount handlers as well (they run along the MRO).
    def on_mount(self):
        self.seen = False
        self.poll = self.set_interval(0.05, self.look)

    def on_runs_page_loaded(self, message):
        # The page message bubbles up from the main screen once it has put
        # the rows in the table: from there, one refresh paints them (as in
        # the bare app). The slow poll is the fallback should it stop
        # bubbling (a fast one would itself load the event loop).
        self.look()

    def look(self):
        shown = [table for table in self.screen.query(RunList) if table.row_count]
        if shown and not self.seen:
            self.seen = True
            self.poll.stop()
            self.call_after_refresh(self.painted, shown[0].row_count)

    def painted(self, rows):
        with open(result, "w") as out:
            json.dump({"seconds": time.time() - spawned, "rows": rows}, out)
        self.exit()

Painted(factory, checkin_on_start=False).run(headless=True, size=(width, height))
"""


def bench_tui(bench: Bench, log: Path) -> list[Figure]:
    width, height = SIZE
    bare = [sys.executable, "-c", BARE_APP, str(width), str(height), str(BARE_ROWS)]
    tui = [sys.executable, "-c", RUNLOG_APP, str(width), str(height), str(log)]
    base, subj = bench.pairs(lambda: bench.spawn(bare, result=True), lambda: bench.spawn(tui, result=True))
    rows = {child.result["rows"] for child in subj}
    note = f"bare: {BARE_ROWS} rows; TUI showed {'/'.join(map(str, sorted(rows)))}"
    return [
        _figure("paint", [c.seconds for c in base], [c.seconds for c in subj], note=note, cpu=(base, subj)),
        _figure("memory", [c.peak_mib for c in base], [c.peak_mib for c in subj], unit="MiB",
                note=f"ru_maxrss of each child; this process {_own_peak_mib():.0f} MiB"),
    ]


def bench_detect(bench: Bench, log: Path, years: int) -> Figure:
    since = _years_before(TODAY, years).isoformat()
    empty = _years_before(TODAY, years + 5)
    full = bench.runlog("--db", str(log), "detect", "--json", "--since", since)
    none = bench.runlog("--db", str(log), "detect", "--json", "--since", empty.isoformat(),
                        "--until", (empty + dt.timedelta(days=6)).isoformat())
    answer = bench.folder / "detect.json"
    base, subj = bench.pairs(lambda: bench.spawn(none), lambda: bench.spawn(full, stdout=answer))
    considered = json.loads(answer.read_text())["runs_considered"]
    return _figure("detect", [c.seconds for c in base], [c.seconds for c in subj],
                   note=f"{considered} runs against an empty week", cpu=(base, subj))


#: The export's columns from the sqlite3 shell: the same joins, order and units.
EXPORT_SQL = """
SELECT r.id AS run_id, r.date AS date, substr(r.start_time, 1, 5) AS start_time,
       round(r.distance_m / 1000.0, 3) AS distance_km, round(r.duration_s / 60.0, 2) AS duration_min,
       s.name AS shoe, s.type AS shoe_type, o.name AS orthotic, o.type AS orthotic_type, r.effort AS effort,
       CASE WHEN p.id IS NULL THEN 'no' ELSE 'yes' END AS pain, p.site AS pain_site, p.side AS pain_side,
       round(p.onset_m / 1000.0, 3) AS pain_onset_km, round(p.onset_s / 60.0, 2) AS pain_onset_min,
       p.intensity AS pain_intensity,
       CASE WHEN p.id IS NULL THEN NULL WHEN p.stopped_early THEN 'yes' ELSE 'no' END AS stopped_early,
       p.next_morning AS next_morning, r.notes AS notes
FROM runs r
LEFT JOIN shoes s ON s.id = r.shoe_id
LEFT JOIN orthotics o ON o.id = r.orthotic_id
LEFT JOIN pains p ON p.run_id = r.id
ORDER BY r.date, r.start_time, r.id, p.id;
"""


def sqlite_shell() -> str | None:
    """The sqlite3 command-line shell, if this machine has one."""
    if Path("/usr/bin/sqlite3").exists():
        return "/usr/bin/sqlite3"
    return shutil.which("sqlite3")


def bench_export(bench: Bench, source: Path, sqlite3: str) -> Figure:
    ours, theirs = bench.folder / "export-runlog.csv", bench.folder / "export-sqlite3.csv"
    runlog_export = bench.runlog("--db", str(source), "export", "-o", str(ours))
    shell_export = [sqlite3, "-readonly", "-csv", "-header", str(source), EXPORT_SQL]
    base, subj = bench.pairs(lambda: bench.spawn(shell_export, stdout=theirs), lambda: bench.spawn(runlog_export))
    lines = _lines(ours) - 1
    if lines != _lines(theirs) - 1:
        raise RuntimeError(f"runlog exported {lines} rows but the sqlite3 shell {_lines(theirs) - 1}")
    return _figure("export", [c.seconds for c in base], [c.seconds for c in subj], note=f"{lines} rows each",
                   cpu=(base, subj))


def bench_import(bench: Bench, csv_file: Path, empty_log: Path, sqlite3: str) -> Figure:
    counter = iter(range(10**6))
    rows = _lines(csv_file) - 1

    def runlog_import() -> Child:
        target = bench.folder / f"import-{next(counter)}.db"
        shutil.copyfile(empty_log, target)
        try:
            child = bench.spawn(bench.runlog("--db", str(target), "import", str(csv_file)))
            _expect_rows(target, "SELECT count(*) FROM runs LEFT JOIN pains ON pains.run_id = runs.id", rows)
            return child
        finally:
            _remove_database(target)

    def shell_import() -> Child:
        target = bench.folder / f"shell-{next(counter)}.db"
        try:
            child = bench.spawn([sqlite3, str(target), f".import --csv {csv_file} rows"])
            _expect_rows(target, "SELECT count(*) FROM rows", rows)
            return child
        finally:
            _remove_database(target)

    base, subj = bench.pairs(shell_import, runlog_import)
    return _figure("import", [c.seconds for c in base], [c.seconds for c in subj],
                   note=f"{rows} rows into an empty log", cpu=(base, subj))


def _expect_rows(database: Path, query: str, rows: int) -> None:
    import sqlite3

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        found = connection.execute(query).fetchone()[0]
    finally:
        connection.close()
    if found != rows:
        raise RuntimeError(f"{database.name} holds {found} rows after importing {rows}")


def _lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


# --- the run form's save, in-process ----------------------------------------------


def bench_save(bench: Bench, log: Path, saves: int) -> Figure:
    """Log ``saves`` runs through the form (fields filled as the TUI tests
    fill them, one run in three with a pain entry picked by keyboard), timing
    ctrl+s to the commit; and as many ``add_run`` commits straight through
    the store, interleaved."""
    import asyncio

    return asyncio.run(_save_runs(bench, log, saves))


async def _save_runs(bench: Bench, log: Path, saves: int) -> Figure:
    import threading

    from sqlalchemy import event

    from runlog.domain import Run
    from runlog.store import open_database
    from runlog.store.runs import add_run, count_runs, recent_runs, runs_between
    from runlog.tui.app import RunlogApp

    factory = open_database(log)
    commits: list[float] = []
    committed = threading.Event()

    def on_commit(_connection) -> None:
        commits.append(time.perf_counter())
        committed.set()

    event.listen(factory.engine, "commit", on_commit)
    with factory.read() as session:
        before = count_runs(session)
        last = recent_runs(session, limit=1)[0]
    app = RunlogApp(factory, today=TODAY, checkin_on_start=False)
    form_times: list[float] = []
    store_times: list[float] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            for number in range(saves):
                minutes = 4 * 60 + number
                await pilot.press("n")
                await _settle(pilot)
                form = app.screen
                # The date stays today's; the rest is typed in as the TUI tests do.
                for selector, text in (("#start", f"{minutes // 60:02d}:{minutes % 60:02d}"), ("#distance", "10.5"),
                                       ("#duration", "58:30"), ("#effort", "6"), ("#notes", "easy")):
                    _type_into(form, selector, text)
                if number % 3 == 0:
                    await pilot.press("ctrl+n")
                    await _settle(pilot)
                    # The knee picker by keyboard: the left knee, below the kneecap.
                    await pilot.press("right", "right", "right", "down", "enter")
                    _type_into(form, ".onset-distance", "5")
                    _type_into(form, ".intensity", "6")
                await _settle(pilot)
                committed.clear()
                start = time.perf_counter()
                await pilot.press("ctrl+s")
                while not committed.is_set():
                    await asyncio.sleep(0.0005)
                form_times.append(commits[-1] - start)
                await _settle(pilot)
                # The baseline: the same kind of run, straight through the store.
                run = Run(date=TODAY, start_time=dt.time(3, number % 60), distance_m=10500, duration_s=3510,
                          shoe=last.shoe, orthotic=last.orthotic, effort=6, notes="easy")
                committed.clear()
                start = time.perf_counter()
                with factory.write() as session:
                    add_run(session, run)
                store_times.append(commits[-1] - start)
                bench.out(".")
        with factory.read() as session:
            written = count_runs(session) - before
            typed = [run for run in runs_between(session, TODAY, TODAY) if run.start_time.hour == 4]
    finally:
        factory.close()
    with_pain = sum(1 for run in typed if run.pains)
    if written != 2 * saves or len(typed) != saves or with_pain != (saves + 2) // 3:
        raise RuntimeError(f"{saves} saves through the form wrote {len(typed)} runs, {with_pain} with pain")
    return _figure("save", store_times, form_times, unit="ms",
                   note=f"{saves} saves into {before} runs; baseline add_run+commit")


def _type_into(screen, selector: str, text: str) -> None:
    """Replace the text of the form's input ``selector`` (as the TUI tests type)."""
    from textual.widgets import Input

    screen.query_one(selector, Input).value = text


async def _settle(pilot) -> None:
    """Wait for the database workers and the screen updates they cause."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# --- the report ------------------------------------------------------------------


def report_lines(figures: list[Figure], skipped: dict[str, str]) -> list[str]:
    """The table: one line per goal, ``PASS``/``MISS`` (or ``SKIP`` with the reason)."""
    lines = [f"{'goal':<8} {'measures':<26} {'subject':>11} {'baseline':>11} {'ratio':>7} {'goal':>8}  result"]
    for figure in figures:
        lines.append(
            f"{figure.goal:<8} {GOALS[figure.goal][0]:<26} {figure.value_text(figure.subject):>11} "
            f"{figure.value_text(figure.baseline):>11} {figure.ratio:>6.2f}x {figure.limit_text():>8}  "
            f"{'PASS' if figure.passed else 'MISS'}  ({figure.note})"
        )
    for goal, reason in skipped.items():
        lines.append(f"{goal:<8} {GOALS[goal][0]:<26} {'-':>11} {'-':>11} {'-':>7} {'-':>8}  SKIP  ({reason})")
    return lines


def _environment(repeats: int, sizes: Sizes) -> str:
    import sqlite3
    from importlib.metadata import version

    try:
        load = "load %.1f %.1f %.1f" % os.getloadavg()
    except OSError:
        load = "load unknown"
    return (f"Python {platform.python_version()}, Textual {version('textual')}, SQLAlchemy "
            f"{version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs, {load}; "
            f"median of {repeats} (saves: {sizes.saves}), {sizes.years} years, {sizes.csv_rows} CSV rows; "
            "ratio = median of the paired ratios")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m runlog.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats and 8 saves instead of 7 and 20")
    parser.add_argument("--only", action="append", choices=GROUPS, metavar="GOAL",
                        help=f"run only this benchmark (repeatable): {', '.join(GROUPS)}")
    parser.add_argument("--repeats", type=int, help="repeats of each measurement (default 7, --quick 3)")
    parser.add_argument("--years", type=int, default=Sizes.years, help="years of daily runs (default 20)")
    parser.add_argument("--csv-rows", type=int, default=Sizes.csv_rows, help="rows of the CSV (default 100000)")
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
    repeats = args.repeats or (3 if args.quick else 7)
    sizes = Sizes(years=args.years, csv_rows=args.csv_rows, saves=args.saves or (8 if args.quick else 20))
    groups = args.only or list(GROUPS)
    write(_environment(repeats, sizes) + "\n")
    folder = Path(tempfile.mkdtemp(prefix="runlog-bench-"))
    figures: list[Figure] = []
    skipped: dict[str, str] = {}
    try:
        os.chmod(folder, 0o700)
        bench = Bench(folder, repeats, write, warm_up=args.warm_up)
        log = folder / "twenty-years.db"
        started = time.perf_counter()
        if {"tui", "detect", "save"} & set(groups):
            runs = bench.build_log(log, sizes.years)
            write(f"generated {runs} runs ({sizes.years} years) in {time.perf_counter() - started:.1f} s\n")
        steps: list[tuple[str, Callable[[], list[Figure]]]] = []
        if "tui" in groups:
            steps.append(("tui", lambda: bench_tui(bench, log)))
        if "detect" in groups:
            steps.append(("detect", lambda: [bench_detect(bench, log, sizes.years)]))
        if {"export", "import"} & set(groups):
            sqlite3 = sqlite_shell()
            if sqlite3 is None:
                for goal in ("export", "import"):
                    if goal in groups:
                        skipped[goal] = "no sqlite3 shell on this machine (/usr/bin/sqlite3)"
            else:
                source, csv_file, empty_log = folder / "csv-source.db", folder / "history.csv", folder / "empty.db"
                started = time.perf_counter()
                bench.build_log(source, sizes.years, rows=sizes.csv_rows)
                bench.spawn(bench.runlog("--db", str(source), "export", "-o", str(csv_file)))
                bench.build_log(empty_log, 0)  # migrated, nothing in it: the import makes the gear
                write(f"generated {_lines(csv_file) - 1} CSV rows in {time.perf_counter() - started:.1f} s\n")
                if "export" in groups:
                    steps.append(("export", lambda: [bench_export(bench, source, sqlite3)]))
                if "import" in groups:
                    steps.append(("import", lambda: [bench_import(bench, csv_file, empty_log, sqlite3)]))
        if "save" in groups:
            steps.append(("save", lambda: [bench_save(bench, log, sizes.saves)]))
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
    lines = report_lines(figures, skipped)
    met = sum(figure.passed for figure in figures)
    write("\n" + "\n".join(lines) + f"\n\n{met} of {len(figures)} goals met\n")
    if args.json is not None:
        args.json.write_text(json.dumps(
            [{**asdict(figure), "ratio": figure.ratio, "limit": figure.limit, "passed": figure.passed}
             for figure in figures], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
