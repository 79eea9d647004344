"""``build_log.py DB YEARS [ROWS]``: write a generated log, print how many runs.

Run as a child so that the benchmark's own process stays small (see
``harness.Bench.spawn``). ``YEARS`` 0 makes a migrated, empty log.
"""

import sys
from pathlib import Path

from tests.perf.history import build_log, empty_log

if __name__ == "__main__":
    path, years = Path(sys.argv[1]), int(sys.argv[2])
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else None
    print(build_log(path, years, rows=rows) if years else empty_log(path))
