"""Outbox messages know their kind; contacts remember which keywords were answered after an opt-out

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

KIND = sa.Enum('reply', 'notice', 'help', 'stop_confirmation', name='messagekind', native_enum=False, length=32)


def upgrade() -> None:
    # Messages queued before this revision were replies or notices; none of them is sent after an opt-out.
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', KIND, server_default='reply', nullable=False))
    with op.batch_alter_table('channel_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('keywords_answered', sa.String(length=32), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('channel_contacts', schema=None) as batch_op:
        batch_op.drop_column('keywords_answered')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('kind')
