"""Forget finished conversations once the retention period has passed.

Rasa's tracker store keeps every message of every conversation forever. A conversation whose last event is
older than the retention period is deleted, with the address its channel kept for replies, unless staff
still hold it (an open handoff) or a case it filed is still open: the resident may yet need an answer there.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine

from bot.cases import CaseRecord, CaseStatus
from bot.db import Database
from bot.messaging.contacts import ContactRecord
from bot.queues import HandoffRecord, HandoffStatus
from bot.tracker_store import EVENTS

def _still_needed(database: Database) -> set[str]:
    with database.transaction() as session:
        handoffs = session.execute(
            select(HandoffRecord.conversation_id).where(HandoffRecord.status != HandoffStatus.CLOSED)
        ).scalars()
        cases = session.execute(
            select(CaseRecord.conversation_id).where(CaseRecord.status.in_([CaseStatus.OPEN, CaseStatus.IN_PROGRESS]))
        ).scalars()
        return set(handoffs) | set(cases)


def purge_conversations(trackers: Engine, database: Database, before: datetime) -> int:
    """Delete conversations quiet since `before` and no longer needed; returns how many went."""
    keep = _still_needed(database)
    with trackers.begin() as connection:
        quiet = connection.execute(
            select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < before.timestamp())
        ).scalars().all()
        gone = [sender for sender in quiet if sender not in keep]
        for start in range(0, len(gone), 500):
            connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(gone[start:start + 500])))
    with database.transaction() as session:
        for start in range(0, len(gone), 500):
            session.execute(delete(ContactRecord).where(ContactRecord.sender_id.in_(gone[start:start + 500])))
    return len(gone)
