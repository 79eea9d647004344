"""Changes the runner made to deal with the pain: date, kind and label.

A new table; no existing row changes. The first day a shoe or orthotic was
worn is a change too, read from the runs, so it is not stored here.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-02 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=200), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('shoe', 'orthotic', 'cadence', 'strength', 'physio', 'rest', 'other')",
            name=op.f("ck_changes_kind"),
        ),
        sa.CheckConstraint("length(label) <= 200", name=op.f("ck_changes_label_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index("ix_changes_date", ["date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_date")
    op.drop_table("changes")
