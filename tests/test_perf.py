"""The benchmark (``python -m tests.perf``) keeps working: its generators
make the histories they promise, and a tiny run of each measurement prints
a report that parses. No timing is asserted: timings belong to the benchmark."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from runlog.store import open_database
from runlog.store.bulk import export_rows
from runlog.store.gear import list_shoes
from runlog.store.runs import runs_between
from tests.perf import harness, history, tui
from tests.perf.__main__ import main

#: One report line: goal, what it measures, subject, baseline, ratio, limit, result.
LINE = re.compile(
    r"^(?P<goal>\w+) +(?P<what>.+?) +(?P<subject>[\d.]+ (?:s|ms|MiB)) +(?P<baseline>[\d.]+ (?:s|ms|MiB)) +"
    r"(?P<ratio>[\d.]+)x +(?P<range>[\d.]+-[\d.]+(?:ms)?) +(?P<limit>\S+) +(?P<result>PASS|MISS) +\((?P<note>.*)\)$"
)


def run_bench(*argv: str) -> tuple[str, dict[str, re.Match]]:
    printed: list[str] = []
    assert main(["--repeats", "1", "--no-warm-up", "--years", "1", *argv], out=printed.append) == 0
    text = "".join(printed)
    found = {match["goal"]: match for match in map(LINE.match, text.splitlines()) if match}
    return text, found


def test_the_history_has_every_day_gear_and_some_pain(tmp_path):
    runs = history.build_log(tmp_path / "log.db", 1)
    factory = open_database(tmp_path / "log.db")
    try:
        with factory.read() as session:
            stored = runs_between(session)
            shoes = list_shoes(session)
    finally:
        factory.close()
    assert runs == len(stored) in (365, 366)
    assert len({run.date for run in stored}) == len(stored)
    assert stored[-1].date == history.TODAY - dt.timedelta(days=1)
    assert len(shoes) == 2 and all(usage.runs for usage in shoes)
    assert any(run.orthotic for run in stored) and any(not run.orthotic for run in stored)
    painful = [run for run in stored if run.pains]
    assert 0.03 < len(painful) / len(stored) < 0.2
    assert [pain.next_morning for run in painful[-2:] for pain in run.pains] == [None] * sum(
        len(run.pains) for run in painful[-2:]
    )


def test_a_csv_history_makes_exactly_the_rows_asked(tmp_path):
    runs = history.build_log(tmp_path / "log.db", 1, rows=1000)
    factory = open_database(tmp_path / "log.db")
    try:
        with factory.read() as session:
            rows = sum(1 for _ in export_rows(session))
    finally:
        factory.close()
    assert rows == 1000
    assert runs > 365  # several runs a day to make the rows


def test_the_bare_app_shows_one_page_of_the_run_list():
    from runlog.tui.widgets.run_list import PAGE

    assert tui.BARE_ROWS == PAGE


def test_detect_reports_a_ratio(tmp_path):
    text, found = run_bench("--only", "detect", "--json", str(tmp_path / "figures.json"))
    assert set(found) == {"detect"}, text
    assert found["detect"]["limit"] == "<=1.5x"
    assert "runs against an empty week" in found["detect"]["note"]
    (figure,) = json.loads((tmp_path / "figures.json").read_text())
    assert figure["goal"] == "detect" and len(figure["samples"]["subject"]) == 1
    assert figure["ratio"] == pytest.approx(figure["subject"] / figure["baseline"])  # one repeat: one pair


def test_export_and_import_against_the_sqlite3_shell():
    text, found = run_bench("--only", "export", "--only", "import", "--csv-rows", "300")
    if harness.sqlite_shell() is None:
        assert "SKIP" in text and "no sqlite3 shell" in text
        return
    assert set(found) == {"export", "import"}, text
    assert "300 rows each" in found["export"]["note"]
    assert "300 rows into an empty log" in found["import"]["note"]


def test_first_paint_memory_and_the_form_save():
    text, found = run_bench("--only", "tui", "--only", "save", "--saves", "1")
    assert set(found) == {"paint", "memory", "save"}, text
    assert f"TUI showed {tui.BARE_ROWS};" in found["paint"]["note"]
    assert "CPU to exit" in found["paint"]["note"]
    assert found["memory"]["subject"].endswith("MiB")
    assert found["save"]["subject"].endswith(" ms") and found["save"]["limit"] == "<50ms"


def test_the_commands_without_a_database_against_argparse():
    text, found = run_bench("--only", "cli")
    assert set(found) == {"version", "help", "dictionary"}, text
    assert all(found[goal]["limit"] == "<=1.5x" for goal in found)
    assert found["version"]["note"].startswith("printed 1 line;")
    # --help and the dictionary print many lines: the commands ran, not an error.
    assert int(found["help"]["note"].split()[1]) > 5 and int(found["dictionary"]["note"].split()[1]) > 19


def test_the_range_spans_the_paired_ratios_and_the_ratio_is_their_median():
    figure = harness.figure("paint", [1.0, 2.0, 1.0], [1.4, 2.0, 1.5])
    assert figure.ratios == pytest.approx([1.4, 1.0, 1.5])
    assert figure.ratio == pytest.approx(1.4)
    assert figure.range_text() == "1.00-1.50"
    assert not figure.passed


def test_status_on_the_history_against_argparse():
    text, found = run_bench("--only", "status")
    assert set(found) == {"status"}, text
    assert found["status"]["limit"] == "<=1.3x"
    assert found["status"]["note"].startswith("printed")
