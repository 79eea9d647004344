"""The test infrastructure itself: a missing PostgreSQL is a skip with a reason,
and under ``RUNLOG_REQUIRE_SERVICES=1`` that skip fails the run."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import pg

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ["pytester"]

INNER_CONFTEST = """
import pytest
from tests.services import pytest_collection_modifyitems, pytest_runtest_makereport

@pytest.fixture
def pg_url():
    pytest.skip("PostgreSQL unavailable: initdb is not installed")
"""

INNER_TESTS = """
import pytest

def test_on_the_server(pg_url):
    pass

@pytest.mark.chromium
def test_in_the_browser():
    pytest.skip("Chromium is not installed")

def test_plain():
    pytest.skip("nothing to do with services")
"""


@pytest.fixture
def inner(pytester, monkeypatch):
    # A separate pytest process (the snapshot plugin keeps session state an
    # in-process run would disturb) that can import this suite's hooks.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeini("[pytest]\nmarkers =\n    postgres: x\n    chromium: x\n")
    pytester.makeconftest(INNER_CONFTEST)
    pytester.makepyfile(test_inner=INNER_TESTS)
    return pytester


def test_service_tests_skip_with_their_reason_by_default(inner, monkeypatch):
    monkeypatch.delenv("RUNLOG_REQUIRE_SERVICES", raising=False)
    result = inner.runpytest_subprocess("-rs", "-p", "no:textual-snapshot", "-p", "no:cacheprovider")
    result.assert_outcomes(skipped=3)
    result.stdout.fnmatch_lines(["*initdb is not installed*", "*Chromium is not installed*"])


def test_under_require_services_a_skipped_service_test_fails_with_the_reason(inner, monkeypatch):
    monkeypatch.setenv("RUNLOG_REQUIRE_SERVICES", "1")
    result = inner.runpytest_subprocess("-rs", "-p", "no:textual-snapshot", "-p", "no:cacheprovider")
    # A skip in a fixture (the server) fails the setup: an error; one in the test body: a failure.
    result.assert_outcomes(errors=1, failed=1, skipped=1)
    result.stdout.fnmatch_lines([
        "*this postgres test was skipped: PostgreSQL unavailable: initdb is not installed*",
        "*this chromium test was skipped: Chromium is not installed*",
    ])
    assert result.ret == 1


def test_without_initdb_the_server_is_unavailable_with_a_reason(monkeypatch):
    monkeypatch.setattr(pg, "find_binary", lambda name: None)
    with pytest.raises(pg.ServerUnavailable, match="initdb and pg_ctl are not installed"):
        pg.start_server()
