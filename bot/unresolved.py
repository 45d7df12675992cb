"""The unresolved log: messages the assistant could not serve, stored without personal data.

Service owners read it to see what residents ask for that the city does not yet answer. The text is redacted
before it is stored; nothing else of the message is kept but its channel, time, pseudonymous conversation id
and the classifier's three best guesses.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String, Text, select, update

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


class Triage(str, enum.Enum):
    """Where a service owner's review of a message stands."""

    NEW = "new"
    REVIEWED = "reviewed"
    ADDED_TO_TRAINING = "added_to_training"
    IGNORED = "ignored"


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
    triage = Column(value_enum(Triage), nullable=False, default=Triage.NEW, server_default=Triage.NEW.value, index=True)
    # What a service owner decided the message was: an existing intent, or a service the city does not offer.
    assigned_intent = Column(String(64))
    service_need = Column(String(200))
    # The resident's language, so its example goes to that language's training data; None: the city's own.
    language = Column(String(8))


@dataclass(frozen=True)
class Unresolved:
    id: int
    at: datetime
    channel: str
    conversation_id: str
    text: str
    top_intents: list[tuple[str, float]]
    kind: UnresolvedKind
    outcome: Outcome
    triage: Triage = Triage.NEW
    assigned_intent: str | None = None
    service_need: str | None = None
    language: str | None = None


def unresolved_from(record: UnresolvedRecord) -> Unresolved:
    return Unresolved(
        id=record.id, at=record.at, channel=record.channel, conversation_id=record.conversation_id,
        text=record.text, top_intents=[(name, conf) for name, conf in json.loads(record.top_intents)],
        kind=record.kind, outcome=record.outcome, triage=record.triage,
        assigned_intent=record.assigned_intent, service_need=record.service_need, language=record.language,
    )


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
        language: str | None = None,
    ) -> None:
        """Store a redacted copy of an unresolved message with the classifier's best guesses and the resident's
        language."""
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
                    language=language,
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
            return [unresolved_from(record) for record in session.execute(query).scalars()]
