"""A runlog writer for the crash and concurrency tests (run as a script).

``python tests/writer.py DB LABEL COUNT`` logs COUNT runs, each with two pain
entries, one transaction per run, through runlog's own store. After each
commit returns it prints the run's id and note on stdout, flushed: those are
the runs that must survive whatever happens next.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runlog.domain import Pain, PainSite, Run, Side  # noqa: E402
from runlog.store import open_database  # noqa: E402
from runlog.store import queries as q  # noqa: E402


def main() -> None:
    path, label, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    factory = open_database(path)
    for index in range(count):
        note = f"{label}-{index}"
        run = Run(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=index % 300),
            distance_m=5000 + index,
            duration_s=1500 + index,
            notes=note * 20,
            pains=[
                Pain(site=PainSite.BELOW_KNEECAP, side=Side.LEFT, intensity=5, onset_m=4000),
                Pain(site=PainSite.OUTER_KNEE, side=Side.RIGHT, intensity=3, onset_s=900),
            ],
        )
        with factory.begin() as session:
            saved = q.add_run(session, run)
        print(saved.id, note, flush=True)


if __name__ == "__main__":
    main()
