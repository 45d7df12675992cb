"""The breach alerts staff have been shown, kept until someone acknowledges them: a reload, another console page or
another replica shows the same open alerts, and an acknowledgement ends an alert for everyone
(docs/adr/0020-breach-alerts-until-acknowledged.md).

An alert names the handoff, the queue it waited in, and the wait against the standard; never a resident's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, Integer, String, select, update

from bot.db import Base, Database


class BreachAlertRecord(Base):
    __tablename__ = "breach_alerts"

    id = Column(Integer, primary_key=True)
    handoff_id = Column(Integer, nullable=False, index=True)
    # The queue the resident waited in when the standard passed: whose staff see the alert.
    agency_id = Column(String(64), nullable=False)
    waited_minutes = Column(Integer, nullable=False)
    standard_minutes = Column(Integer, nullable=False)
    crisis = Column(Boolean, nullable=False, default=False)
    alerted_at = Column(DateTime(timezone=True), nullable=False)
    # Open while None; an index finds the open ones at every page's stream opening.
    acknowledged_at = Column(DateTime(timezone=True), index=True)
    acknowledged_by = Column(String(64))


@dataclass(frozen=True)
class Alert:
    id: int
    handoff_id: int
    agency_id: str
    waited_minutes: int
    standard_minutes: int
    crisis: bool
    alerted_at: datetime
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None


class BreachLog:
    """Open and acknowledged breach alerts in the database, shared by every process."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def record(self, handoff_id: int, agency_id: str, waited_minutes: int, standard_minutes: int, crisis: bool,
               at: datetime) -> Alert:
        """Keep a new open alert; the caller won the breach's mark, so each breach is recorded once."""
        record = BreachAlertRecord(handoff_id=handoff_id, agency_id=agency_id, waited_minutes=waited_minutes,
                                   standard_minutes=standard_minutes, crisis=crisis, alerted_at=at)
        with self._db.transaction() as session:
            session.add(record)
            session.flush()
            return _alert(record)

    def unacknowledged(self, agency_ids: set[str] | None = None) -> list[Alert]:
        """Open alerts, oldest first: of `agency_ids`' queues, or every queue's when None."""
        query = select(BreachAlertRecord).where(BreachAlertRecord.acknowledged_at.is_(None))
        if agency_ids is not None:
            query = query.where(BreachAlertRecord.agency_id.in_(agency_ids))
        with self._db.transaction() as session:
            return [_alert(record) for record in session.execute(query.order_by(BreachAlertRecord.id)).scalars()]

    def get(self, alert_id: int) -> Alert | None:
        with self._db.transaction() as session:
            record = session.get(BreachAlertRecord, alert_id)
            return _alert(record) if record else None

    def acknowledge(self, alert_id: int, username: str, at: datetime) -> bool:
        """End an open alert; True for exactly one of simultaneous acknowledgements (one conditional UPDATE)."""
        with self._db.transaction() as session:
            result = session.execute(
                update(BreachAlertRecord)
                .where(BreachAlertRecord.id == alert_id, BreachAlertRecord.acknowledged_at.is_(None))
                .values(acknowledged_at=at, acknowledged_by=username)
                .execution_options(synchronize_session=False)
            )
            return bool(result.rowcount == 1)


def _alert(record: BreachAlertRecord) -> Alert:
    return Alert(id=record.id, handoff_id=record.handoff_id, agency_id=record.agency_id,
                 waited_minutes=record.waited_minutes, standard_minutes=record.standard_minutes,
                 crisis=bool(record.crisis), alerted_at=record.alerted_at, acknowledged_at=record.acknowledged_at,
                 acknowledged_by=record.acknowledged_by)
