"""A throwaway PostgreSQL server for the tests.

``start_server()`` runs ``initdb`` and ``pg_ctl`` in a new temporary folder:
the server listens only on 127.0.0.1 on a free port, its unix socket lives in
that folder, and it is stopped (and the folder removed) by ``stop()``.
PostgreSQL refuses to run as root, so under root (CI) the server runs as the
``postgres`` system user when there is one, else as ``nobody``.

Every connection needs a password (SCRAM), so each PostgreSQL test also
exercises runlog with a password in its database URL. When the server cannot
be started, ``ServerUnavailable`` says why in one sentence, and the fixtures
skip the PostgreSQL tests with that reason.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "runlog_test"
START_TIMEOUT_S = 60


class ServerUnavailable(Exception):
    """The PostgreSQL test server could not be started; the message says why."""


def find_binary(name: str) -> str | None:
    """``initdb``/``pg_ctl`` on PATH, else in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server as (None: as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ServerUnavailable("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PgServer:
    """A running test server; ``url(name)`` is a runlog database URL."""

    root: Path
    port: int
    password: str
    pg_ctl: str
    account: pwd.struct_passwd | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, database: str, password: str | None = None) -> str:
        secret = self.password if password is None else password
        return f"postgresql+psycopg://{SUPERUSER}:{secret}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres"):
        """A psycopg connection in autocommit (CREATE/DROP DATABASE need it)."""
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, password=self.password, dbname=database, autocommit=True
        )

    def create_database(self, name: str, template: str | None = None) -> None:
        """A new database: empty, or a copy of ``template`` (which nobody may be connected to)."""
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"{copy}')

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            # FORCE: a test that failed may have left a connection open.
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        _run([self.pg_ctl, "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"], self.account, check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def _run(command: list[str], account: pwd.struct_passwd | None, check: bool = True) -> subprocess.CompletedProcess:
    kwargs = {}
    if account is not None:
        kwargs = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S, **kwargs)
    if check and result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()
        raise ServerUnavailable(f"{Path(command[0]).name} failed: {last[-1] if last else 'exit ' + str(result.returncode)}")
    return result


def start_server() -> PgServer:
    """Start a private PostgreSQL server; raise ``ServerUnavailable`` with the reason."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise ServerUnavailable("psycopg is not installed (pip install '.[postgres]')") from None
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise ServerUnavailable("PostgreSQL's initdb and pg_ctl are not installed")
    account = _run_as()
    root = Path(tempfile.mkdtemp(prefix="runlog-pg-"))
    try:
        if account is not None:
            os.chown(root, account.pw_uid, account.pw_gid)
        password = secrets.token_urlsafe(18)
        pwfile = root / "pw"
        pwfile.write_text(password + "\n")
        os.chmod(pwfile, 0o600)
        if account is not None:
            os.chown(pwfile, account.pw_uid, account.pw_gid)
        _run(
            [initdb, "-D", str(root / "data"), "-U", SUPERUSER, f"--pwfile={pwfile}", "--auth=scram-sha-256",
             "-E", "UTF8", "--locale=C", "--no-sync"],
            account,
        )
        pwfile.unlink()
        for _attempt in range(3):  # another process may take the free port before the server binds it
            port = _free_port()
            # fsync off: the server is thrown away with its folder; durability buys nothing here.
            options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            started = _run(
                [pg_ctl, "-D", str(root / "data"), "-l", str(root / "server.log"), "-o", options,
                 "-w", "-t", str(START_TIMEOUT_S), "start"],
                account,
                check=False,
            )
            if started.returncode == 0:
                server = PgServer(root=root, port=port, password=password, pg_ctl=pg_ctl, account=account)
                atexit.register(server.stop)  # also when the session dies before its fixture teardown
                return server
        log = root / "server.log"
        tail = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
        raise ServerUnavailable(f"pg_ctl could not start the server: {tail[0] if tail else started.stderr.strip()}")
    except ServerUnavailable:
        shutil.rmtree(root, ignore_errors=True)
        raise
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise ServerUnavailable(f"PostgreSQL could not be started ({exc})") from None
