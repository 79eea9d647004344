"""``runlog log`` and ``runlog morning`` in a real terminal, typed as a person types (pexpect)."""

from __future__ import annotations

import datetime as dt
import os
import sys

import pytest

from runlog.domain import PainSite, Side
from runlog.store import open_database
from runlog.store.runs import runs_between

from .test_line_commands import TODAY, _waiting, log  # noqa: F401  (the fixture)

pexpect = pytest.importorskip("pexpect")


def _spawn(path, *args: str):
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80"}
    return pexpect.spawn(sys.executable, ["-m", "runlog", "--db", str(path), *args], env=env,
                         encoding="utf-8", timeout=60, dimensions=(24, 80))


def _answer(child, question: str, answer: str) -> None:
    child.expect_exact(question)
    child.sendline(answer)


def test_a_runner_logs_a_run_line_by_line_in_a_terminal(log):  # noqa: F811
    child = _spawn(log, "log")
    _answer(child, "Date (today, yesterday, mon, 2026-11-20) [today]: ", "yesterday")
    _answer(child, "Start time, optional (7:15, 715, 7:15am, 19:05): ", "7:15am")
    _answer(child, "Distance in km (8.5, 10k, 6mi): ", "10,5")
    _answer(child, "Time it took (45, 45:30, 1:02:03): ", "55")
    _answer(child, "Kind (run, trail_run, treadmill, walk, hike) [run]: ", "")
    _answer(child, "Shoe (Kayano 30, Pegasus 38, or none) [Kayano 30]: ", "Nike")
    child.expect_exact("There is no shoe called 'Nike'; yours: Kayano 30, Pegasus 38.")
    _answer(child, "Shoe (Kayano 30, Pegasus 38, or none) [Kayano 30]: ", "pegasus 38")
    _answer(child, "Orthotic (Custom orthotics, or none) [Custom orthotics]: ", "none")
    _answer(child, "Effort 1-10, optional: ", "11")
    child.expect_exact("Effort is 1 to 10.")
    _answer(child, "Effort 1-10, optional: ", "7")
    _answer(child, "Any pain? (y or n) [n]: ", "y")
    _answer(child, "Pain 1: which leg (left or right): ", "right")
    child.expect_exact("Sites: 1 below_kneecap, 2 inner_knee,")
    _answer(child, "Pain 1: where (a number or a name): ", "4")
    _answer(child, "Pain 1: where it began, km or minutes into the run (5, 5km, 25min, 25:00): ", "12")
    child.expect_exact("Onset 12 km is past the run's 10.5 km.")
    _answer(child, "Pain 1: where it began, km or minutes into the run (5, 5km, 25min, 25:00): ", "6.5")
    _answer(child, "Pain 1: how bad, 0-10: ", "4")
    _answer(child, "Pain 1: did it make you stop? (y or n) [n]: ", "")
    _answer(child, "Another pain? (y or n) [n]: ", "")
    _answer(child, "Notes, optional: ", "windy")
    child.expect_exact("Saved: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    store = open_database(log)
    with store.read() as session:
        [run] = [r for r in runs_between(session) if r.notes == "windy"]
    store.close()
    assert (run.date, run.start_time, run.distance_m, run.duration_s, run.effort, run.shoe.name, run.orthotic) == (
        TODAY - dt.timedelta(days=1), dt.time(7, 15), 10_500, 3300, 7, "Pegasus 38", None)
    [pain] = run.pains
    assert (pain.side, pain.site, pain.onset_m, pain.intensity, pain.stopped_early) == (Side.RIGHT, PainSite.OUTER_KNEE, 6500, 4, False)


def test_ctrl_d_stops_the_questions_and_saves_nothing(log):  # noqa: F811
    store = open_database(log)
    with store.read() as session:
        before = len(runs_between(session))
    child = _spawn(log, "log")
    _answer(child, "Date (today, yesterday, mon, 2026-11-20) [today]: ", "")
    child.expect_exact("Start time")
    child.sendeof()
    child.expect_exact("Nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    with store.read() as session:
        assert len(runs_between(session)) == before
    store.close()


def test_a_runner_answers_the_morning_questions_in_a_terminal(log):  # noqa: F811
    waiting = _waiting(log)
    child = _spawn(log, "morning")
    child.expect_exact("to check in. Answer g gone, b better, s same, w worse, or Enter to skip.")
    _answer(child, "Next morning: ", "b")
    for _ in range(waiting - 1):
        _answer(child, "Next morning: ", "")
    child.expect_exact(f"Recorded 1 of {waiting}.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert _waiting(log) == waiting - 1
