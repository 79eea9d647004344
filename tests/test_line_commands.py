"""``runlog log``, ``runlog morning`` and ``runlog status``: the line-by-line path, in a pipe and as options.

Each test runs the command as a script would (a fresh process, standard input
from a pipe) or through ``main``, and looks at the log afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.demo import fill_demo
from runlog.domain import ActivityKind, NextMorning, PainSite, Side
from runlog.store import open_database
from runlog.store.runs import CHECKIN_DAYS, mornings_to_ask, runs_between

TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


@pytest.fixture
def log(tmp_path) -> Path:
    """A log holding the demo history up to today (two mornings waiting, a shoe past its distance)."""
    path = tmp_path / "runlog.db"
    store = open_database(path)
    with store.write() as session:
        fill_demo(session, TODAY)
    store.close()
    return path


def _runs(path: Path):
    store = open_database(path)
    try:
        with store.read() as session:
            return runs_between(session)
    finally:
        store.close()


def _waiting(path: Path) -> int:
    store = open_database(path)
    try:
        with store.read() as session:
            return len(mornings_to_ask(session, TODAY))
    finally:
        store.close()


def _runlog(path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run([sys.executable, "-m", "runlog", "--db", str(path), *args], input=stdin,
                          capture_output=True, text=True, timeout=120, env=env)


def test_log_with_options_saves_the_run_and_its_pain_as_the_form_would(log):
    before = len(_runs(log))
    done = _runlog(log, "log", "--date", "yesterday", "--distance", "10k", "--time", "55:00",
                   "--pain", "left below_kneecap @5km 6/10", "--pain", "r 8 @25min 3/10 stopped", "--effort", "6",
                   "--kind", "trail_run", "--shoe", "pegasus 38", "--orthotic", "none", "--notes", "hilly")
    assert done.returncode == 0, done.stderr
    runs = _runs(log)
    assert len(runs) == before + 1
    [run] = [r for r in runs if r.notes == "hilly"]
    assert (run.date, run.distance_m, run.duration_s, run.effort, run.kind) == (YESTERDAY, 10_000, 3300, 6, ActivityKind.TRAIL_RUN)
    assert run.shoe.name == "Pegasus 38" and run.orthotic is None
    first, second = sorted(run.pains, key=lambda p: p.side.value)
    assert (first.side, first.site, first.onset_m, first.intensity, first.stopped_early) == (Side.LEFT, PainSite.BELOW_KNEECAP, 5000, 6, False)
    assert (second.side, second.site, second.onset_s, second.intensity, second.stopped_early) == (Side.RIGHT, PainSite.CALF, 1500, 3, True)
    assert done.stdout.startswith(f"Saved: {YESTERDAY:%a %Y-%m-%d} · 10.00 km in 55:00 · Pegasus 38 (trail run) · pain: ")


def test_log_defaults_are_the_forms_today_and_the_last_shoe_and_orthotic_used(log):
    last = _runs(log)[-1]
    assert _runlog(log, "log", "--distance", "5", "--time", "30").returncode == 0
    new = _runs(log)[-1]
    assert (new.date, new.shoe, new.orthotic, new.kind, new.pains) == (TODAY, last.shoe, last.orthotic, ActivityKind.RUN, [])


@pytest.mark.parametrize(("args", "says"), [
    (["--date", "tomorrow"], "runlog: --date: 'tomorrow' is not a date; nothing was saved\n"),
    (["--distance", "ten"], "runlog: --distance: distance must be a positive number; nothing was saved\n"),
    (["--time", "1:75"], "runlog: --time: duration has more than 59 in a minutes or seconds place; nothing was saved\n"),
    (["--effort", "12"], "runlog: --effort: effort is 1 to 10; nothing was saved\n"),
    (["--start", "25:00"], "runlog: --start: "),
    (["--shoe", "Nike"], "runlog: --shoe: there is no shoe called 'Nike'; yours: Kayano 30, Pegasus 38; nothing was saved\n"),
    (["--pain", "left knee @5km 6/10"], "runlog: --pain \"left knee @5km 6/10\": 'knee' is not a site; give a number 1-13"),
    (["--pain", "left 1 @15km 6/10"], "runlog: --pain \"left 1 @15km 6/10\": onset 15 km is past the run's 10 km; nothing was saved\n"),
    (["--pain", "left 1 6/10"], "runlog: --pain \"left 1 6/10\": it needs where the pain began, such as @5km or @25min; nothing"),
    (["--pain", "below_kneecap @5km"], "runlog: --pain \"below_kneecap @5km\": it needs a side (left or right) and an intensity such as 6/10;"),
    (["--pain", "left 1 @5km 11/10"], "runlog: --pain \"left 1 @5km 11/10\": intensity is 0 to 10; nothing was saved\n"),
])
def test_every_mistake_in_an_option_is_one_sentence_naming_it_exit_2_and_nothing_saved(log, args, says):
    options = {"--distance": "10", "--time": "55:00"}
    for name, value in zip(args[::2], args[1::2], strict=True):
        options[name] = value
    before = _runs(log)
    done = _runlog(log, "log", *[part for pair in options.items() for part in pair])
    assert done.returncode == 2
    assert done.stderr.startswith(says) and done.stderr.count("\n") == 1, done.stderr
    assert _runs(log) == before


def test_log_needs_both_distance_and_time_as_options(log):
    done = _runlog(log, "log", "--distance", "10")
    assert (done.returncode, done.stderr) == (2, "runlog: --time is needed too (how long it took, such as 55:00); nothing was saved\n")
    # Any option means no questions: --date alone is not quietly dropped for them.
    done = _runlog(log, "log", "--date", "yesterday", stdin="")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("runlog: --distance is needed too")


def test_log_from_a_pipe_asks_each_question_on_its_own_line_and_says_a_wrong_answer_again(log):
    answers = ["yesterday", "", "far", "12.5", "1:05:00", "walk", "Kayano 30", "", "4",
               "y", "left", "kneecap", "25:00", "5", "y", "n", "tired legs"]
    done = _runlog(log, "log", stdin="\n".join(answers) + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "Distance in km (8.5, 10k, 6mi): far" in lines
    assert lines[lines.index("Distance in km (8.5, 10k, 6mi): far") + 1] == "Distance must be a positive number."
    assert "Pain 1: where (a number or a name): kneecap" in lines
    [run] = [r for r in _runs(log) if r.notes == "tired legs"]
    assert (run.date, run.distance_m, run.duration_s, run.kind, run.effort) == (YESTERDAY, 12_500, 3900, ActivityKind.WALK, 4)
    [pain] = run.pains
    assert (pain.side, pain.site, pain.onset_s, pain.onset_m, pain.intensity, pain.stopped_early) == (
        Side.LEFT, PainSite.KNEECAP, 1500, None, 5, True)
    assert all("\x1b" not in line for line in lines), "nothing but text"


def test_log_from_a_pipe_that_ends_early_saves_nothing(log):
    before = _runs(log)
    done = _runlog(log, "log", stdin="yesterday\n\n10\n")
    assert done.returncode == 1 and done.stdout.endswith("Nothing was saved.\n")
    assert _runs(log) == before


def test_morning_asks_each_waiting_pain_and_saves_each_answer(log):
    waiting = _waiting(log)
    assert waiting >= 2
    done = _runlog(log, "morning", stdin="x\ng\n\n")
    assert done.returncode == 0, done.stderr
    assert "Answer g, b, s or w, or Enter to skip." in done.stdout.splitlines()
    assert done.stdout.endswith(f"Recorded 1 of {waiting}.\n")
    assert _waiting(log) == waiting - 1


def test_morning_all_gone_records_every_waiting_pain_and_then_there_is_nothing_to_check_in(log):
    store = open_database(log)
    with store.read() as session:
        ids = [pain.id for _run, pain in mornings_to_ask(session, TODAY)]
    store.close()
    done = _runlog(log, "morning", "--all", "gone")
    assert (done.returncode, done.stdout) == (0, f"Recorded {len(ids)} pain entries as gone the next morning.\n")
    assert {p.id: p.next_morning for r in _runs(log) for p in r.pains if p.id in ids} == dict.fromkeys(ids, NextMorning.GONE)
    assert _runlog(log, "morning").stdout == "Nothing to check in.\n"


def test_status_is_one_line_of_what_is_due_and_nothing_when_all_is_done(log):
    done = _runlog(log, "status")
    waiting = _waiting(log)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{waiting} mornings to check in · Pegasus 38 past 700 km\n", "")
    _runlog(log, "morning", "--all", "better")
    assert _runlog(log, "status").stdout == "Pegasus 38 past 700 km\n"
    store = open_database(log)
    from runlog.store.gear import list_shoes, retire_gear

    with store.write() as session:
        pegasus = next(u.shoe for u in list_shoes(session) if u.shoe.name == "Pegasus 38")
        retire_gear(session, type(pegasus), pegasus.id, TODAY)
    store.close()
    done = _runlog(log, "status")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_status_without_a_log_prints_nothing_and_creates_nothing(tmp_path):
    done = _runlog(tmp_path / "none.db", "status")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not list(tmp_path.iterdir())


def test_status_of_a_file_that_is_not_a_log_is_one_sentence(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    done = _runlog(path, "status")
    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"runlog: {path} is not a runlog database\n")
    assert path.read_text() == "hello"


def test_status_reads_with_the_standard_library_only(log):
    code = ("import sys, runpy\n"
            f"sys.argv = ['runlog', '--db', {str(log)!r}, 'status']\n"
            "try:\n    runpy.run_module('runlog', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'textual', 'alembic', 'rich') "
            "or m.startswith(('runlog.store', 'runlog.domain')))\n"
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr


def test_the_written_out_vocabularies_match_the_domain():
    from runlog.commands import log as log_command
    from runlog.commands import morning, status

    assert log_command.KINDS == tuple(kind.value for kind in ActivityKind)
    assert morning.ANSWERS == tuple(answer.value for answer in NextMorning)
    assert status.CHECKIN_DAYS == CHECKIN_DAYS


def test_log_help_documents_the_pain_grammar(capsys):
    with pytest.raises(SystemExit):
        main(["log", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert 'SIDE SITE @ONSET N/10 [stopped]' in text and '--pain "left below_kneecap @5km 6/10"' in text


@pytest.mark.parametrize(("day", "iso"), [((2026, 3, 1 - 7), "2026-02-22"), ((2027, 1, 3 - 7), "2026-12-27"),
                                          ((2026, 3, 29 - 7), "2026-03-22"), ((2024, 3, 6 - 7), "2024-02-28")])
def test_status_counts_its_week_back_across_months_years_and_clock_changes(day, iso):
    from runlog.commands.status import _day

    assert _day(*day) == iso


@pytest.mark.postgres
def test_status_and_morning_work_on_a_log_on_postgresql(pg_url):
    store = open_database(pg_url)
    with store.write() as session:
        fill_demo(session, TODAY)
        waiting = len(mornings_to_ask(session, TODAY))
    store.close()
    done = subprocess.run([sys.executable, "-m", "runlog", "--db", pg_url, "status"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{waiting} mornings to check in · Pegasus 38 past 700 km\n", "")
    done = subprocess.run([sys.executable, "-m", "runlog", "--db", pg_url, "morning", "--all", "gone"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "runlog", "--db", pg_url, "status"], capture_output=True, text=True, timeout=120)
    assert done.stdout == "Pegasus 38 past 700 km\n"


def test_status_speaks_in_the_logs_unit(log):
    from runlog.domain import Settings, Units
    from runlog.store.settings import save_settings

    store = open_database(log)
    with store.write() as session:
        save_settings(session, Settings(units=Units.MI))
    store.close()
    assert _runlog(log, "status").stdout.endswith("· Pegasus 38 past 435 mi\n")


def test_log_into_a_new_log_asks_no_gear_question_and_creates_the_log(tmp_path):
    path = tmp_path / "new" / "runlog.db"
    done = _runlog(path, "log", stdin="\n\n5\n30\n\n\nn\n\n")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Shoe" not in done.stdout and "Orthotic" not in done.stdout
    [run] = _runs(path)
    assert (run.date, run.distance_m, run.duration_s, run.shoe, run.orthotic) == (TODAY, 5000, 1800, None, None)
    assert path.stat().st_mode & 0o777 == 0o600


def test_log_says_the_pace_and_the_forms_warnings_and_still_saves(log):
    done = _runlog(log, "log", stdin="\n\n10\n55\n\n\n\n\nn\n\n")
    assert "Time it took (45, 45:30, 1:02:03): 55\nPace 5:30 /km.\n" in done.stdout
    done = _runlog(log, "log", "--distance", "10", "--time", "20", "--notes", "fast one")
    assert done.returncode == 0
    assert done.stdout.startswith("Check: Pace 2:00 /km: faster than 2:30 /km, check the distance and time.\nSaved: ")
    assert [r.duration_s for r in _runs(log) if r.notes == "fast one"] == [1200]
