"""The TUI's first paint of 20 years of daily runs, and its peak memory, against
a bare Textual app (goals 1.3x and 1.5x): the same processes give both figures,
the memory as each app reads it the moment its first page is painted.

Both programs (``programs/runlog_app.py`` and ``programs/bare_app.py``) run
headless at the same size and report the moment after the refresh that
paints their first page of rows.
"""

from __future__ import annotations

from pathlib import Path

from tests.perf.harness import Bench, Figure, figure, own_peak_mib

#: The terminal size of both apps (and of the ``save`` measurement).
SIZE = (120, 40)
#: Rows in the bare app's table: the run list's first page (``run_list.PAGE``,
#: kept equal by a test; importing it here would load Textual into this process).
BARE_ROWS = 100


def _paint_mib(child) -> float:
    return child.result["peak_kib"] / 1024


def measure(bench: Bench, log: Path) -> list[Figure]:
    width, height = map(str, SIZE)
    bare = bench.program("bare_app", width, height, str(BARE_ROWS))
    tui = bench.program("runlog_app", width, height, str(log))
    base, subj = bench.pairs(lambda: bench.spawn(bare, result=True), lambda: bench.spawn(tui, result=True))
    rows = {child.result["rows"] for child in subj}
    note = f"bare: {BARE_ROWS} rows; TUI showed {'/'.join(map(str, sorted(rows)))}"
    return [
        figure("paint", [c.seconds for c in base], [c.seconds for c in subj], note=note, cpu=(base, subj)),
        # Read by each app when its first page is painted: the TUI loads
        # SQLAlchemy in the background after that, for the next store job.
        figure("memory", [_paint_mib(c) for c in base], [_paint_mib(c) for c in subj], unit="MiB",
               note=f"ru_maxrss of each child at first paint; this process {own_peak_mib():.0f} MiB"),
    ]
