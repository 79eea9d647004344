"""runlog's performance benchmark, run from a checkout: ``python -m tests.perf``.

Not part of the wheel and not a test: the unit tests (``tests/test_perf.py``)
only prove that each measurement still runs, on a tiny history. Every figure
is a ratio against a baseline measured in the same invocation, repeats
interleaved, because a shared machine is noisy; the report gives the median
of the per-repeat ratios and their range.

One module per measurement:

- ``cli_start``: ``runlog --version``, ``--help`` and ``export --dictionary``
  against ``python`` importing argparse (goal: at most 1.5x each);
- ``tui``: the TUI's first paint of 20 years of daily runs, and its peak
  memory, against a bare Textual app (goals 1.3x and 1.5x);
- ``detect``: ``detect --json`` over 20 years against an empty window (1.5x);
- ``export`` and ``csv_import``: 100,000 CSV rows against the ``sqlite3``
  shell (goals 3x and 8x);
- ``save``: ctrl+s in the run form to the commit, in-process (under 50 ms).

``harness`` spawns and measures the child processes (the real files in
``programs/``), ``history`` generates the logs, ``report`` prints the table.
"""
