"""When each channel contact last wrote, and which sender a duplicate-delivery mark belongs to (retention)

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01 10:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('channel_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))
    # Existing contacts count as last seen when their row last changed: the closest record there is.
    op.execute("UPDATE channel_contacts SET last_seen_at = updated_at")
    with op.batch_alter_table('channel_contacts', schema=None) as batch_op:
        batch_op.alter_column('last_seen_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f('ix_channel_contacts_last_seen_at'), ['last_seen_at'], unique=False)

    with op.batch_alter_table('inbound_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sender_id', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_inbound_deliveries_sender_id'), ['sender_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbound_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inbound_deliveries_sender_id'))
        batch_op.drop_column('sender_id')

    with op.batch_alter_table('channel_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channel_contacts_last_seen_at'))
        batch_op.drop_column('last_seen_at')
