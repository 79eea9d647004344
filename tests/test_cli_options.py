"""Options before or after the command: ``runlog detect --db X`` is
``runlog --db X detect``; ``export`` follows the log's unit setting."""

from __future__ import annotations

import io
import shutil

import pytest

from runlog.cli import main
from runlog.domain import Settings, Units
from runlog.formats.contract_csv.exporter import write_csv
from runlog.store.settings import save_settings

from .test_csv_export import seed_history

#: Each command with arguments that read the seeded history.
COMMANDS = {
    "detect": ["--since", "2026-08-01", "--until", "2026-09-30"],
    "report": ["--until", "2026-09-30"],
    "export": [],
    "import": None,  # the file is made in the test
}


@pytest.fixture
def two_logs(store, db_path, tmp_path, monkeypatch):
    """The same history in two log files, and $RUNLOG_DB pointing at a third
    that must never be touched."""
    with store.write() as session:
        seed_history(session)
    store.close()
    other = tmp_path / "copy.db"
    shutil.copy(db_path, other)
    elsewhere = tmp_path / "elsewhere" / "runlog.db"
    monkeypatch.setenv("RUNLOG_DB", str(elsewhere))
    return db_path, other, elsewhere


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_db_after_the_command_works_as_before_it(command, two_logs, tmp_path, capsys):
    first, second, elsewhere = two_logs
    arguments = COMMANDS[command]
    if arguments is None:
        source = tmp_path / "runs.csv"
        assert main(["--db", str(first), "export", "-o", str(source)]) == 0
        capsys.readouterr()
        (tmp_path / "empty1").mkdir()
        (tmp_path / "empty2").mkdir()
        first, second = tmp_path / "empty1" / "a.db", tmp_path / "empty2" / "b.db"
        arguments = [str(source)]
    assert main(["--db", str(first), command, *arguments]) == 0
    before = capsys.readouterr()
    assert main([command, *arguments, "--db", str(second)]) == 0
    after = capsys.readouterr()
    assert after.out.replace(str(second), "LOG") == before.out.replace(str(first), "LOG")
    assert after.err == before.err
    assert not elsewhere.exists(), "--db after the command was ignored"


def test_db_after_the_command_wins_over_one_before(two_logs, tmp_path, capsys):
    first, _second, elsewhere = two_logs
    empty = tmp_path / "empty.db"
    assert main(["--db", str(empty), "export", "--db", str(first)]) == 0
    assert "Kayano 30" in capsys.readouterr().out


def test_export_follows_the_logs_unit_setting(store, db_path, capsysbinary):
    with store.write() as session:
        seed_history(session)
        save_settings(session, Settings(units=Units.MI))
    expected = io.StringIO(newline="")
    write_csv(store, expected, Units.MI, None, None, visible_controls=True)
    store.close()
    assert main(["--db", str(db_path), "export"]) == 0
    assert capsysbinary.readouterr().out.decode() == expected.getvalue()
    assert main(["--db", str(db_path), "export", "--units", "km"]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("run_id,date,start_time,distance_km,")
