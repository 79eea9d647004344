"""runlog: a terminal running log that spots the runner's-knee pain pattern."""

# The one place the version is written; pyproject.toml reads it from here
# (a plain string: asking importlib.metadata costs every start ~80 ms).
__version__ = "0.1.0"
