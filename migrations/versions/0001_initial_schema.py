"""Initial schema: runs, pains, shoes, orthotics, settings.

Timestamps are stored as naive UTC (runlog.store.models.UTCDateTime).
Written for both SQLite and PostgreSQL: the boolean check compares with
FALSE/TRUE (SQLite reads them as 0 and 1; PostgreSQL's boolean does not
compare with integers, so the earlier ``IN (0, 1)`` failed there).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 14:18:15.978697
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('orthotics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=True),
    sa.Column('first_used', sa.Date(), nullable=True),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.CheckConstraint("type IN ('otc', 'custom', 'shock_absorbing', 'other') OR type IS NULL", name=op.f('ck_orthotics_type')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_orthotics_name_not_blank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orthotics')),
    sa.UniqueConstraint('name', name=op.f('uq_orthotics_name'))
    )
    op.create_table('settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('units', sa.String(length=2), nullable=False),
    sa.Column('week_start', sa.Integer(), nullable=False),
    sa.CheckConstraint("units IN ('km', 'mi')", name=op.f('ck_settings_units')),
    sa.CheckConstraint('id = 1', name=op.f('ck_settings_single_row')),
    sa.CheckConstraint('week_start BETWEEN 0 AND 6', name=op.f('ck_settings_week_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settings'))
    )
    op.create_table('shoes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=True),
    sa.Column('first_used', sa.Date(), nullable=True),
    sa.Column('start_distance_m', sa.Float(), nullable=False),
    sa.Column('retire_distance_m', sa.Float(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.CheckConstraint("type IN ('neutral', 'stability', 'motion_control', 'cushioned', 'minimalist', 'trail', 'other') OR type IS NULL", name=op.f('ck_shoes_type')),
    sa.CheckConstraint('length(trim(name)) > 0', name=op.f('ck_shoes_name_not_blank')),
    sa.CheckConstraint('retire_distance_m > 0', name=op.f('ck_shoes_retire_distance')),
    sa.CheckConstraint('start_distance_m >= 0', name=op.f('ck_shoes_start_distance')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shoes')),
    sa.UniqueConstraint('name', name=op.f('uq_shoes_name'))
    )
    op.create_table('runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('distance_m', sa.Float(), nullable=False),
    sa.Column('duration_s', sa.Float(), nullable=False),
    sa.Column('shoe_id', sa.Integer(), nullable=True),
    sa.Column('orthotic_id', sa.Integer(), nullable=True),
    sa.Column('effort', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('distance_m >= 0', name=op.f('ck_runs_distance')),
    sa.CheckConstraint('duration_s > 0', name=op.f('ck_runs_duration')),
    sa.CheckConstraint('effort IS NULL OR (effort BETWEEN 1 AND 10)', name=op.f('ck_runs_effort')),
    sa.ForeignKeyConstraint(['orthotic_id'], ['orthotics.id'], name=op.f('fk_runs_orthotic_id_orthotics'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['shoe_id'], ['shoes.id'], name=op.f('fk_runs_shoe_id_shoes'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.create_index('ix_runs_date_start', ['date', 'start_time'], unique=False)
        batch_op.create_index(batch_op.f('ix_runs_orthotic_id'), ['orthotic_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_runs_shoe_id'), ['shoe_id'], unique=False)

    op.create_table('pains',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('site', sa.String(length=20), nullable=False),
    sa.Column('side', sa.String(length=5), nullable=False),
    sa.Column('onset_m', sa.Float(), nullable=True),
    sa.Column('onset_s', sa.Float(), nullable=True),
    sa.Column('intensity', sa.Integer(), nullable=False),
    sa.Column('stopped_early', sa.Boolean(), nullable=False),
    sa.Column('next_morning', sa.String(length=6), nullable=True),
    sa.CheckConstraint("next_morning IN ('gone', 'better', 'same', 'worse') OR next_morning IS NULL", name=op.f('ck_pains_next_morning')),
    sa.CheckConstraint("side IN ('left', 'right')", name=op.f('ck_pains_side')),
    sa.CheckConstraint("site IN ('below_kneecap', 'inner_knee', 'kneecap', 'outer_knee', 'above_kneecap', 'back_of_knee', 'shin', 'calf', 'ankle', 'foot', 'heel', 'hip', 'other')", name=op.f('ck_pains_site')),
    sa.CheckConstraint('intensity BETWEEN 0 AND 10', name=op.f('ck_pains_intensity')),
    sa.CheckConstraint('onset_m IS NOT NULL OR onset_s IS NOT NULL', name=op.f('ck_pains_onset_given')),
    sa.CheckConstraint('onset_m IS NULL OR onset_m >= 0', name=op.f('ck_pains_onset_m')),
    sa.CheckConstraint('onset_s IS NULL OR onset_s >= 0', name=op.f('ck_pains_onset_s')),
    sa.CheckConstraint('stopped_early IN (FALSE, TRUE)', name=op.f('ck_pains_stopped_early')),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_pains_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pains'))
    )
    with op.batch_alter_table('pains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pains_run_id'), ['run_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pains_run_id'))

    op.drop_table('pains')
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_runs_shoe_id'))
        batch_op.drop_index(batch_op.f('ix_runs_orthotic_id'))
        batch_op.drop_index('ix_runs_date_start')

    op.drop_table('runs')
    op.drop_table('shoes')
    op.drop_table('settings')
    op.drop_table('orthotics')
