"""Errors meant for the runner's eyes.

A ``UserError`` carries one clear sentence that names the file, line or field
at fault. It never carries stored health data (notes, pain entries), because
error messages may end up in bug reports.
"""


class UserError(Exception):
    """The command could not do its job because of its input; exit status 1."""


class DatabaseRefused(UserError):
    """The database file is not one runlog can safely open; it was left untouched."""


class DamagedLog(UserError):
    """A stored value is not one runlog writes (the file was changed outside
    runlog, or damaged). The message names the table, column and row, never
    the value: it may be health data, or crafted to mislead."""

    def __init__(self, table: str, column: str | None = None, row_id: object = None) -> None:
        where = f"{table}.{column}" if column else f"the {table} table"
        row = f" of row {row_id}" if isinstance(row_id, int) else ""
        super().__init__(
            f"the log is damaged: {where}{row} holds a value runlog never writes "
            "(changed outside runlog?); nothing was written"
        )
        self.table = table
        self.column = column
        self.row_id = row_id


def store_failure(error: BaseException) -> str | None:
    """Why the disk, SQLite or the PostgreSQL server refused a write, in a
    runner's words, judged by the error's type and code (never its text,
    which could quote stored data); ``None`` if it is not such a failure."""
    import errno
    import sqlite3

    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        code &= 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL or (isinstance(original, OSError) and original.errno == errno.ENOSPC):
        return "the disk is full; nothing was changed"
    if isinstance(original, OSError) and original.errno == errno.EFBIG:
        return "the file grew past the size this system allows; nothing was changed"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return "the log is busy: another runlog is writing to it; try again in a moment"
    if code == sqlite3.SQLITE_READONLY or isinstance(original, PermissionError):
        return "the log cannot be written (read-only file or folder)"
    if code == sqlite3.SQLITE_IOERR:
        return "the disk refused the write (is it full?); nothing was changed"
    server = server_failure(error)
    return f"{server}; nothing more was changed" if server else None


def server_failure(error: BaseException) -> str | None:
    """What stops every further write to a PostgreSQL log, judged by the
    SQLSTATE code: a full disk, a server that went away, a login that may
    only read. ``None`` for anything else (one row's conflict, say)."""
    original = getattr(error, "orig", None) or error
    state = getattr(original, "sqlstate", None) or ""
    if state == "53100":
        return "the PostgreSQL server's disk is full"
    if state == "42501":
        return "this PostgreSQL login may read the log but not change it"
    if state == "25006":
        return "the PostgreSQL server accepts no writes (it is read-only)"
    if state.startswith(("08", "57P")) or getattr(error, "connection_invalidated", False):
        return "the PostgreSQL server went away (stopped, restarted or unreachable)"
    if not state and type(original).__name__ == "OperationalError" and type(original).__module__.startswith("psycopg"):
        return "the PostgreSQL server went away (stopped, restarted or unreachable)"
    return None


def stops_every_write(error: BaseException) -> str | None:
    """The reason, without its ending, when ``error`` will fail every write
    after it too (a full disk, a read-only log, a server gone): an import
    stops there and says so once, instead of once per remaining file."""
    reason = server_failure(error)
    if reason is not None:
        return reason
    reason = store_failure(error)
    if reason is None or reason.startswith("the log is busy"):
        return None
    return reason.split(";")[0].removesuffix(" (is it full?)")
