"""``runlog import``: load runs from the CSV form that ``runlog export`` writes."""

from __future__ import annotations

import sys

from runlog.cli import path_argument
from runlog.errors import UserError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at every start
if TYPE_CHECKING:
    from pathlib import Path

#: ``runlog.formats.problems.SHOWN``, written out: importing that module here
#: would cost ``--help`` its start-up (a test keeps the two equal).
SHOWN = 50

#: Files with more rows than this get a progress bar (on a terminal).
PROGRESS_ABOVE_ROWS = 5_000


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="load runs from a CSV file (the form export writes, in km or mi)",
        description="Load runs from a CSV file in the form runlog export writes, in either unit. "
        "All or nothing: a file with any bad row changes nothing and every bad row is listed. "
        "Runs already in your log are skipped.",
    )
    parser.add_argument("file", metavar="FILE", type=path_argument, help="the CSV file to import")
    parser.add_argument("--problems", metavar="OUT", type=path_argument,
                        help="if the file is refused, write every problem (line, column, code, message) "
                        "to OUT as CSV, created readable only by you; the screen lists the first "
                        f"{SHOWN}")
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.formats.contract_csv.importer import import_csv
    from runlog.formats.problems import ImportRejected

    out = args.problems
    if out is not None and not out.parent.is_dir():
        raise UserError(f"cannot write {out}: the folder {out.parent} does not exist")
    store = context.open_store()
    bar = _ProgressBar()
    try:
        result = import_csv(store, args.file, progress=bar)
    except ImportRejected as rejected:
        bar.close()
        _report(rejected, out)
        return 1
    finally:
        bar.close()
    print(result.summary())
    return 0


def _report(rejected, out: Path | None) -> None:
    """The first problems on stderr; all of them in ``out``, if given."""
    from runlog.formats.problems import write_problems

    count = len(rejected.problems)
    lines = [problem.describe(rejected.filename) for problem in rejected.problems[:SHOWN]]
    if out is not None:
        write_problems(out, rejected.problems)
        if count > SHOWN:
            lines.append(f"... and {count - SHOWN} more")
        lines.append(f"all {count} problem{'s are' if count != 1 else ' is'} listed in {out}")
    elif count > SHOWN:
        lines.append(f"... and {count - SHOWN} more (--problems OUT writes them all to a file)")
    lines.append(str(rejected))
    for line in lines:
        print(f"runlog: {line}", file=sys.stderr)


class _ProgressBar:
    """A rich progress bar on stderr, shown only for a large file on a terminal."""

    def __init__(self):
        self._progress = None
        self._tasks: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total <= PROGRESS_ABOVE_ROWS or not sys.stderr.isatty():
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
