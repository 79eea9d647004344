"""Another program's file, odd paths, a full disk, awkward standard output:
each is refused or reported in one sentence that says what is actually
wrong (exit 1), and nothing is written, created or changed."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from runlog.cli import main
from runlog.domain import Run, Shoe
from runlog.store import open_database
from runlog.store.gear import add_gear
from runlog.store.models import Base
from runlog.store.runs import add_run

ROOT = Path(__file__).resolve().parent.parent


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder``: its bytes and its mode."""
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.lstat().st_mode)) for p in sorted(folder.iterdir()) if p.is_file()}


def refused(capsys, path: Path, *words: str, absent: tuple[str, ...] = ()) -> str:
    """Run ``detect`` on ``path``: exit 1, one sentence holding ``words``
    (and none of ``absent``), the folder exactly as it was."""
    folder = path.parent
    before = state(folder) if folder.is_dir() else None
    assert main(["--db", str(path), "detect"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("runlog: "), err
    for word in words:
        assert word in err, err
    for word in absent:
        assert word not in err, err
    if before is not None:
        assert state(folder) == before
    return err


def other_alembic_app(path: Path, revision: str) -> None:
    """Another program's SQLite file, managed by Alembic too; rollback
    journal, mode 0644."""
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
        f"INSERT INTO alembic_version VALUES ('{revision}');"
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);"
        "INSERT INTO invoices VALUES (1, 99.5);"
    )
    connection.commit()
    connection.close()
    os.chmod(path, 0o644)


@pytest.mark.parametrize("revision", ["0001", "0005", "a1b2c3d4"])
def test_another_alembic_apps_file_is_not_runlogs_and_stays_untouched(tmp_path, capsys, revision):
    path = tmp_path / "other.db"
    other_alembic_app(path, revision)
    refused(capsys, path, "not runlog's", absent=("newer",))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def test_a_zero_length_file_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "empty.db"
    path.touch(mode=0o644)
    refused(capsys, path, "empty file")
    assert path.stat().st_size == 0 and stat.S_IMODE(path.stat().st_mode) == 0o644


def test_another_programs_empty_sqlite_file_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "empty.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("DROP TABLE t")
    connection.commit()
    connection.close()
    assert path.stat().st_size > 0
    refused(capsys, path, "no tables")


def test_a_new_log_is_still_created_where_no_file_exists(db_path, capsys):
    assert main(["--db", str(db_path), "detect"]) == 0
    assert db_path.stat().st_size > 0


def runlog_log(db_path: Path) -> Path:
    store = open_database(db_path)
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 11, 20), distance_m=5000, duration_s=1500, notes="private"))
    store.close()
    return db_path


def change(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    for sql in statements:
        connection.execute(sql)
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def test_a_log_missing_a_table_is_one_sentence(db_path, capsys):
    change(runlog_log(db_path), "DROP TABLE pains")
    refused(capsys, db_path, "table pains is missing")


def test_an_emptied_revision_is_refused_without_a_pile_of_backups(db_path, capsys):
    change(runlog_log(db_path), "DELETE FROM alembic_version")
    for _ in range(3):
        refused(capsys, db_path, "no single schema revision")
    assert not list(db_path.parent.glob("*.bak"))


def test_a_log_with_a_trigger_added_is_refused(db_path, capsys):
    change(runlog_log(db_path), "CREATE TRIGGER spy AFTER INSERT ON runs BEGIN DELETE FROM runs; END")
    refused(capsys, db_path, "trigger")


def test_the_tables_recognised_are_the_models_tables():
    from alembic.script import ScriptDirectory

    from runlog.store.migrate import REVISIONS, SCHEMA_HEAD, alembic_config, columns_at

    assert {name: set(table.columns.keys()) for name, table in Base.metadata.tables.items()} == {
        name: set(columns) for name, columns in columns_at(SCHEMA_HEAD).items()
    }
    chain = [rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()]
    assert tuple(reversed(chain)) == REVISIONS


def test_dev_null_is_refused_and_no_journal_is_made_beside_it(capsys):
    existed = os.path.exists("/dev/null-journal")
    refused(capsys, Path("/dev/null"), "not a regular file")
    assert os.path.exists("/dev/null-journal") == existed


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "runlog", "--db", str(fifo), "detect"],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr


def test_a_dangling_symlink_gets_a_true_message(tmp_path, capsys):
    link = tmp_path / "runlog.db"
    link.symlink_to(tmp_path / "gone" / "runlog.db")
    refused(capsys, link, "symbolic link", "does not exist", absent=("File exists",))
    assert not (tmp_path / "gone").exists()


def test_a_name_too_long_is_one_sentence(tmp_path, capsys):
    refused(capsys, tmp_path / ("a" * 300 + ".db"), "longer than the file system allows")


def test_a_stale_short_shm_is_not_taken_for_damage(db_path, capsys):
    runlog_log(db_path)
    Path(f"{db_path}-shm").write_bytes(b"abc")
    assert main(["--db", str(db_path), "detect", "--since", "2026-11-01", "--until", "2026-11-30"]) == 0
    assert "(1 run)" in capsys.readouterr().out


def test_detect_until_the_first_days_there_are_is_not_a_traceback(db_path, capsys):
    assert main(["--db", str(db_path), "detect", "--until", "0001-01-05"]) == 0
    assert main(["--db", str(db_path), "detect", "--until", "0001-01-05", "--json"]) == 0
    capsys.readouterr()


def run_cli(*args: str, limit: int | None = None, **kwargs) -> subprocess.CompletedProcess:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "runlog", *args], stderr=subprocess.PIPE, text=True, cwd=ROOT,
                          timeout=120, preexec_fn=apply if limit else None, **kwargs)


def one_sentence(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_new_log_on_a_full_disk_is_one_sentence_and_leaves_nothing(tmp_path):
    db = tmp_path / "runlog.db"
    one_sentence(run_cli("--db", str(db), "detect", limit=4096), "cannot create", "disk")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_import_on_a_full_disk_is_one_sentence_and_changes_nothing(tmp_path):
    db = runlog_log(tmp_path / "runlog.db")
    csv = tmp_path / "runs.csv"
    rows = [f"{dt.date(2020, 1, 1) + dt.timedelta(days=i)},5,25,no,{'x' * 200}" for i in range(2000)]
    csv.write_text("date,distance_km,duration_min,pain,notes\n" + "\n".join(rows) + "\n")
    before = db.read_bytes()
    result = run_cli("--db", str(db), "import", str(csv), limit=db.stat().st_size + 32 * 1024)
    one_sentence(result, "nothing was changed")
    assert db.read_bytes() == before or sqlite3.connect(db).execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_standard_output_to_a_full_device_is_one_sentence(db_path):
    runlog_log(db_path)
    with open("/dev/full", "w") as full:
        result = run_cli("--db", str(db_path), "report", stdout=full)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "full" in result.stderr, result.stderr


def test_standard_output_to_a_closed_pipe_is_quiet(db_path):
    runlog_log(db_path)
    # More than a pipe holds (64 KiB), to a reader that never reads: the
    # write meets the closed pipe whatever the timing.
    pipeline = f"{sys.executable} -m runlog --db {db_path} report --weeks 1040 | true"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 1 and result.stderr == "", result.stderr


def test_an_ascii_terminal_gets_question_marks_not_a_traceback(db_path):
    store = open_database(db_path)
    with store.write() as session:
        shoe = add_gear(session, Shoe(name="Ghost ☀ 15"))
        add_run(session, Run(date=dt.date(2026, 11, 20), distance_m=5000, duration_s=1500, shoe=shoe, notes="café ☀"))
    store.close()
    for command in (["report", "--until", "2026-11-24"], ["detect", "--until", "2026-11-24"]):
        result = run_cli("--db", str(db_path), *command, env={**os.environ, "PYTHONIOENCODING": "ascii"})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07\x9b31m\x7f\r"


def test_report_and_detect_print_no_control_character_raw(db_path):
    store = open_database(db_path)
    with store.write() as session:
        add_run(session, Run(date=dt.date(2026, 11, 20), distance_m=5000, duration_s=1500, notes=f"note {ESCAPES} end"))
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE runs SET notes = ?", (f"note {ESCAPES} end",))
    connection.commit()
    connection.close()
    store.close()
    for command in (["report", "--until", "2026-11-24"], ["detect", "--until", "2026-11-24"],
                    ["detect", "--until", "2026-11-24", "--json"]):
        result = run_cli("--db", str(db_path), *command)
        assert result.returncode == 0, result.stderr
        raw = [c for c in result.stdout if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
        assert raw == [], (command, raw)
        if "--json" in command:
            json.loads(result.stdout)
    report = run_cli("--db", str(db_path), "report", "--until", "2026-11-24").stdout
    assert "pwned" in report and "\\x1b" in report, "the note is shown, its controls made visible"


@pytest.mark.parametrize("name", ["\x00Pegasus", "Peg\x1b[2Jasus", "Ghost\x9b15"])
def test_an_imported_name_with_a_control_character_is_one_sentence_not_an_integrity_error(db_path, tmp_path, name):
    runlog_log(db_path)
    csv = tmp_path / "runs.csv"
    csv.write_text(f"date,distance_km,duration_min,pain,shoe\n2026-11-10,5,25,no,{name}\n", encoding="utf-8")
    before = db_path.read_bytes()
    result = run_cli("--db", str(db_path), "import", str(csv))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "IntegrityError" not in result.stderr
    # A NUL byte is refused with the whole file (it is not text); the others by the name's cell.
    assert "control characters" in result.stderr or "NUL" in result.stderr
    assert db_path.read_bytes() == before


def test_an_imported_note_with_an_escape_is_refused_but_line_breaks_are_fine(db_path, tmp_path):
    runlog_log(db_path)
    csv = tmp_path / "runs.csv"
    csv.write_text('date,distance_km,duration_min,pain,notes\n2026-11-10,5,25,no,"two\nlines"\n', encoding="utf-8")
    assert run_cli("--db", str(db_path), "import", str(csv)).returncode == 0
    csv.write_text("date,distance_km,duration_min,pain,notes\n2026-11-11,5,25,no,a\x1b]0;pwned\x07b\n", encoding="utf-8")
    result = run_cli("--db", str(db_path), "import", str(csv))
    assert result.returncode == 1 and "control characters" in result.stderr


def test_the_forms_refuse_control_characters_in_names_and_notes():
    from runlog.domain import Units
    from runlog.tui.form_input import RunFields, read_orthotic, read_run, read_shoe

    today = dt.date(2026, 11, 24)
    shoe, errors = read_shoe("\x00Pegasus", None, "", "0", "700", Units.KM, today, set())
    assert shoe is None and "control characters" in errors["name"]
    orthotic, errors = read_orthotic("In\x1bsoles", None, "", today, set())
    assert orthotic is None and "control characters" in errors["name"]
    fields = RunFields(date="2026-11-20", distance="5", duration="25:00", notes="a\x1b]0;pwned\x07")
    run, errors = read_run(fields, Units.KM, today)
    assert run is None and "control characters" in errors["notes"]
    run, errors = read_run(RunFields(date="2026-11-20", distance="5", duration="25:00", notes="fine\there"), Units.KM, today)
    assert run is not None and errors == {}


def test_a_full_disk_during_the_upgrade_backup_is_one_sentence_and_leaves_no_half_backup(db_path):
    from .test_migrations import make_0001_log

    make_0001_log(db_path)
    before = db_path.read_bytes()
    result = run_cli("--db", str(db_path), "detect", limit=len(before) // 2)
    one_sentence(result, "cannot back up", "nothing was changed")
    assert "damaged" not in result.stderr
    assert not list(db_path.parent.glob("*.bak"))
    assert db_path.read_bytes() == before


def test_a_log_at_the_head_revision_missing_a_newer_column_is_refused_not_a_traceback(db_path, capsys):
    change(runlog_log(db_path), "ALTER TABLE settings DROP COLUMN runner_name")
    refused(capsys, db_path, "table settings has no column runner_name")
