"""Breach alerts and live console updates: when staff were alerted that a handoff's wait passed its standard, and
the change log console replicas poll when no Redis is configured

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('breach_alerted_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        'live_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('handoff_id', sa.Integer(), nullable=False),
        sa.Column('agencies', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_live_changes_at'), 'live_changes', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_live_changes_at'), table_name='live_changes')
    op.drop_table('live_changes')
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_column('breach_alerted_at')
