"""Each case, handoff and unresolved message records the resident's language: staff reply and call back in it,
and service owners review and export unresolved messages by language

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for rows written before: the city's own language.
    for table in ('cases', 'handoffs', 'unresolved_messages'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade() -> None:
    for table in ('unresolved_messages', 'handoffs', 'cases'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('language')
