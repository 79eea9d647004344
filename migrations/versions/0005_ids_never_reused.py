"""Run and pain ids are never reused (AUTOINCREMENT).

Without it SQLite hands a deleted run's id to the next new run, and undoing
the delete then collides with it. Both tables are recreated (SQLite cannot
alter a primary key in place); ``runlog.store.migrate.upgrade`` runs
migrations with foreign keys off, so dropping the old ``runs`` table does not
cascade into ``pains``, and checks them before committing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 05:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("runs", "pains"):
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    for table in ("pains", "runs"):
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
