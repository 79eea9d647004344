"""``runlog backup FILE`` and ``runlog --db TARGET restore FILE``.

A backup is a complete copy of the log (runs, pains, gear with its
distances and retired dates, settings) as a runlog SQLite file, mode 0600,
made from an SQLite or a PostgreSQL log. Restore loads one into an empty
log, SQLite or PostgreSQL, all or nothing: together they move a log between
machines and databases.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write a complete copy of the log to a new SQLite file",
        description="Write a complete copy of the log (runs, pains, shoes, orthotics, settings) "
        "to FILE, a new runlog SQLite file readable only by you. Only reads the log.",
    )
    backup.add_argument("file", metavar="FILE", type=Path, help="the new backup file (never replaced)")
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="load a backup into an empty log (--db names it)",
        description="Load the backup FILE into the log --db names (an SQLite file or a PostgreSQL URL), "
        "which must be new or empty. All of the backup is loaded, or nothing.",
    )
    restore.add_argument("file", metavar="FILE", type=Path, help="a file written by runlog backup")
    restore.set_defaults(handler=run_restore)


def _summary(counts: dict[str, int]) -> str:
    runs, pains = counts.get("runs", 0), counts.get("pains", 0)
    shoes, orthotics = counts.get("shoes", 0), counts.get("orthotics", 0)
    from runlog.wording import plural

    return ", ".join(
        (plural(runs, "run"), plural(pains, "pain entry", "pain entries"), plural(shoes, "shoe"),
         plural(orthotics, "orthotic"))
    ) + (f", {plural(counts['changes'], 'change')}" if counts.get("changes") else "")


def run_backup(args: argparse.Namespace, context) -> int:
    from runlog.store.backup_file import write_backup

    store = context.open_existing_store()
    try:
        counts = write_backup(store.engine, args.file)
    finally:
        store.close()
    print(f"backed up {_summary(counts)} to {args.file}")
    return 0


def run_restore(args: argparse.Namespace, context) -> int:
    from runlog.store.backup_file import open_backup, restore_into

    target = context.db_path
    existed = not isinstance(target, Path) or target.exists()
    notices: list[str] = []
    with open_backup(args.file) as backup:
        store = context.open_store()
        try:
            counts = restore_into(backup, store.engine, str(target), notices)
        except BaseException:
            store.close()
            if not existed:  # restore created this file: leave nothing behind
                for suffix in ("", "-wal", "-shm"):
                    target.with_name(target.name + suffix).unlink(missing_ok=True)
            raise
        store.close()
    print(f"restored {_summary(counts)} into {target}", file=sys.stdout)
    for notice in notices:
        print(f"runlog: {notice}.", file=sys.stderr)
    return 0

