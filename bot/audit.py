"""The audit log: every staff action, with who, what, when and which conversation."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, DateTime, Integer, String, Text, select
from sqlalchemy.sql import Select

from bot.db import Base, Database, utc_now, value_enum


class StaffAction(str, enum.Enum):
    SIGN_IN = "sign_in"
    CLAIM = "claim"
    # A supervisor or admin moving a claimed conversation: to themselves, to someone else, back to the queue.
    TAKE_OVER = "take_over"
    REASSIGN = "reassign"
    RELEASE = "release"
    REPLY = "reply"
    TRANSFER = "transfer"
    RESOLVE = "resolve"
    HAND_BACK = "hand_back"
    CASE_STATUS = "case_status"
    USER_ADDED = "user_added"
    TRIAGE = "triage"
    TRIAGE_EXPORT = "triage_export"
    # A resident's data deleted on request (`python -m bot forget`): the counts, never who.
    FORGET = "forget"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    # bandit B105: the name of an audited action, not a password
    PASSWORD_CHANGED = "password_changed"  # nosec B105
    # bandit B105: the name of an audited action, not a password
    PASSWORD_RESET = "password_reset"  # nosec B105
    USER_DEACTIVATED = "user_deactivated"
    USER_REACTIVATED = "user_reactivated"
    ROLE_CHANGED = "role_changed"
    TRANSCRIPT_OPENED = "transcript_opened"
    BREACH_ACKNOWLEDGED = "breach_acknowledged"


class AuditRecord(Base):
    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    actor = Column(String(64), nullable=False, index=True)
    action = Column(value_enum(StaffAction, 20), nullable=False)
    conversation_id = Column(String(128), index=True)
    subject = Column(String(64))
    detail = Column(Text, nullable=False, default="")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries an admin asks for; an empty field matches everything."""

    actor: str = ""
    conversation_id: str = ""
    case_reference: str = ""


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: StaffAction
    conversation_id: str | None
    subject: str | None
    detail: str


class AuditLog:
    """Append-only: entries are written and read, never changed.

    Note:
        Two exceptions, both in `bot/retention/`: `purge` deletes entries older than the audit period, and
        `forget` removes a forgotten resident's conversation id and staff's notes from the entries about them.
    """

    def __init__(self, database: Database) -> None:
        self._db = database

    def record(
        self,
        actor: str,
        action: StaffAction,
        conversation_id: str | None = None,
        subject: str | None = None,
        detail: str = "",
    ) -> None:
        with self._db.transaction() as session:
            session.add(
                AuditRecord(
                    actor=actor, action=action, conversation_id=conversation_id, subject=subject, detail=detail
                )
            )

    def for_conversation(self, conversation_id: str) -> list[AuditEntry]:
        return self._entries(
            select(AuditRecord).where(AuditRecord.conversation_id == conversation_id).order_by(AuditRecord.id)
        )

    def search(self, wanted: AuditFilter, page: int = 1, per_page: int = 50) -> tuple[list[AuditEntry], bool]:
        """One page of matching entries, newest first, and whether an older page follows.

        A case is found by its reference, which case entries hold as their subject.
        """
        query = select(AuditRecord)
        if wanted.actor:
            query = query.where(AuditRecord.actor == wanted.actor)
        if wanted.conversation_id:
            query = query.where(AuditRecord.conversation_id == wanted.conversation_id)
        if wanted.case_reference:
            query = query.where(AuditRecord.subject == wanted.case_reference)
        query = query.order_by(AuditRecord.id.desc()).offset((max(page, 1) - 1) * per_page).limit(per_page + 1)
        entries = self._entries(query)
        return entries[:per_page], len(entries) > per_page

    def _entries(self, query: Select) -> list[AuditEntry]:
        with self._db.transaction() as session:
            return [
                AuditEntry(r.at, r.actor, r.action, r.conversation_id, r.subject, r.detail)
                for r in session.execute(query).scalars()
            ]
