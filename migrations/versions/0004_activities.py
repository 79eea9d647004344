"""Activities from watch files: the kind of each run, where it came from, its
elapsed time, the lap presses and markers (marks) it carried, and the folder
a watch syncs into (a setting).

Existing runs become kind ``run``. No GPS track, position or heart-rate series
is stored.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-27 05:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='run', nullable=False))
        batch_op.add_column(sa.Column('source', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('elapsed_s', sa.Float(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_runs_source'), ['source'])
        batch_op.create_check_constraint(op.f('ck_runs_kind'), "kind IN ('run', 'trail_run', 'treadmill', 'walk', 'hike')")
        batch_op.create_check_constraint(op.f('ck_runs_elapsed'), 'elapsed_s IS NULL OR elapsed_s >= 0')
    with op.batch_alter_table('settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('watch_folder', sa.Text(), nullable=True))
    op.create_table('marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('distance_m', sa.Float(), nullable=True),
    sa.Column('elapsed_s', sa.Float(), nullable=True),
    sa.Column('label', sa.String(length=6), nullable=False),
    sa.CheckConstraint("label IN ('lap', 'marker')", name=op.f('ck_marks_label')),
    sa.CheckConstraint('distance_m IS NULL OR distance_m >= 0', name=op.f('ck_marks_distance')),
    sa.CheckConstraint('elapsed_s IS NULL OR elapsed_s >= 0', name=op.f('ck_marks_elapsed')),
    sa.CheckConstraint('distance_m IS NOT NULL OR elapsed_s IS NOT NULL', name=op.f('ck_marks_point_given')),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_marks_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marks'))
    )
    with op.batch_alter_table('marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marks_run_id'), ['run_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marks_run_id'))
    op.drop_table('marks')
    with op.batch_alter_table('settings', schema=None) as batch_op:
        batch_op.drop_column('watch_folder')
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_runs_elapsed'), type_='check')
        batch_op.drop_constraint(op.f('ck_runs_kind'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_runs_source'), type_='unique')
        batch_op.drop_column('elapsed_s')
        batch_op.drop_column('source')
        batch_op.drop_column('kind')
