"""Whether answers helped: asked now and then, stored per service, agency and channel for the reports.

Asking after every answer would nag residents and teach them to ignore the question, so a conversation is
asked at most once in `ASK_INTERVAL`, and only after an answer or a filed case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import Boolean, Column, DateTime, Integer, String, select

from bot.db import Base, Database, utc_now

ASK_INTERVAL = timedelta(hours=24)
# The conversation's memory of the question, shared by the actions and the staff console: the response that
# asks it, the slot naming the service it is about, and the slot holding when it was last asked.
QUESTION = "utter_ask_feedback"
SERVICE_SLOT = "feedback_service"
ASKED_AT_SLOT = "feedback_asked_at"


def should_ask(last_asked: float | None, now: datetime) -> bool:
    """Ask for feedback unless this conversation was asked within the interval.

    `last_asked` is the slot's value: a POSIX timestamp, or None when never asked.
    """
    if last_asked is None:
        return True
    return now - datetime.fromtimestamp(float(last_asked), timezone.utc) >= ASK_INTERVAL


@dataclass(frozen=True)
class Feedback:
    at: datetime
    channel: str
    service_id: str
    agency_id: str
    helpful: bool


class FeedbackRecord(Base):
    __tablename__ = "feedback"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    channel = Column(String(32), nullable=False)
    conversation_id = Column(String(128), nullable=False)
    service_id = Column(String(64), nullable=False)
    agency_id = Column(String(64), nullable=False)
    helpful = Column(Boolean, nullable=False)


class FeedbackLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, conversation_id: str, feedback: Feedback) -> None:
        with self._db.transaction() as session:
            session.add(FeedbackRecord(conversation_id=conversation_id, **feedback.__dict__))

    def since(self, moment: datetime) -> list[Feedback]:
        query = select(FeedbackRecord).where(FeedbackRecord.at >= moment).order_by(FeedbackRecord.at)
        with self._db.transaction() as session:
            return [
                Feedback(r.at, r.channel, r.service_id, r.agency_id, r.helpful)
                for r in session.execute(query).scalars()
            ]
