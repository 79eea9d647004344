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
    """Why the disk or SQLite refused a write, in a runner's words, judged by
    the error's type and code (never its text, which could quote stored
    data); ``None`` if it is not such a failure."""
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
    return None
