"""The commands that need no database: ``runlog --version``, ``--help`` and
``export --dictionary`` against Python importing argparse (goal: 1.5x each).

Each is timed from spawn to exit through the console script, as a runner's
shell starts it; the baseline is ``programs/argparse_only.py``.
"""

from __future__ import annotations

from pathlib import Path

from tests.perf.harness import Bench, Figure, figure

#: goal -> the arguments after ``runlog``.
COMMANDS: dict[str, tuple[str, ...]] = {
    "version": ("--version",),
    "help": ("--help",),
    "dictionary": ("export", "--dictionary"),
}


def measure(bench: Bench) -> list[Figure]:
    """One figure per command, each with its own interleaved baseline runs."""
    baseline = bench.program("argparse_only")
    figures = []
    for goal, args in COMMANDS.items():
        answer = bench.folder / f"{goal}.txt"
        base, subj = bench.pairs(lambda: bench.spawn(baseline),
                                 lambda args=args, answer=answer: bench.spawn(bench.runlog(*args), stdout=answer))
        printed = answer.read_text(errors="replace").splitlines()
        note = f"printed {len(printed)} line{'' if len(printed) == 1 else 's'}"
        figures.append(figure(goal, [c.seconds for c in base], [c.seconds for c in subj], note=note, cpu=(base, subj)))
    return figures


def measure_status(bench: Bench, log: Path) -> Figure:
    """``runlog status`` on the whole history against Python importing argparse (goal: 1.3x):
    a shell prompt runs it at every line."""
    baseline = bench.program("argparse_only")
    answer = bench.folder / "status.txt"
    base, subj = bench.pairs(lambda: bench.spawn(baseline),
                             lambda: bench.spawn(bench.runlog("--db", str(log), "status"), stdout=answer))
    printed = answer.read_text(errors="replace").strip()
    return figure("status", [c.seconds for c in base], [c.seconds for c in subj],
                  note=f"printed {printed!r}" if printed else "printed nothing (nothing due)", cpu=(base, subj))
