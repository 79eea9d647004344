"""runlog: a terminal running log that spots the runner's-knee pain pattern."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("runlog")
except PackageNotFoundError:  # running from a source checkout that was never installed
    __version__ = "0.1.0"
