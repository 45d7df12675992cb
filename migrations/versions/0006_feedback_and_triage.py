"""Feedback and triage of unresolved messages

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 16:55:52.566481
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('conversation_id', sa.String(length=128), nullable=False),
    sa.Column('service_id', sa.String(length=64), nullable=False),
    sa.Column('agency_id', sa.String(length=64), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_at'), ['at'], unique=False)

    with op.batch_alter_table('unresolved_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('triage', sa.Enum('new', 'reviewed', 'added_to_training', 'ignored', name='triage', native_enum=False, length=32), server_default='new', nullable=False))
        batch_op.add_column(sa.Column('assigned_intent', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('service_need', sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f('ix_unresolved_messages_triage'), ['triage'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('unresolved_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unresolved_messages_triage'))
        batch_op.drop_column('service_need')
        batch_op.drop_column('assigned_intent')
        batch_op.drop_column('triage')

    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_at'))

    op.drop_table('feedback')
