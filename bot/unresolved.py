"""The unresolved log: messages the assistant could not serve, stored without personal data.

Service owners read it to see what residents ask for that the city does not yet answer. The text is redacted
before it is stored; nothing else of the message is kept but its channel, time, pseudonymous conversation id
and the classifier's three best guesses.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, Integer, String, Text, delete, select, update

from bot import pii
from bot.db import Base, Database, utc_now, value_enum

TOP_INTENTS = 3


class UnresolvedKind(str, enum.Enum):
    FALLBACK = "fallback"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_HELPFUL = "not_helpful"


class Outcome(str, enum.Enum):
    """What became of the conversation after the unresolved message."""

    PENDING = "pending"
    REPHRASED_AND_RESOLVED = "rephrased_and_resolved"
    HANDED_OFF = "handed_off"
    ABANDONED = "abandoned"


class UnresolvedRecord(Base):
    __tablename__ = "unresolved_messages"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    conversation_id = Column(String(128), nullable=False, index=True)
    text = Column(Text, nullable=False)
    top_intents = Column(Text, nullable=False)
    kind = Column(value_enum(UnresolvedKind), nullable=False)
    outcome = Column(value_enum(Outcome), nullable=False, default=Outcome.PENDING)


@dataclass(frozen=True)
class Unresolved:
    at: datetime
    channel: str
    conversation_id: str
    text: str
    top_intents: list[tuple[str, float]]
    kind: UnresolvedKind
    outcome: Outcome


class UnresolvedLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record(
        self,
        text: str,
        channel: str,
        conversation_id: str,
        ranking: list[tuple[str, float]],
        kind: UnresolvedKind,
        at: datetime | None = None,
    ) -> None:
        """Store a redacted copy of an unresolved message with the classifier's best guesses."""
        best = sorted(ranking, key=lambda pair: pair[1], reverse=True)[:TOP_INTENTS]
        with self._db.transaction() as session:
            session.add(
                UnresolvedRecord(
                    at=at or utc_now(),
                    channel=channel,
                    conversation_id=conversation_id,
                    text=pii.redact(text),
                    top_intents=json.dumps([[name, round(confidence, 4)] for name, confidence in best]),
                    kind=kind,
                )
            )

    def settle(self, conversation_id: str, outcome: Outcome) -> None:
        """Give the conversation's pending records their outcome (resolved after rephrasing, handed off)."""
        with self._db.transaction() as session:
            session.execute(
                update(UnresolvedRecord)
                .where(UnresolvedRecord.conversation_id == conversation_id,
                       UnresolvedRecord.outcome == Outcome.PENDING)
                .values(outcome=outcome)
                .execution_options(synchronize_session=False)
            )

    def since(self, moment: datetime) -> list[Unresolved]:
        query = select(UnresolvedRecord).where(UnresolvedRecord.at >= moment).order_by(UnresolvedRecord.at)
        with self._db.transaction() as session:
            return [
                Unresolved(r.at, r.channel, r.conversation_id, r.text,
                           [(name, conf) for name, conf in json.loads(r.top_intents)], r.kind, r.outcome)
                for r in session.execute(query).scalars()
            ]

    def purge(self, older_than: timedelta, now: datetime) -> int:
        """Delete records older than the retention period; returns how many went."""
        with self._db.transaction() as session:
            result = session.execute(delete(UnresolvedRecord).where(UnresolvedRecord.at < now - older_than))
            return int(result.rowcount)
