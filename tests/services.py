"""pytest hooks that keep CI honest about the PostgreSQL and browser tests.

A test that needs the PostgreSQL server is marked ``postgres`` (any test
using the ``pg_url`` or ``new_pg_url`` fixture gets the mark); one that drives Chromium is
marked ``chromium``. Where those are missing the tests skip with the reason.
With ``RUNLOG_REQUIRE_SERVICES=1`` (``.ci/run`` sets it) such a skip is
turned into a failure that gives the reason: CI must never pass while it
quietly left them out.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_SERVICES = "RUNLOG_REQUIRE_SERVICES"
SERVICE_MARKERS = ("postgres", "chromium")


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if {"pg_url", "new_pg_url"} & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("postgres") is None:
            item.add_marker(pytest.mark.postgres)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and os.environ.get(REQUIRE_SERVICES) == "1" and not hasattr(report, "wasxfail"):
        needed = [name for name in SERVICE_MARKERS if item.get_closest_marker(name) is not None]
        if needed:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            reason = reason.removeprefix("Skipped: ")
            report.outcome = "failed"
            report.longrepr = f"{REQUIRE_SERVICES}=1 but this {' and '.join(needed)} test was skipped: {reason}"
    return report
