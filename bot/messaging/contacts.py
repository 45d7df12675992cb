"""Residents' channel addresses behind pseudonyms.

A phone number or a Telegram chat id never becomes a Rasa sender id: the sender id is a keyed hash of it, so
trackers, cases and logs hold only the pseudonym. The one place the address is kept in the clear is this
table, because replies must reach it; it also remembers an SMS opt-out (and which keywords were answered
since), and the choices last offered as a numbered list, since a reply of "2" arrives as a new request,
possibly at another replica.

Note:
    `last_seen_at` is when the sender last wrote; `python -m bot purge` deletes the row (an opted-out
    sender's: only the address) once the conversation has been quiet for the contact window (24 h) and no open
    case, open handoff or unsent message needs it (docs/retention.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, String, Text, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import Base, Database, utc_now
from bot.messaging.keywords import Keyword, Subscription, receive

PSEUDONYM_HEX_DIGITS = 32


def pseudonym(channel: str, address: str, key: bytes) -> str:
    """The sender id for `address` on `channel`: stable for the same key, meaningless without it."""
    digest = hmac.new(key, f"{channel}\x00{address}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:PSEUDONYM_HEX_DIGITS]}"


@dataclass(frozen=True)
class Choice:
    """A button as a channel without buttons offers it: its title, and what choosing it sends."""

    title: str
    payload: str


class ContactRecord(Base):
    __tablename__ = "channel_contacts"

    sender_id = Column(String(64), primary_key=True)
    channel = Column(String(32), nullable=False)
    address = Column(Text, nullable=False)
    opted_out = Column(Boolean, nullable=False, default=False)
    # The keywords answered since the opt-out, comma-separated ("help,stop").
    keywords_answered = Column(String(32), nullable=False, default="")
    choices = Column(Text, nullable=False, default="[]")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    last_seen_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)


class Contacts:
    """Where each pseudonymous sender can be reached, and what they last were offered."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def remember(self, channel: str, sender_id: str, address: str, at: datetime | None = None) -> None:
        """Keep the address a sender wrote from, and when, so that later replies and notifications can reach it."""
        seen = at or utc_now()
        try:
            with self._db.transaction() as session:
                record = session.get(ContactRecord, sender_id)
                if record is None:
                    session.add(ContactRecord(sender_id=sender_id, channel=channel, address=address, last_seen_at=seen))
                    return
                record.last_seen_at = seen
                if record.address != address:
                    record.address = address
                    record.updated_at = seen
        except IntegrityError:
            # Another replica stored the same sender at the same moment; its row is the same.
            pass

    def address(self, sender_id: str) -> str | None:
        with self._db.transaction() as session:
            record = session.get(ContactRecord, sender_id)
            # An opted-out sender quiet for a while keeps the opt-out but not the address (`purge`).
            return record.address if record and record.address else None

    def set_opted_out(self, sender_id: str, opted_out: bool) -> None:
        with self._db.transaction() as session:
            record = self._existing(session, sender_id)
            record.opted_out = opted_out
            record.keywords_answered = ""
            record.updated_at = utc_now()

    def receive_keyword(self, sender_id: str, word: Keyword) -> bool:
        """Apply a carrier keyword to the sender's subscription; True when the channel answers it.

        Note:
            The row is locked while it is read and written, so two replicas taking a STOP and a HELP at the
            same moment still answer each once.
        """
        with self._db.transaction() as session:
            record = session.execute(
                select(ContactRecord).where(ContactRecord.sender_id == sender_id).with_for_update()
            ).scalar_one_or_none()
            if record is None:
                raise KeyError(f"no contact for sender {sender_id}")
            answered = frozenset(Keyword(value) for value in record.keywords_answered.split(",") if value)
            after, answer = receive(word, Subscription(record.opted_out, answered))
            record.opted_out = after.opted_out
            record.keywords_answered = ",".join(sorted(word.value for word in after.answered))
            record.updated_at = utc_now()
            return answer

    def is_opted_out(self, sender_id: str) -> bool:
        with self._db.transaction() as session:
            return bool(session.execute(
                select(ContactRecord.opted_out).where(ContactRecord.sender_id == sender_id)
            ).scalar_one_or_none())

    def offer(self, sender_id: str, choices: list[Choice]) -> None:
        """Remember the numbered choices just sent; an empty list forgets the previous ones."""
        with self._db.transaction() as session:
            record = self._existing(session, sender_id)
            record.choices = json.dumps([choice.__dict__ for choice in choices])

    def offered(self, sender_id: str) -> list[Choice]:
        with self._db.transaction() as session:
            stored = session.execute(
                select(ContactRecord.choices).where(ContactRecord.sender_id == sender_id)
            ).scalar_one_or_none()
        return [Choice(**item) for item in json.loads(stored or "[]")]

    @staticmethod
    def _existing(session: Session, sender_id: str) -> ContactRecord:
        record = session.get(ContactRecord, sender_id)
        if record is None:
            raise KeyError(f"no contact for sender {sender_id}")
        return record
