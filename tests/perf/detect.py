"""``runlog detect --json`` over every year of the log against the same
command over an empty week (goal: 1.5x): the detector's own cost on top of
opening the log."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.perf.harness import Bench, Figure, figure, years_before


def measure(bench: Bench, log: Path, years: int, today: dt.date) -> Figure:
    since = years_before(today, years).isoformat()
    empty = years_before(today, years + 5)
    full = bench.runlog("--db", str(log), "detect", "--json", "--since", since)
    none = bench.runlog("--db", str(log), "detect", "--json", "--since", empty.isoformat(),
                        "--until", (empty + dt.timedelta(days=6)).isoformat())
    answer = bench.folder / "detect.json"
    base, subj = bench.pairs(lambda: bench.spawn(none), lambda: bench.spawn(full, stdout=answer))
    considered = json.loads(answer.read_text())["runs_considered"]
    return figure("detect", [c.seconds for c in base], [c.seconds for c in subj],
                  note=f"{considered} runs against an empty week", cpu=(base, subj))
