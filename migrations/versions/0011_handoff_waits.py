"""No silent waits: when a handoff's current wait began, and when the resident was told of it and it was escalated

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waiting_since', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('held_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True))
    # Handoffs opened before this migration have waited since they were opened (a transfer's time is unknown).
    op.execute('UPDATE handoffs SET waiting_since = created_at')
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.alter_column('waiting_since', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_column('escalated_at')
        batch_op.drop_column('held_at')
        batch_op.drop_column('waiting_since')
