"""``runlog report``: the Markdown weekly review, byte for byte, and its arguments.

The golden file is regenerated deliberately, never by a failing test:
``RUNLOG_REGENERATE_GOLDEN=1 python -m pytest tests/test_report.py``, then
read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from runlog.cli import Context, build_parser, main
from runlog.domain import NextMorning, Orthotic, OrthoticType, Pain, PainSite, Run, Settings, Shoe, ShoeType, Side
from runlog.domain.units import Units
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.runs import add_run
from runlog.store.settings import save_settings


@pytest.fixture
def db_path(db_target):
    """The log the commands are pointed at: every test here runs on an SQLite
    file and on a PostgreSQL database (``--db`` takes either)."""
    return db_target


@pytest.fixture
def store(db_target):
    """A fresh log on that database."""
    opened = open_database(db_target)
    yield opened
    opened.close()

GOLDEN = Path(__file__).parent / "golden" / "report.md"
TODAY = dt.date(2026, 10, 27)


def _fill(factory) -> None:
    """A knee pattern that stops once orthotics come in on 2026-10-12.

    Long runs (8-10 km) hurt from about 5 km, gone next morning; short runs
    stay below the onset point; from 2026-10-12 the long runs are pain-free.
    """
    with factory.write() as session:
        shoe = add_gear(session, Shoe(name="Pegasus 40", type=ShoeType.NEUTRAL, start_distance_m=250_000))
        insole = add_gear(session, Orthotic(name="Green | insoles", type=OrthoticType.OTC))
        days = [
            ("2026-09-28", 8000, 2700, 5200, 5, "gone"),
            ("2026-09-30", 4000, 1330, None, None, None),
            ("2026-10-03", 10000, 3420, 4900, 6, "gone"),
            ("2026-10-05", 8000, 2680, 5100, 6, "gone"),
            ("2026-10-07", 5000, 1650, None, None, None),
            ("2026-10-09", 8500, 2890, 5000, 7, "gone"),
            ("2026-10-12", 8000, 2660, None, None, None),
            ("2026-10-14", 9000, 3050, None, None, None),
            ("2026-10-17", 10000, 3390, None, None, None),
            ("2026-10-21", 8000, 2650, None, None, None),
            ("2026-10-25", 12000, 4140, None, None, None),
        ]
        for day, metres, seconds, onset, intensity, morning in days:
            date = dt.date.fromisoformat(day)
            pains = []
            if onset is not None:
                pains.append(
                    Pain(
                        site=PainSite.BELOW_KNEECAP,
                        side=Side.LEFT,
                        intensity=intensity,
                        onset_m=onset,
                        stopped_early=intensity >= 7,
                        next_morning=NextMorning(morning) if morning else None,
                    )
                )
            add_run(
                session,
                Run(
                    date=date,
                    distance_m=metres,
                    duration_s=seconds,
                    shoe=shoe,
                    orthotic=insole if date >= dt.date(2026, 10, 12) else None,
                    effort=6 if metres >= 8000 else 3,
                    notes="felt it at the *bridge*, again" if day == "2026-10-09" else "",
                    pains=pains,
                ),
            )


def _report(db_path: Path, capsys, *argv: str) -> str:
    args = build_parser().parse_args(["report", *argv])
    assert args.handler(args, Context(db_path=db_path, today=TODAY)) == 0
    return capsys.readouterr().out


def test_report_matches_the_golden_file(store, db_path, capsys):
    _fill(store)
    text = _report(db_path, capsys, "--weeks", "4", "--until", "2026-10-22")
    if os.environ.get("RUNLOG_REGENERATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_report_tells_the_story_a_podiatrist_needs(store, db_path, capsys):
    """The pattern, its evidence runs and the change that helped are all there."""
    _fill(store)
    text = _report(db_path, capsys, "--weeks", "4", "--until", "2026-10-25")
    assert "### 1. Runner's knee pattern, left knee (below kneecap): resolved" in text
    assert "since switching to the orthotic Green \\| insoles on 2026-10-12" in text
    assert "2026-09-28, 2026-10-03, 2026-10-05, 2026-10-09" in text
    assert "| **Fri 2026-10-09** | 8.5 km |" in text
    assert "does not diagnose" in text.splitlines()[-1]
    assert text.count("## Week of ") == 4
    # The before/after: 4 of 6 runs without orthotics hurt, none of 5 in them.
    assert "| Orthotic: no orthotics | 2026-09-28 to 2026-10-09 | 6 | 43.5 km | 4 (67%) | 5.0 km | 6/10 |" in text
    assert "| Orthotic: Green \\| insoles (off the shelf) | 2026-10-12 to 2026-10-25 | 5 | 47.0 km | 0 (0%) |" in text


def test_report_uses_the_runners_units_and_first_weekday(store, db_path, capsys):
    _fill(store)
    with store.write() as session:
        save_settings(session, Settings(units=Units.MI, week_start=6))
    text = _report(db_path, capsys, "--weeks", "1", "--until", "2026-10-25")
    assert "Distances in mi; weeks start on Sunday." in text
    assert "## Week of Sun 2026-10-25 to Sat 2026-10-31" in text
    assert "| Mon 2026-10-25 |" not in text and "| Sun 2026-10-25 | 7.5 mi |" in text


def test_default_is_twelve_weeks_up_to_today_as_the_html(store, db_path, capsys):
    _fill(store)
    text = _report(db_path, capsys)
    assert text.startswith("# Running review, Mon 2026-08-10 to Sun 2026-11-01\n")


def test_an_empty_log_still_reports(store, db_path, capsys):
    text = _report(db_path, capsys, "--weeks", "1")
    assert "No runs this week." in text and "No pattern found." in text


@pytest.mark.parametrize("weeks", ["0", "-3", "two", "100000"])
def test_a_bad_week_count_is_wrong_usage(tmp_path, capsys, weeks):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "r.db"), "report", "--weeks", weeks])
    assert caught.value.code == 2
    assert "--weeks" in capsys.readouterr().err
    assert not (tmp_path / "r.db").exists()


@pytest.mark.parametrize("until", ["0001-01-02", "9999-12-31"])
def test_a_date_at_the_calendars_ends_is_one_sentence(tmp_path, capsys, until):
    open_database(tmp_path / "r.db").close()
    assert main(["--db", str(tmp_path / "r.db"), "report", "--until", until]) == 1
    assert capsys.readouterr().err == (
        f"runlog: --until {until} with --weeks 12 reaches past the dates runlog can handle\n"
    )
