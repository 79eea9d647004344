"""The pattern detector: pure functions over domain runs, no database, no terminal.

``detect(runs, since, until)`` applies DOMAIN.md's rules to the runs of a
window and returns a ``Report`` of findings and "why not" notes;
``Report.to_json()`` is the ``detect --json`` contract and ``format_text``
its readable form.
"""

from runlog.detect.advice import DISCLAIMER, SUGGESTION_TEXT, suggestions_for
from runlog.detect.detector import default_window, detect
from runlog.detect.findings import (
    Change,
    ChangeKind,
    Finding,
    OnsetBasis,
    Pattern,
    Report,
    Severity,
    Status,
    Suggestion,
)
from runlog.detect.rules import (
    DEFAULT_WINDOW_WEEKS,
    MIN_EPISODES,
    MIN_MORNINGS,
    MIN_ONSET_KM,
    MIN_ONSET_MIN,
    RESOLVED_AFTER_RUNS,
    SAME_POINT_TOLERANCE,
    SIGNIFICANT_INTENSITY,
    STOPPED_SHARE,
    TWO_THIRDS,
)
from runlog.detect.text import format_text

__all__ = [
    "DEFAULT_WINDOW_WEEKS",
    "DISCLAIMER",
    "MIN_EPISODES",
    "MIN_MORNINGS",
    "MIN_ONSET_KM",
    "MIN_ONSET_MIN",
    "RESOLVED_AFTER_RUNS",
    "SAME_POINT_TOLERANCE",
    "SIGNIFICANT_INTENSITY",
    "STOPPED_SHARE",
    "SUGGESTION_TEXT",
    "TWO_THIRDS",
    "Change",
    "ChangeKind",
    "Finding",
    "OnsetBasis",
    "Pattern",
    "Report",
    "Severity",
    "Status",
    "Suggestion",
    "default_window",
    "detect",
    "format_text",
    "suggestions_for",
]
