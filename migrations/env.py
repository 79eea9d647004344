"""Alembic environment for runlog.

The configuration is built in code (``runlog.store.migrate.alembic_config``);
the caller passes a Connection or an Engine in ``config.attributes
["connection"]``. ``render_as_batch`` lets SQLite alter tables by copying them.
"""

from alembic import context
from sqlalchemy import Connection, Engine, create_engine

from runlog.store.models import Base

target_metadata = Base.metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        # SQLite's DDL is transactional: a failed upgrade leaves the old schema.
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = context.config.attributes.get("connection")
    if connectable is None:
        url = context.config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("runlog's migrations need a connection or sqlalchemy.url")
        connectable = create_engine(url)
    if isinstance(connectable, Engine):
        with connectable.begin() as connection:
            _configure_and_run(connection)
    else:
        _configure_and_run(connectable)


if context.is_offline_mode():
    raise RuntimeError("runlog's migrations run online only")
run_migrations_online()
