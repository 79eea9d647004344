"""``runlog import`` of 100,000 CSV rows into an empty log against the ``sqlite3``
shell's ``.import --csv`` of the same file into a new table (goal: 8x).

Each repeat imports into a fresh copy of an empty, migrated log, and checks
afterwards that every row arrived.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
from pathlib import Path

from tests.perf.harness import Bench, Child, Figure, figure, line_count, remove_database


def measure(bench: Bench, csv_file: Path, empty_log: Path, shell: str) -> Figure:
    counter = itertools.count()
    rows = line_count(csv_file) - 1

    def runlog_import() -> Child:
        target = bench.folder / f"import-{next(counter)}.db"
        shutil.copyfile(empty_log, target)
        try:
            child = bench.spawn(bench.runlog("--db", str(target), "import", str(csv_file)))
            _expect_rows(target, "SELECT count(*) FROM runs LEFT JOIN pains ON pains.run_id = runs.id", rows)
            return child
        finally:
            remove_database(target)

    def shell_import() -> Child:
        target = bench.folder / f"shell-{next(counter)}.db"
        try:
            child = bench.spawn([shell, str(target), f".import --csv {csv_file} rows"])
            _expect_rows(target, "SELECT count(*) FROM rows", rows)
            return child
        finally:
            remove_database(target)

    base, subj = bench.pairs(shell_import, runlog_import)
    return figure("import", [c.seconds for c in base], [c.seconds for c in subj],
                  note=f"{rows} rows into an empty log", cpu=(base, subj))


def _expect_rows(database: Path, query: str, rows: int) -> None:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        found = connection.execute(query).fetchone()[0]
    finally:
        connection.close()
    if found != rows:
        raise RuntimeError(f"{database.name} holds {found} rows after importing {rows}")
