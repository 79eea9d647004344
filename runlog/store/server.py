"""Opening a runner's log on a PostgreSQL server, as safely as a file.

The same rules as for an SQLite file: a database holding other tables but
no runlog revision is refused untouched, so is one stamped by a newer
runlog, and runlog creates its tables only in an empty database. Creating or
upgrading the schema happens in one transaction (PostgreSQL's DDL is
transactional) under an advisory lock, so two runlog processes starting on
a new database at once do not both try to create it.

The password in the URL never reaches a message: errors name the host and
the database only, are raised outside the driver's exception (so no chained
traceback carries its text), and the engine hides statement parameters and
renders its URL without the password.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from runlog.dburl import ServerURL
from runlog.errors import DatabaseRefused
from runlog.store.migrate import SCHEMA_HEAD, known_revisions

#: Any constant will do: it keeps two runlog processes from creating or
#: upgrading the same database at once ("runlog" in ASCII).
MIGRATION_LOCK = 0x72756E6C6F67
CONNECT_TIMEOUT_S = 10


class DatabaseUnreachable(DatabaseRefused):
    """The server could not be reached or refused the login; nothing was changed."""


def server_url(target: ServerURL) -> URL:
    """The SQLAlchemy URL for ``target``, with the psycopg 3 driver; refusals name no password."""
    try:
        url = make_url(target.secret())
    except ArgumentError:
        raise DatabaseRefused(f"{target} is not a valid database URL") from None
    except ValueError:  # SQLAlchemy reads the port with int(): ``host:abc``
        raise DatabaseRefused(f"{target} is not a valid database URL: the port after the host must be a number") from None
    if url.get_backend_name() != "postgresql":
        raise DatabaseRefused(
            f"{target} names a {url.get_backend_name()} server; runlog keeps logs in SQLite files "
            "or on PostgreSQL (postgresql+psycopg://user@host:port/dbname)"
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername != "postgresql+psycopg":
        raise DatabaseRefused(f"{target}: runlog talks to PostgreSQL through psycopg (postgresql+psycopg://...)")
    if not url.database:
        raise DatabaseRefused(f"{target} names no database (add /dbname after the host)")
    return url


def make_server_engine(target: ServerURL) -> Engine:
    """An engine on the server ``target`` names (no connection is made yet)."""
    url = server_url(target)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseRefused(
            "runlog needs the PostgreSQL driver for a database URL: pip install 'runlog[postgres]'"
        ) from None
    try:
        engine = create_engine(
            url,
            # Parameters are the runner's notes and pains: never in an error message.
            hide_parameters=True,
            # A server restarted since the last query: reconnect instead of failing once.
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "runlog"},
        )
    except NoSuchModuleError:
        raise DatabaseRefused(f"{target}: this SQLAlchemy has no psycopg dialect") from None
    event.listen(engine, "handle_error", _terse_errors)
    return engine


def _terse_errors(context) -> None:
    """Keep only the server's primary sentence in a driver error.

    For a refused row PostgreSQL adds a DETAIL, "Failing row contains
    (...)": the runner's notes and pains, which must never reach a message or
    a traceback. The primary sentence (which constraint, which table) stays.
    Both the driver's error and SQLAlchemy's wrapper (which copied the text
    when it was made) are trimmed.
    """
    original = context.original_exception
    diag = getattr(original, "diag", None)
    primary = diag.message_primary if diag is not None else None
    if not primary:
        return
    full = str(original)
    original.args = (primary,)
    wrapper = context.sqlalchemy_exception
    if wrapper is not None:
        wrapper.args = tuple(arg.replace(full, primary) if isinstance(arg, str) else arg for arg in wrapper.args)


def unreachable(target: ServerURL, exc: BaseException) -> DatabaseUnreachable:
    """One sentence for a failed connection, naming host and database, never the password."""
    reason = _reason(exc)
    return DatabaseUnreachable(f"cannot connect to the PostgreSQL {target.describe()}" + (f" ({reason})" if reason else ""))


def _reason(exc: BaseException) -> str:
    """The server's own short reason, when it is one runlog can name safely."""
    message = str(getattr(exc, "orig", exc)).lower()
    for needle, reason in (
        ("password authentication failed", "wrong user name or password"),
        ("no password supplied", "the server wants a password"),
        ("does not exist", "no such database or user"),
        ("connection refused", "nothing is listening there"),
        ("timeout", "no answer in time"),
        ("could not translate host name", "unknown host name"),
        ("name or service not known", "unknown host name"),
        ("permission denied", "permission denied"),
    ):
        if needle in message:
            return reason
    return ""


def open_server(target: ServerURL) -> Engine:
    """An engine on the runlog database at ``target``, at the current schema.

    Raises ``DatabaseUnreachable`` when the server cannot be reached and
    ``DatabaseRefused`` for a database that is not runlog's or is newer.
    """
    engine = make_server_engine(target)
    failure: DatabaseRefused | None = None
    try:
        with engine.begin() as connection:
            _prepare(connection, target)
    except DatabaseRefused as exc:
        failure = exc
    except DBAPIError as exc:
        failure = unreachable(target, exc) if exc.connection_invalidated or _is_connect_error(exc) else None
        if failure is None and type(exc.orig).__name__ == "InsufficientPrivilege":
            # PostgreSQL 15 lets only a database's owner create tables in its
            # public schema: the usual snag when the database was made by an admin.
            failure = DatabaseRefused(
                f"runlog's user may not create tables in the PostgreSQL {target.describe()}; "
                "make that user the database's owner (createdb -O USER) or grant it CREATE on schema public"
            )
        if failure is None:
            failure = DatabaseRefused(f"the PostgreSQL {target.describe()} could not be prepared ({type(exc.orig).__name__})")
    if failure is not None:
        engine.dispose()
        # Raised here, outside the except blocks: no __context__ chains the driver's exception.
        raise failure
    return engine


def check_existing(target: ServerURL) -> Engine:
    """An engine on an existing runlog database at the current schema, for commands that only read.

    Creates nothing: an empty database is "no log here", an older schema is
    left for the runner to upgrade by opening the log.
    """
    engine = make_server_engine(target)
    failure: DatabaseRefused | None = None
    try:
        with engine.connect() as connection:
            revision = _revision(connection, target)
        if revision is None:
            failure = DatabaseRefused(f"there is no runlog log in the PostgreSQL {target.describe()}")
        elif revision != SCHEMA_HEAD:
            failure = DatabaseRefused(
                f"the log in the PostgreSQL {target.describe()} has an older layout; open it with runlog once to upgrade it"
            )
    except DatabaseRefused as exc:
        failure = exc
    except DBAPIError as exc:
        failure = unreachable(target, exc)
    if failure is not None:
        engine.dispose()
        raise failure
    return engine


def _is_connect_error(exc: DBAPIError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.OperationalError)


def _revision(connection: Connection, target: ServerURL) -> str | None:
    """The runlog revision stamped in the database; None for an empty one.

    Refuses a database with other tables and no runlog stamp, and one
    stamped by a newer runlog.
    """
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise DatabaseRefused(
            f"the PostgreSQL {target.describe()} holds other tables and no runlog log; runlog left it untouched"
        )
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    revision = row[0] if row else None
    if revision is None:
        raise DatabaseRefused(f"the PostgreSQL {target.describe()} has no runlog revision; runlog left it untouched")
    if revision != SCHEMA_HEAD and revision not in known_revisions():
        raise DatabaseRefused(
            f"the PostgreSQL {target.describe()} was written by a newer version of runlog (schema {revision}); "
            "upgrade runlog to open it"
        )
    return revision


def _prepare(connection: Connection, target: ServerURL) -> None:
    """Create the schema in an empty database, or upgrade an older one, under the migration lock."""
    if _revision(connection, target) == SCHEMA_HEAD:
        return  # the everyday case: no lock, no Alembic import
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    if _revision(connection, target) == SCHEMA_HEAD:  # another runlog finished it while we waited
        return
    from alembic import command

    from runlog.store.migrate import alembic_config

    command.upgrade(alembic_config(connection), "head")
