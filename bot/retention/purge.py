"""`python -m bot purge`: apply every table's retention rule (docs/retention.md); safe to run again and again.

Each step removes what its rule says has been kept long enough and records how many rows it touched. Open cases
and handoffs keep what staff need, and an address stays while a reply may still have to reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.sql import Select

from bot.audit import AuditRecord
from bot.cases import AttachmentRecord, CaseRecord, CaseStatus
from bot.db import Database
from bot.feedback import FeedbackRecord
from bot.handoff_records import HandoffRecord, HandoffStatus
from bot.live_events import KEPT as LIVE_CHANGES_KEPT
from bot.live_events import ChangeRecord
from bot.messaging.contacts import ContactRecord
from bot.messaging.inbound import InboundRecord
from bot.messaging.outbox import OutboxRecord, OutboxStatus
from bot.retention import trackers
from bot.retention.policy import RetentionPolicy
from bot.retention.records import anonymise_cases, anonymise_handoffs, run
from bot.retention.work import Removed, Stores, changes
from bot.unresolved import UnresolvedRecord

OPEN_CASES = (CaseStatus.OPEN, CaseStatus.IN_PROGRESS)
FINISHED_CASES = (CaseStatus.RESOLVED, CaseStatus.CLOSED)

Step = Callable[[Stores, RetentionPolicy, datetime, Removed], None]


def purge(
    database: Database, tracker_store: Engine | None, policy: RetentionPolicy, now: datetime, dry_run: bool = False
) -> Removed:
    """Apply every retention rule at `now`; a dry run counts what would go and changes nothing."""
    removed = Removed()
    with changes(database, tracker_store, dry_run) as stores:
        for step in STEPS:
            step(stores, policy, now, removed)
    return removed


def _open_case_conversations() -> Select:
    return select(CaseRecord.conversation_id).where(CaseRecord.status.in_(OPEN_CASES))


def _open_handoff_conversations() -> Select:
    return select(HandoffRecord.conversation_id).where(HandoffRecord.status != HandoffStatus.CLOSED)


def _conversations(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """Rasa's conversations quiet for the period go, with their address and queued messages, unless an open
    case or handoff still needs them (staff may yet write to the resident)."""
    if stores.trackers is None:
        return
    session = stores.session
    needed = set(session.execute(_open_case_conversations()).scalars())
    needed |= set(session.execute(_open_handoff_conversations()).scalars())
    gone = [sender for sender in trackers.quiet_since(stores.trackers, now - policy.conversations)
            if sender not in needed]
    removed.delete("events", trackers.delete_conversations(stores.trackers, gone))
    for start in range(0, len(gone), trackers.CHUNK):
        chunk = gone[start:start + trackers.CHUNK]
        removed.delete("channel_contacts", run(session, delete(ContactRecord).where(
            ContactRecord.sender_id.in_(chunk)
        )))
        removed.delete("outbox", run(session, delete(OutboxRecord).where(OutboxRecord.recipient.in_(chunk))))


def _contacts(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """An address outlives the resident's last message by the contact window, unless an open case or handoff
    may still send them news, or a reply to them is still waiting to be sent.

    Note:
        An opted-out sender's row stays without its address (until their conversation goes), so that One Door
        keeps honouring STOP when they write again, as Twilio does.
    """
    unsent = select(OutboxRecord.recipient).where(OutboxRecord.status == OutboxStatus.PENDING)
    stale = and_(
        ContactRecord.last_seen_at < now - policy.contact_window,
        ContactRecord.sender_id.not_in(_open_case_conversations()),
        ContactRecord.sender_id.not_in(_open_handoff_conversations()),
        ContactRecord.sender_id.not_in(unsent),
    )
    session = stores.session
    removed.delete("channel_contacts", run(session, delete(ContactRecord).where(
        stale, ContactRecord.opted_out.is_(False)
    )))
    removed.anonymise("channel_contacts", run(session, update(ContactRecord).where(
        stale, ContactRecord.opted_out.is_(True), ContactRecord.address != ""
    ).values(address="", choices="[]")))


def _waiting_attachments(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """A number or photo kept for "the next case" goes when no case followed within the contact window of the
    conversation's last message."""
    cutoff = now - policy.contact_window
    active = select(ContactRecord.sender_id).where(ContactRecord.last_seen_at >= cutoff)
    removed.delete("case_attachments", run(stores.session, delete(AttachmentRecord).where(
        AttachmentRecord.case_id.is_(None),
        AttachmentRecord.created_at < cutoff,
        AttachmentRecord.conversation_id.not_in(active),
    )))


def _finished_cases(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """Resolved and closed cases lose their personal details once unchanged for the period."""
    anonymise_cases(stores.session, and_(
        CaseRecord.status.in_(FINISHED_CASES), CaseRecord.updated_at < now - policy.conversations
    ), removed)


def _closed_handoffs(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    anonymise_handoffs(stores.session, and_(
        HandoffRecord.status == HandoffStatus.CLOSED, HandoffRecord.closed_at < now - policy.conversations
    ), removed)


def _unresolved(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    removed.delete("unresolved_messages", run(stores.session, delete(UnresolvedRecord).where(
        UnresolvedRecord.at < now - policy.conversations
    )))


def _outbox(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """Delivered and failed messages go after the period (their text is in the conversation); pending ones stay."""
    cutoff = now - policy.conversations
    removed.delete("outbox", run(stores.session, delete(OutboxRecord).where(or_(
        and_(OutboxRecord.status == OutboxStatus.SENT, OutboxRecord.sent_at < cutoff),
        and_(OutboxRecord.status == OutboxStatus.FAILED, OutboxRecord.created_at < cutoff),
    ))))


def _delivery_marks(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    removed.delete("inbound_deliveries", run(stores.session, delete(InboundRecord).where(
        InboundRecord.received_at < now - policy.delivery_marks
    )))


def _feedback(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    removed.delete("feedback", run(stores.session, delete(FeedbackRecord).where(
        FeedbackRecord.at < now - policy.feedback
    )))


def _audit(stores: Stores, policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    removed.delete("audit_log", run(stores.session, delete(AuditRecord).where(AuditRecord.at < now - policy.audit)))


def _live_changes(stores: Stores, _policy: RetentionPolicy, now: datetime, removed: Removed) -> None:
    """Live console changes are read seconds after they happen; an hour's are kept for a console's catch-up."""
    removed.delete("live_changes", run(stores.session, delete(ChangeRecord).where(
        ChangeRecord.at < now - LIVE_CHANGES_KEPT
    )))


STEPS: tuple[Step, ...] = (
    _conversations, _contacts, _waiting_attachments, _finished_cases, _closed_handoffs, _unresolved, _outbox,
    _delivery_marks, _feedback, _audit, _live_changes,
)
