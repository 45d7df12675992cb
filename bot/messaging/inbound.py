"""Duplicate deliveries: a provider that did not see our answer in time sends the same update again.

Each update's provider id (Telegram's `update_id`, Twilio's `MessageSid`) is written once; the unique key
makes a second write fail, on every replica alike. If handling an update fails, its mark is removed so
that the provider's retry is handled rather than dropped. The mark names the pseudonymous sender, so that
`python -m bot forget` can remove a resident's marks too.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Column, DateTime, String, delete
from sqlalchemy.exc import IntegrityError

from bot.db import Base, Database, utc_now

# Longer than any provider retries a delivery (Telegram gives up after a day); older marks are purged.
MARK_WINDOW = timedelta(days=2)


class InboundRecord(Base):
    __tablename__ = "inbound_deliveries"

    channel = Column(String(32), primary_key=True)
    delivery_id = Column(String(64), primary_key=True)
    received_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    sender_id = Column(String(64), index=True)


class InboundLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def first_time(self, channel: str, delivery_id: str, sender_id: str | None = None) -> bool:
        """Mark the update as received; False when it had been received before."""
        try:
            with self._db.transaction() as session:
                session.add(InboundRecord(channel=channel, delivery_id=delivery_id, sender_id=sender_id))
            return True
        except IntegrityError:
            return False

    def forget(self, channel: str, delivery_id: str) -> None:
        with self._db.transaction() as session:
            session.execute(
                delete(InboundRecord).where(InboundRecord.channel == channel, InboundRecord.delivery_id == delivery_id)
            )
