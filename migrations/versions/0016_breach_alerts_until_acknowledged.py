"""Breach alerts kept until acknowledged: each alert staff were shown, the queue it is for, and who ended it when

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 23:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'breach_alerts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('handoff_id', sa.Integer(), nullable=False),
        sa.Column('agency_id', sa.String(length=64), nullable=False),
        sa.Column('waited_minutes', sa.Integer(), nullable=False),
        sa.Column('standard_minutes', sa.Integer(), nullable=False),
        sa.Column('crisis', sa.Boolean(), nullable=False),
        sa.Column('alerted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('acknowledged_by', sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_breach_alerts_handoff_id'), 'breach_alerts', ['handoff_id'], unique=False)
    op.create_index(op.f('ix_breach_alerts_acknowledged_at'), 'breach_alerts', ['acknowledged_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_breach_alerts_acknowledged_at'), table_name='breach_alerts')
    op.drop_index(op.f('ix_breach_alerts_handoff_id'), table_name='breach_alerts')
    op.drop_table('breach_alerts')
