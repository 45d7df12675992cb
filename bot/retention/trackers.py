"""Deleting conversations from Rasa's SQL tracker store (`events`), which keeps every message until told."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from bot.tracker_store import EVENTS

# Ids per DELETE: well under every database's limit on bound parameters.
CHUNK = 500


def quiet_since(connection: Connection, before: datetime) -> list[str]:
    """Conversations whose last event is older than `before`."""
    return list(connection.execute(
        select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
        .having(func.max(EVENTS.c.timestamp) < before.timestamp())
    ).scalars())


def delete_conversations(connection: Connection, sender_ids: Sequence[str]) -> int:
    """Delete every event of these conversations; returns how many rows went."""
    deleted = 0
    for start in range(0, len(sender_ids), CHUNK):
        chunk = sender_ids[start:start + CHUNK]
        deleted += int(connection.execute(delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk))).rowcount)
    return deleted
