"""Measuring child processes: spawn, wall and CPU time, peak memory, paired repeats.

Standard library only: the benchmark's own process must stay smaller than
any child it measures (see ``Bench.spawn``).
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: The repository root: the children import ``runlog`` and ``tests`` from here.
ROOT = Path(__file__).resolve().parents[2]
#: The child programs, real files run in a fresh interpreter.
PROGRAMS = Path(__file__).resolve().parent / "programs"

#: The goals in report order: name -> (what is measured, limit, how the limit reads).
GOALS: dict[str, tuple[str, float, str]] = {
    "version": ("runlog --version", 1.5, "ratio"),
    "help": ("runlog --help", 1.5, "ratio"),
    "dictionary": ("runlog export --dictionary", 1.5, "ratio"),
    "status": ("runlog status, every year", 1.3, "ratio"),
    "paint": ("TUI first paint", 1.3, "ratio"),
    "memory": ("TUI peak memory", 1.5, "ratio"),
    "detect": ("detect --json, every year", 1.5, "ratio"),
    "export": ("export -o", 3.0, "ratio"),
    "import": ("import into an empty log", 8.0, "ratio"),
    "save": ("run form: save to commit", 0.050, "seconds"),
}


@dataclass
class Child:
    """What one finished child process cost."""

    seconds: float
    #: Peak resident memory, MiB.
    peak_mib: float
    #: User and system CPU time to its exit: a cross-check, since other
    #: processes' load disturbs it much less than wall time.
    cpu_seconds: float
    #: What the child wrote to its result file (the paint programs), if anything.
    result: dict = field(default_factory=dict)


class Bench:
    """The temporary folder, the environment of the child processes, and the repeats."""

    def __init__(self, folder: Path, repeats: int, out: Callable[[str], None], warm_up: bool = True):
        self.folder = folder
        self.repeats = repeats
        self.warm_up = warm_up
        self.out = out
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("RUNLOG_", "TEXTUAL")) and k != "PYTHONDONTWRITEBYTECODE"}
        # Bytecode, as an installed runlog has it: compiled by the untimed
        # first run of each program into this folder, the checkout left alone.
        # Without it every start would compile runlog's modules again.
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        # A clean user data folder: nothing here may touch the runner's own log.
        env["HOME"] = env["XDG_DATA_HOME"] = str(folder / "home")
        self.env = env
        self.counter = 0

    def program(self, name: str, *args: str) -> list[str]:
        """The argv that runs ``programs/<name>.py`` with ``args``."""
        return [sys.executable, str(PROGRAMS / f"{name}.py"), *args]

    def runlog(self, *args: str) -> list[str]:
        """The argv of ``runlog ARGS`` as its console script starts it."""
        return self.program("runlog_script", *args)

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

    def build_log(self, path: Path, years: int, rows: int | None = None) -> int:
        """A generated log in a child process (``years`` 0: an empty one); the number of runs written."""
        answer = self.folder / "built.txt"
        extra = [] if rows is None else [str(rows)]
        self.spawn(self.program("build_log", str(path), str(years), *extra), stdout=answer)
        return int(answer.read_text())


def own_peak_mib() -> float:
    """This process's peak resident memory, MiB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


@dataclass
class Figure:
    """One goal's result: the medians, and every sample behind them."""

    goal: str
    subject: float
    baseline: float
    unit: str
    samples: dict[str, list[float]]
    note: str = ""

    @property
    def ratios(self) -> list[float]:
        """One ratio per repeat: each repeat measures the baseline and the
        subject back to back, so a burst of load from other processes hits
        both (a ratio of the two medians can pair a quiet baseline with a
        loaded subject)."""
        return [s / b if b else math.inf
                for b, s in zip(self.samples["baseline"], self.samples["subject"], strict=True)]

    @property
    def ratio(self) -> float:
        """The median of the per-repeat ratios."""
        return statistics.median(self.ratios)

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

    def range_text(self) -> str:
        """The lowest and highest per-repeat ratio (for ``save``, the range of the form's times)."""
        if GOALS[self.goal][2] == "seconds":
            values = self.samples["subject"]
            return f"{min(values) * 1000:.0f}-{max(values) * 1000:.0f}ms"
        return f"{min(self.ratios):.2f}-{max(self.ratios):.2f}"

    def value_text(self, value: float) -> str:
        if self.unit == "MiB":
            return f"{value:.1f} MiB"
        if self.unit == "ms":
            return f"{value * 1000:.1f} ms"
        return f"{value:.3f} s"


def figure(goal: str, base: list[float], subj: list[float], unit: str = "s", note: str = "",
           cpu: tuple[list[Child], list[Child]] | None = None) -> Figure:
    """A ``Figure`` from the samples; with ``cpu``, the CPU-time ratio goes in the note."""
    samples = {"baseline": base, "subject": subj}
    if cpu is not None:
        samples["baseline_cpu"] = [child.cpu_seconds for child in cpu[0]]
        samples["subject_cpu"] = [child.cpu_seconds for child in cpu[1]]
        ratio = statistics.median(s / b if b else math.inf
                                  for b, s in zip(samples["baseline_cpu"], samples["subject_cpu"], strict=True))
        note = f"{note}; CPU to exit {ratio:.2f}x" if note else f"CPU to exit {ratio:.2f}x"
    return Figure(goal, statistics.median(subj), statistics.median(base), unit, samples, note)


def line_count(path: Path) -> int:
    """The number of line ends in ``path``, read in chunks."""
    with open(path, "rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


def remove_database(path: Path) -> None:
    """A SQLite file and its companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def sqlite_shell() -> str | None:
    """The sqlite3 command-line shell, if this machine has one."""
    import shutil

    if Path("/usr/bin/sqlite3").exists():
        return "/usr/bin/sqlite3"
    return shutil.which("sqlite3")


def years_before(day, years: int):
    """``day`` (a date) ``years`` years earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
