"""Each case records how it was filed: by a form, or as a request for a person nobody was in to take (out of
hours, or given up after a long wait), which staff answer in the resident's conversation

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 19:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Cases filed before were all filed by forms, bar night requests; those stay "form" (no transcript notice).
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sa.Enum('form', 'person_request', name='caseorigin', native_enum=False,
                                                        length=16), server_default='form', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('origin')
