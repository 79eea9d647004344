"""What the watch knows about each activity: average cadence in steps per
minute, total ascent and descent in metres, and for a painful run the descent
and cadence over the kilometre before the onset. Optional columns on runs;
existing runs keep every value and have these unknown. No track is stored.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("runs", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("cadence_spm", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ascent_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("descent_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("before_onset_descent_m", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("before_onset_cadence_spm", sa.Float(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_runs_cadence"), "cadence_spm IS NULL OR (cadence_spm >= 0 AND cadence_spm <= 300)")
        batch_op.create_check_constraint(
            op.f("ck_runs_ascent"), "ascent_m IS NULL OR (ascent_m >= 0 AND ascent_m <= 20000)")
        batch_op.create_check_constraint(
            op.f("ck_runs_descent"), "descent_m IS NULL OR (descent_m >= 0 AND descent_m <= 20000)")
        batch_op.create_check_constraint(
            op.f("ck_runs_before_onset_descent"),
            "before_onset_descent_m IS NULL OR (before_onset_descent_m >= 0 AND before_onset_descent_m <= 20000)")
        batch_op.create_check_constraint(
            op.f("ck_runs_before_onset_cadence"),
            "before_onset_cadence_spm IS NULL OR (before_onset_cadence_spm >= 0 AND before_onset_cadence_spm <= 300)")


def downgrade() -> None:
    with op.batch_alter_table("runs", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_runs_before_onset_cadence"), type_="check")
        batch_op.drop_constraint(op.f("ck_runs_before_onset_descent"), type_="check")
        batch_op.drop_constraint(op.f("ck_runs_descent"), type_="check")
        batch_op.drop_constraint(op.f("ck_runs_ascent"), type_="check")
        batch_op.drop_constraint(op.f("ck_runs_cadence"), type_="check")
        batch_op.drop_column("before_onset_cadence_spm")
        batch_op.drop_column("before_onset_descent_m")
        batch_op.drop_column("descent_m")
        batch_op.drop_column("ascent_m")
        batch_op.drop_column("cadence_spm")
