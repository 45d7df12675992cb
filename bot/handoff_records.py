"""A handoff: a conversation handed to a person, as stored (`HandoffRecord`) and as every caller reads it
(`Handoff`), with why it was handed over and where it stands. The queue operations are in bot/queues.py."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String, Text

from bot.db import Base, utc_now, value_enum


class HandoffReason(str, enum.Enum):
    """Why a conversation was handed to a person."""

    CRISIS = "crisis"
    STAFF_SERVICE = "staff_service"
    ASKED_FOR_PERSON = "asked_for_person"
    MISUNDERSTOOD = "misunderstood"


class HandoffStatus(str, enum.Enum):
    WAITING = "waiting"
    CLAIMED = "claimed"
    CLOSED = "closed"


class HandoffRecord(Base):
    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    agency_id = Column(String(64), nullable=False, index=True)
    service_id = Column(String(64))
    reason = Column(value_enum(HandoffReason, 20), nullable=False)
    priority = Column(Integer, nullable=False)
    # Why it goes first ("priority: infant in the home"); None when only its reason decides.
    priority_reason = Column(String(120))
    # The resident's language, so staff reply in it; None: the city's own.
    language = Column(String(8))
    status = Column(value_enum(HandoffStatus, 20), nullable=False, default=HandoffStatus.WAITING, index=True)
    claimed_by = Column(String(64))
    note = Column(Text, nullable=False, default="")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    claimed_at = Column(DateTime(timezone=True))
    closed_at = Column(DateTime(timezone=True))
    # When the resident's current wait began: the handoff's opening, or its latest transfer to another queue.
    waiting_since = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    # When the resident was told of the wait, and when the handoff was escalated (bot/handoff_watch.py).
    held_at = Column(DateTime(timezone=True))
    escalated_at = Column(DateTime(timezone=True))
    # When staff were alerted that this wait passed its standard (bot/breach_alerts.py); a transfer clears it.
    breach_alerted_at = Column(DateTime(timezone=True))


@dataclass(frozen=True)
class Handoff:
    id: int
    conversation_id: str
    channel: str
    agency_id: str
    service_id: str | None
    reason: HandoffReason
    status: HandoffStatus
    claimed_by: str | None
    note: str
    created_at: datetime
    priority_reason: str | None = None
    language: str | None = None
    waiting_since: datetime | None = None
    held_at: datetime | None = None
    escalated_at: datetime | None = None
    breach_alerted_at: datetime | None = None


def handoff_of(record: HandoffRecord) -> Handoff:
    """The record as the plain value every caller works with, detached from its session."""
    return Handoff(
        id=record.id,
        conversation_id=record.conversation_id,
        channel=record.channel,
        agency_id=record.agency_id,
        service_id=record.service_id,
        reason=record.reason,
        status=record.status,
        claimed_by=record.claimed_by,
        note=record.note,
        created_at=record.created_at,
        priority_reason=record.priority_reason,
        language=record.language,
        waiting_since=record.waiting_since,
        held_at=record.held_at,
        escalated_at=record.escalated_at,
        breach_alerted_at=record.breach_alerted_at,
    )
