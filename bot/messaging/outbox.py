"""The outbox: every message for SMS or Telegram is written here before any attempt to send it.

A provider outage, a slow provider or a restart therefore loses nothing: a message stays `pending` until the
provider has accepted it, refused it for good, or it has waited or been tried too long (`GiveUp`). Each
replica's delivery loop leases a message with one conditional UPDATE, so two replicas never send the same
message. Only the oldest pending message of each recipient is sent at a time, so a resident reads replies in
the order they were written even after a retry.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, Integer, String, Text, func, or_, select, update

from bot.clock import Clock, utc_now
from bot.db import Base, Database, value_enum
from bot.messaging.contacts import Choice

BATCH = 100
LEASE = timedelta(seconds=60)


class OutboxStatus(str, enum.Enum):
    PENDING = "pending"
    SENT = "sent"
    # The provider refused the message for good (an unknown number, a blocked bot), or the outbox gave up.
    FAILED = "failed"


class MessageKind(str, enum.Enum):
    """What a message is for, so that sending decides by kind and never by comparing wording."""

    # The assistant's or a staff member's reply, or a case notification.
    REPLY = "reply"
    # A channel's own notice (a photo kept, content it cannot read, subscribed again).
    NOTICE = "notice"
    # The answer to HELP and the confirmation of STOP: the only messages a number that opted out is sent.
    HELP = "help"
    STOP_CONFIRMATION = "stop_confirmation"


# Carriers require these answered even to a number that opted out.
SENT_AFTER_OPT_OUT = frozenset({MessageKind.HELP, MessageKind.STOP_CONFIRMATION})


@dataclass(frozen=True)
class Outgoing:
    """A message for one resident, in the channel-neutral form channels render."""

    text: str
    choices: list[Choice] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "choices": [choice.__dict__ for choice in self.choices]})

    @classmethod
    def from_json(cls, stored: str) -> Outgoing:
        data = json.loads(stored)
        return cls(text=data["text"], choices=[Choice(**item) for item in data.get("choices", [])])


@dataclass(frozen=True)
class Delivery:
    """A leased message: send it, then report how that went."""

    id: int
    channel: str
    recipient: str
    message: Outgoing
    attempts: int
    kind: MessageKind = MessageKind.REPLY
    request_id: str | None = None


class OutboxRecord(Base):
    __tablename__ = "outbox"

    id = Column(Integer, primary_key=True)
    channel = Column(String(32), nullable=False)
    recipient = Column(String(64), nullable=False, index=True)
    body = Column(Text, nullable=False)
    kind = Column(value_enum(MessageKind, 32), nullable=False, default=MessageKind.REPLY)
    status = Column(value_enum(OutboxStatus, 16), nullable=False, default=OutboxStatus.PENDING, index=True)
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    leased_until = Column(DateTime(timezone=True))
    last_error = Column(String(200))
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    sent_at = Column(DateTime(timezone=True))
    # The request id of the message this answers (bot/observability/request_ids.py); None for a staff reply or
    # a notice nobody's message caused.
    request_id = Column(String(64))


@dataclass(frozen=True)
class Backoff:
    """How long to wait after the n-th failed attempt: doubling from `base`, never more than `ceiling`."""

    base: timedelta = timedelta(seconds=2)
    ceiling: timedelta = timedelta(minutes=5)

    @classmethod
    def from_seconds(cls, base: float, ceiling: float) -> Backoff:
        return cls(timedelta(seconds=base), timedelta(seconds=ceiling))

    def after(self, attempts: int) -> timedelta:
        return min(self.base * (2 ** max(attempts - 1, 0)), self.ceiling)


@dataclass(frozen=True)
class GiveUp:
    """When a message that keeps failing is marked failed instead of tried again.

    Whichever comes first: `attempts` tries, or a next try that would come more than `age` after the message
    was queued. With the default backoff (at most 5 minutes apart) 300 attempts take about 25 hours, so the
    age is what normally ends it; the attempts bound a provider that fails at once, or asks to wait briefly.
    """

    attempts: int = 300
    age: timedelta = timedelta(hours=24)

    @classmethod
    def from_settings(cls, attempts: int, age_hours: float) -> GiveUp:
        return cls(attempts, timedelta(hours=age_hours))


class Outbox:
    """Queue, lease and settle outgoing messages.

    `clock` stamps a queued message as due and created; leasing and settling take their instant from the caller
    (the delivery loop's clock), so a test drives every step with its own instants.
    """

    def __init__(
        self, database: Database, backoff: Backoff = Backoff(), clock: Clock = utc_now, give_up: GiveUp = GiveUp()
    ) -> None:
        self._db = database
        self._backoff = backoff
        self._clock = clock
        self._give_up = give_up

    def enqueue(self, channel: str, recipient: str, message: Outgoing, kind: MessageKind = MessageKind.REPLY,
                request_id: str | None = None) -> int:
        now = self._clock()
        with self._db.transaction() as session:
            record = OutboxRecord(
                channel=channel, recipient=recipient, body=message.to_json(), kind=kind,
                next_attempt_at=now, created_at=now, request_id=request_id,
            )
            session.add(record)
            session.flush()
            return int(record.id)

    def has_written_to(self, channel: str, recipient: str) -> bool:
        """Whether any message to `recipient` on `channel` is still kept, sent or not (retention removes them)."""
        with self._db.transaction() as session:
            found = session.execute(
                select(OutboxRecord.id)
                .where(OutboxRecord.channel == channel, OutboxRecord.recipient == recipient)
                .limit(1)
            ).first()
        return found is not None

    def lease(self, channel: str, now: datetime, limit: int = BATCH) -> list[Delivery]:
        """Take the messages due now, at most one per recipient, for this caller alone for a minute."""
        with self._db.transaction() as session:
            heads = (
                select(func.min(OutboxRecord.id))
                .where(OutboxRecord.channel == channel, OutboxRecord.status == OutboxStatus.PENDING)
                .group_by(OutboxRecord.recipient)
            )
            candidates = session.execute(
                select(OutboxRecord)
                .where(
                    OutboxRecord.id.in_(heads),
                    OutboxRecord.next_attempt_at <= now,
                    or_(OutboxRecord.leased_until.is_(None), OutboxRecord.leased_until < now),
                )
                .order_by(OutboxRecord.id)
                .limit(limit)
            ).scalars().all()
            leased = []
            for record in candidates:
                taken = session.execute(
                    update(OutboxRecord)
                    .where(
                        OutboxRecord.id == record.id,
                        OutboxRecord.status == OutboxStatus.PENDING,
                        or_(OutboxRecord.leased_until.is_(None), OutboxRecord.leased_until < now),
                    )
                    .values(leased_until=now + LEASE, attempts=OutboxRecord.attempts + 1)
                    .execution_options(synchronize_session=False)
                ).rowcount
                if taken:
                    leased.append(Delivery(
                        id=record.id, channel=record.channel, recipient=record.recipient,
                        message=Outgoing.from_json(record.body), attempts=record.attempts + 1, kind=record.kind,
                        request_id=record.request_id,
                    ))
            return leased

    def sent(self, delivery: Delivery, now: datetime) -> None:
        self._settle(delivery, status=OutboxStatus.SENT, sent_at=now, leased_until=None, last_error=None)

    def retry_later(
        self, delivery: Delivery, now: datetime, error: str, wait: timedelta | None = None
    ) -> datetime | None:
        """Put a message back after a temporary failure; returns when it will be tried again.

        `wait` is what the provider asked for (Telegram's `retry_after`); otherwise the backoff decides. None
        when the outbox gives up instead (see `GiveUp`): the message is then marked failed.
        """
        due = now + (wait if wait is not None else self._backoff.after(delivery.attempts))
        if delivery.attempts < self._give_up.attempts:
            with self._db.transaction() as session:
                retried = session.execute(
                    update(OutboxRecord)
                    .where(OutboxRecord.id == delivery.id, OutboxRecord.created_at >= due - self._give_up.age)
                    .values(next_attempt_at=due, leased_until=None, last_error=error[:200])
                    .execution_options(synchronize_session=False)
                ).rowcount
            if retried:
                return due
        self.failed(delivery, f"gave up after {delivery.attempts} attempts: {error}")
        return None

    def failed(self, delivery: Delivery, error: str) -> None:
        self._settle(delivery, status=OutboxStatus.FAILED, leased_until=None, last_error=error[:200])

    def _settle(self, delivery: Delivery, **values: object) -> None:
        with self._db.transaction() as session:
            session.execute(
                update(OutboxRecord).where(OutboxRecord.id == delivery.id).values(**values)
                .execution_options(synchronize_session=False)
            )

    def counts(self, channel: str) -> dict[OutboxStatus, int]:
        """How many messages of a channel stand in each status, for health checks and metrics."""
        with self._db.transaction() as session:
            rows = session.execute(
                select(OutboxRecord.status, func.count())
                .where(OutboxRecord.channel == channel)
                .group_by(OutboxRecord.status)
            ).all()
        return {status: 0 for status in OutboxStatus} | {status: count for status, count in rows}
