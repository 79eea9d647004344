"""``runlog import``: load runs from the CSV form that ``runlog export`` writes."""

from __future__ import annotations

import sys

from runlog.cli import path_argument

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
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog import csvfile

    factory = context.open_store()
    bar = _ProgressBar()
    try:
        result = csvfile.import_csv(factory, args.file, progress=bar)
    except csvfile.ImportRejected as rejected:
        bar.close()
        for message in rejected.messages():
            print(f"runlog: {message}", file=sys.stderr)
        print(f"runlog: {rejected}", file=sys.stderr)
        return 1
    finally:
        bar.close()
    print(result.summary())
    return 0


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
