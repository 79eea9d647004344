"""``runlog import``: load runs from the CSV form that ``runlog export`` writes, and activity files."""

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
        help="load runs from runlog's CSV or from activity files and folders (FIT, GPX, TCX, Strava, Garmin)",
        description="Load runs from a CSV file in the form runlog export writes, in either unit, or from "
        "activity files: .fit, .gpx, .tcx (optionally .gz), a Strava bulk export (its .zip, its folder or "
        "its activities.csv), a Garmin Connect activities CSV, and folders of these. "
        "Each file is all or nothing: a runlog CSV with any bad row changes nothing and every bad row is listed; "
        "a refused activity file is named and does not stop the others. "
        "Runs already in your log are skipped; a watch's run that matches one you logged by hand is merged into it.",
    )
    parser.add_argument("paths", metavar="PATH", type=path_argument, nargs="+", help="files and folders to import")
    # The unit names written out: importing the domain here would cost every start.
    parser.add_argument("--units", choices=["km", "mi"], help="unit of a Garmin Connect CSV (default: your log's unit)")
    parser.add_argument("--problems", metavar="OUT", type=path_argument,
                        help="if the file is refused, write every problem (line, column, code, message) "
                        "to OUT as CSV, created readable only by you; the screen lists the first "
                        f"{SHOWN}")
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.commands.activity_import import import_activity_paths
    from runlog.domain.units import Units

    out = args.problems
    if out is not None and not out.parent.is_dir():
        raise UserError(f"cannot write {out}: the folder {out.parent} does not exist")
    store = context.open_store()
    contract_csvs = [path for path in args.paths if _is_contract_csv(path)]
    others = [path for path in args.paths if path not in contract_csvs]
    status = 0
    if others:
        summary = import_activity_paths(store, others, Units(args.units) if args.units else None)
        contract_csvs.extend(summary.runlog_csvs)
        # Each refusal is said once, on standard error; the summary only counts them.
        for line in summary.lines(details=False):
            print(line)
        for refusal in summary.refused:
            print(f"runlog: {refusal.message}", file=sys.stderr)
        if summary.stopped:
            raise UserError(summary.stopped)
        status = 1 if summary.refused else 0
    for path in contract_csvs:
        status = max(status, _import_contract_csv(store, path, out))
    return status


def _is_contract_csv(path: Path) -> bool:
    """A CSV named on its own that is not a Strava or Garmin export: runlog's own form, whose importer
    explains any problem with it line by line."""
    from runlog.formats.activity_files import FileKind, sniff

    return path.suffix.lower() == ".csv" and not path.is_dir() and sniff(path) in (FileKind.RUNLOG_CSV, FileKind.UNKNOWN)


def _import_contract_csv(store, path: Path, out: Path | None) -> int:
    from runlog.formats.contract_csv.importer import import_csv
    from runlog.formats.problems import ImportRejected

    bar = _ProgressBar()
    try:
        result = import_csv(store, path, progress=bar)
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
