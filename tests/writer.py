"""A runlog writer for the crash and concurrency tests (run as a script).

``python tests/writer.py DB LABEL COUNT`` logs COUNT runs, each with two pain
entries, one transaction per run, through runlog's own store. After each
commit returns it prints the run's id and note on stdout, flushed: those are
the runs that must survive whatever happens next.

``python tests/writer.py --serve DB`` imports runlog once and then, for each
line ``LABEL COUNT OUTFILE`` on stdin, forks a writer that reports to OUTFILE
instead, and prints the writer's pid. The crash test kills those writers:
forking spares each one Python's start-up, so many kills fit in seconds.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runlog.domain import Pain, PainSite, Run, Side  # noqa: E402
from runlog.store import open_database  # noqa: E402
from runlog.store.runs import add_run  # noqa: E402


def write_runs(path: Path, label: str, count: int, report_fd: int) -> None:
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
        with factory.write() as session:
            saved = add_run(session, run)
        # One write() per line: whatever the kill interrupts, a line is whole or absent.
        os.write(report_fd, f"{saved.id} {note}\n".encode())


def serve(path: Path) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed writers are reaped by the kernel
    for line in sys.stdin:
        label, count, outfile = line.split()
        pid = os.fork()
        if pid == 0:
            fd = os.open(outfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            write_runs(path, label, int(count), fd)
            os._exit(0)
        print(pid, flush=True)


def main() -> None:
    if sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]))
    else:
        write_runs(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.stdout.fileno())


if __name__ == "__main__":
    main()
