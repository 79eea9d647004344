"""Every ``-o`` writes into a device or a named pipe as it is, and refuses a
socket, a block device or a folder: no output ever replaces a special file."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from runlog.cli import main

BAD_CSV = "run_id,date,distance_km,duration_min\n1,2026-13-45,5,30\n"

#: Each command that takes an output file: its arguments, and what it writes there.
COMMANDS = {
    "report": (["report", "-o"], "# "),
    "report --html": (["report", "--html", "-o"], "<!DOCTYPE html>"),
    "export": (["export", "-o"], "run_id,date,"),
    "export --dictionary": (["export", "--dictionary", "-o"], "column"),
    "import --problems": (["import", "{csv}", "--problems"], "line,column,code,message"),
}
#: A refused CSV makes ``import --problems`` exit 1 even when the problems were written.
EXIT = {"import --problems": 1}


def _argv(name: str, db: Path, target: Path, csv: Path) -> list[str]:
    args, _ = COMMANDS[name]
    return ["--db", str(db), *(arg.replace("{csv}", str(csv)) for arg in args), str(target)]


@pytest.fixture
def bad_csv(tmp_path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", COMMANDS)
def test_the_null_device_is_written_into_and_stays_a_device(name, seeded, db_path, bad_csv, capsys):
    before = os.stat("/dev/null")
    assert main(_argv(name, db_path, Path("/dev/null"), bad_csv)) == EXIT.get(name, 0)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("name", COMMANDS)
def test_a_device_node_of_our_own_is_written_into_not_replaced(name, seeded, db_path, bad_csv, tmp_path):
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert main(_argv(name, db_path, node, bad_csv)) == EXIT.get(name, 0)
    assert stat.S_ISCHR(os.stat(node).st_mode) and os.stat(node).st_rdev == os.makedev(1, 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "data", "null"]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_named_pipe_is_written_into_and_stays_a_pipe(name, seeded, db_path, bad_csv, tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe, 0o600)
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        status = main(_argv(name, db_path, pipe, bad_csv))
    finally:
        if not received:  # the command never opened the pipe: let the reader go
            with open(pipe, "wb"):
                pass
        reader.join(timeout=30)
    assert status == EXIT.get(name, 0)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert COMMANDS[name][1] in received[0].decode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "data", "pipe"]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_socket_is_refused_with_one_sentence_and_left_alone(name, seeded, db_path, bad_csv, tmp_path, capsys):
    path = tmp_path / "sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    try:
        assert main(_argv(name, db_path, path, bad_csv)) == 1
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        listener.close()
    err = capsys.readouterr().err
    assert f"runlog: cannot write {path}: it is a socket, not a file" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "data", "sock"]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_folder_is_refused_with_one_sentence(name, seeded, db_path, bad_csv, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(_argv(name, db_path, folder, bad_csv)) == 1
    assert f"runlog: cannot write {folder}: it is a folder, not a file" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_block_device_is_refused(seeded, db_path, tmp_path, capsys):
    # A node of our own (loop device 0's numbers): never point a test at the machine's /dev.
    node = tmp_path / "disk"
    os.mknod(node, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    assert main(["--db", str(db_path), "export", "-o", str(node)]) == 1
    assert "it is a block device, not a file" in capsys.readouterr().err
    assert stat.S_ISBLK(os.stat(node).st_mode)
