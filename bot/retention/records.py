"""Removing personal details from records that reports still count: cases, their updates, handoffs, audit entries.

A case keeps its reference, service, agency, channel, status history and dates, so that resolution times and
volumes stay right; a handoff keeps its agency, service, reason and times. What could identify the resident
goes: the location, description and contact a form collected, attachments, staff notes (written to or about
the resident), and the conversation id, which is a keyed hash of their address.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, Delete, Update

from bot.audit import AuditRecord
from bot.cases import AttachmentRecord, CaseRecord, CaseUpdateRecord
from bot.handoff_records import HandoffRecord
from bot.retention.work import REMOVED, Removed


def run(session: Session, statement: Update | Delete) -> int:
    """Execute a bulk UPDATE or DELETE; returns how many rows it touched."""
    return int(session.execute(statement.execution_options(synchronize_session=False)).rowcount)


def anonymise_cases(session: Session, which: ColumnElement[bool], removed: Removed) -> None:
    """Strip the cases matching `which` (and not yet stripped) of everything personal."""
    not_yet = and_(which, CaseRecord.conversation_id != REMOVED)
    chosen = select(CaseRecord.id).where(not_yet)
    removed.delete("case_attachments", run(session, delete(AttachmentRecord).where(
        AttachmentRecord.case_id.in_(chosen)
    )))
    removed.anonymise("case_updates", run(session, update(CaseUpdateRecord).where(
        CaseUpdateRecord.case_id.in_(chosen), CaseUpdateRecord.note != ""
    ).values(note="")))
    removed.anonymise("cases", run(session, update(CaseRecord).where(not_yet).values(
        location=None, description=None, contact=None, conversation_id=REMOVED
    )))


def anonymise_handoffs(session: Session, which: ColumnElement[bool], removed: Removed) -> None:
    """Strip the handoffs matching `which` (and not yet stripped) of their note and conversation id."""
    removed.anonymise("handoffs", run(session, update(HandoffRecord).where(
        which, HandoffRecord.conversation_id != REMOVED
    ).values(note="", conversation_id=REMOVED)))


def anonymise_audit(session: Session, conversation_id: str, removed: Removed) -> None:
    """Keep who did what and when to a forgotten resident's conversation, but not which one, nor staff's notes."""
    removed.anonymise("audit_log", run(session, update(AuditRecord).where(
        AuditRecord.conversation_id == conversation_id
    ).values(conversation_id=REMOVED, detail="")))
