"""``runlog man``: print runlog's manual page (roff), written from the parser.

An installed wheel also puts the page where ``man runlog`` finds it
(``share/man/man1/runlog.1``); this command is for installs where it cannot.
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "man",
        help="print the manual page (read it with: runlog man | man -l -)",
        description="Print runlog's manual page in roff, the form man reads: runlog man | man -l -",
    )
    parser.set_defaults(handler=run)


def run(args, context) -> int:
    from runlog.cli import build_parser
    from runlog.manpage import manpage

    sys.stdout.write(manpage(build_parser()))
    return 0
