"""Deleted imports stay deleted, gear per activity kind, files told once, pains without an onset.

- ``forgotten_activities``: the source (file fingerprint, ``strava:<id>`` ...)
  of each imported run the runner deleted, so the watch folder does not bring
  it back on the next start.
- ``kind_gear``: the shoe and orthotic the runner set for an activity kind,
  given to imported activities of that kind.
- ``told_files``: the fingerprints of the files a watch folder could not
  import that the runner was told about, so each is named once.
- A pain may have no onset at all (the runner was not sure when it began):
  the check that one of ``onset_m``/``onset_s`` is given is dropped. Every
  stored pain is kept as it was.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('run', 'trail_run', 'treadmill', 'walk', 'hike')"


def upgrade() -> None:
    op.create_table(
        "forgotten_activities",
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("run_date", sa.Date(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_forgotten_activities")),
    )
    op.create_table(
        "kind_gear",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("shoe_id", sa.Integer(), nullable=True),
        sa.Column("orthotic_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(KINDS, name=op.f("ck_kind_gear_kind")),
        sa.ForeignKeyConstraint(
            ["shoe_id"], ["shoes.id"], name=op.f("fk_kind_gear_shoe_id_shoes"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["orthotic_id"], ["orthotics.id"], name=op.f("fk_kind_gear_orthotic_id_orthotics"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_kind_gear")),
    )
    op.create_table(
        "told_files",
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("told_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_told_files")),
    )
    with op.batch_alter_table("pains", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_pains_onset_given"), type_="check")


def downgrade() -> None:
    # The older schema requires an onset, and inventing one (0 m would claim
    # the first step) would change what the runner logged: refuse instead.
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM pains WHERE onset_m IS NULL AND onset_s IS NULL")).scalar():
        raise RuntimeError("pains without an onset cannot be kept by the older schema; give them an onset first")
    with op.batch_alter_table("pains", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.create_check_constraint(op.f("ck_pains_onset_given"), "onset_m IS NOT NULL OR onset_s IS NOT NULL")
    op.drop_table("told_files")
    op.drop_table("kind_gear")
    op.drop_table("forgotten_activities")
