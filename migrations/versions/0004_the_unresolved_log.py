"""The unresolved log

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 15:54:36.668623
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unresolved_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('top_intents', sa.Text(), nullable=False),
    sa.Column('kind', sa.Enum('fallback', 'out_of_scope', 'not_helpful', name='unresolvedkind', native_enum=False, length=32), nullable=False),
    sa.Column('outcome', sa.Enum('pending', 'rephrased_and_resolved', 'handed_off', 'abandoned', name='outcome', native_enum=False, length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('unresolved_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unresolved_messages_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_unresolved_messages_conversation_id'), ['conversation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('unresolved_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unresolved_messages_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_unresolved_messages_at'))

    op.drop_table('unresolved_messages')
