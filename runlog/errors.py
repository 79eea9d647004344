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
