"""The command line: version, usage errors, where the database lives, refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from runlog import __version__
from runlog.cli import main
from runlog.paths import resolve_db_path
from runlog.store.migrate import head_revision

ROOT = Path(__file__).resolve().parent.parent


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"runlog {__version__}"


def test_help_lists_the_options(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "--db PATH" in out and "--demo" in out and "--version" in out


def test_wrong_usage_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--no-such-flag"])
    assert caught.value.code == 2
    assert "unrecognized arguments: --no-such-flag" in capsys.readouterr().err


def test_db_option_wins_over_environment(tmp_path):
    env = {"RUNLOG_DB": str(tmp_path / "env.db")}
    assert resolve_db_path(tmp_path / "opt.db", env) == tmp_path / "opt.db"
    assert resolve_db_path(None, env) == tmp_path / "env.db"


def test_default_db_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_db_path(None, {}) == tmp_path / "xdg" / "runlog" / "runlog.db"


def test_runlogs_own_folder_is_made_private_but_a_chosen_one_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    own = tmp_path / "xdg" / "runlog"
    own.mkdir(parents=True)
    os.chmod(own, 0o755)
    chosen = tmp_path / "shared"
    chosen.mkdir()
    os.chmod(chosen, 0o755)
    resolve_db_path(None, {})
    resolve_db_path(chosen / "runlog.db", {})
    assert (own.stat().st_mode & 0o777, chosen.stat().st_mode & 0o777) == (0o700, 0o755)


def test_a_refused_database_is_one_sentence_and_exit_1(tmp_path):
    path = tmp_path / "not-a-db.txt"
    path.write_text("hello")
    # ``detect`` or the TUI would open it; the refusal comes before either.
    result = subprocess.run(
        [sys.executable, "-m", "runlog", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"runlog: {path} is not a runlog database (it is not an SQLite file)\n"
    assert path.read_text() == "hello"


def test_the_wheel_ships_the_migrations_and_runs_from_another_folder(tmp_path):
    """``pip install .`` must give a runlog that can create its database."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert (target / "runlog" / "migrations" / "env.py").is_file()
    assert list((target / "runlog" / "migrations" / "versions").glob("0001_*.py"))
    assert list((target / "runlog" / "migrations" / "versions").glob("0002_*.py"))
    assert (target / "runlog" / "tui" / "runlog.tcss").is_file() or not (ROOT / "runlog" / "tui" / "runlog.tcss").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import sys, runlog.store.migrate as m; from pathlib import Path; "
        "from runlog.store import open_database; "
        "assert Path(m.__file__).is_relative_to(Path(sys.argv[1])), m.__file__; "
        "open_database(Path('new.db')); print(m.head_revision())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target)],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == head_revision()
    assert (elsewhere / "new.db").stat().st_size > 0


def test_every_package_folder_is_listed_for_the_wheel():
    """pyproject lists packages by hand (migrations are mapped into runlog);
    a folder missing from that list would be missing from installs."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in (ROOT / "runlog").rglob("*")
        if folder.is_dir() and (folder / "__init__.py").is_file()
    } | {"runlog"}
    found |= {"runlog.migrations", "runlog.migrations.versions"}
    assert found == listed


def test_help_is_as_wide_as_columns_says(monkeypatch, capsys):
    # runlog sizes its help without shutil, the way shutil would.
    monkeypatch.setenv("COLUMNS", "50")
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) <= 48 and any(len(line) > 40 for line in lines)


@pytest.mark.parametrize("argv", [["detect"], ["report"], ["report", "--html"], ["export"], ["backup", "b.runlog"]])
def test_commands_that_only_read_create_nothing_where_there_is_no_log(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "nowhere" / "runlog.db"
    assert main(["--db", str(missing), *argv]) == 1
    assert capsys.readouterr().err == f"runlog: there is no runlog log at {missing}\n"
    assert list(tmp_path.iterdir()) == []


def test_demo_runs_detect_and_report_on_the_demo_history(capsys):
    assert main(["--demo", "detect"]) == 0
    detected = capsys.readouterr().out
    assert "Runner's knee pattern, left knee" in detected
    assert main(["--demo", "report"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("# ") and "Kayano 30" in report


def test_demo_with_a_command_that_writes_is_refused_as_usage(capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:
        main(["--demo", "import", str(tmp_path / "runs.csv")])
    assert caught.value.code == 2
    assert "--demo works with report, detect and export" in capsys.readouterr().err
