"""One wording for findings: the same change, onset and morning read the
same in the review, both reports and ``runlog detect``; and the review and
its renderers stay pure (no database, no terminal)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from runlog.detect import Change, ChangeKind
from runlog.domain import NextMorning, Pain, PainSite, Side, Units
from runlog.wording import change_text, mornings_text, pain_onset, pain_summary, plural, time_onset

D = dt.date.fromisoformat


def test_a_change_reads_one_way_with_or_without_a_new_orthotic():
    to_insoles = Change(D("2026-10-12"), ChangeKind.ORTHOTIC, "Green insoles")
    stopped = Change(D("2026-10-12"), ChangeKind.ORTHOTIC, None)
    assert change_text(to_insoles) == "since switching to the orthotic Green insoles on 2026-10-12"
    assert change_text(stopped) == "since stopping the orthotics on 2026-10-12"
    assert change_text(stopped, lambda day: f"{day:%b} {day.day}") == "since stopping the orthotics on Oct 12"


def test_onsets_by_distance_then_time():
    by_both = Pain(PainSite.KNEECAP, Side.LEFT, 5, onset_m=5040, onset_s=1500)
    by_time = Pain(PainSite.KNEECAP, Side.LEFT, 5, onset_s=1530)
    assert pain_onset(by_both, Units.KM) == "5.0 km"
    assert pain_onset(by_both, Units.MI) == "3.1 mi"
    assert pain_onset(by_time, Units.KM) == "25.5 min"
    assert time_onset(1500) == "25 min"
    assert pain_summary(by_time, Units.KM) == "L kneecap 5/10 @25.5 min"


def test_mornings_and_plurals():
    assert mornings_text({NextMorning.GONE: 2, NextMorning.WORSE: 1}, missing=1) == "gone 2, worse 1, not recorded 1"
    assert mornings_text({}) == "not yet due"
    assert (plural(1, "run"), plural(0, "run"), plural(3, "week")) == ("1 run", "0 runs", "3 weeks")


PURE = [
    "runlog.wording",
    "runlog.review",
    "runlog.report.markdown",
    "runlog.report.html",
    "runlog.report.svg",
    "runlog.report.charts",
    "runlog.report.gear",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_load_no_database_or_terminal_library(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in ('sqlalchemy', 'textual', 'alembic') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"
