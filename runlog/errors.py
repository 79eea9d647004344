"""Errors meant for the runner's eyes.

A ``UserError`` carries one clear sentence that names the file, line or field
at fault. It never carries stored health data (notes, pain entries), because
error messages may end up in bug reports.
"""


class UserError(Exception):
    """The command could not do its job because of its input; exit status 1."""


class DatabaseRefused(UserError):
    """The database file is not one runlog can safely open; it was left untouched."""
