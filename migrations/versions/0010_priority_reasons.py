"""Why a case or handoff goes first: the vulnerability a resident told of ("priority: infant in the home")

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 14:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('cases', 'handoffs'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('priority_reason', sa.String(length=120), nullable=True))


def downgrade() -> None:
    for table in ('handoffs', 'cases'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('priority_reason')
