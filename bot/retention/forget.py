"""`python -m bot forget`: delete one resident's data everywhere, on request, and say what went.

A resident is one conversation: their phone number or Telegram chat id (through its keyed hash), a web chat
session id, or the conversation of a case they quote. Everything keyed by that conversation is deleted, except
what the city's reports count: cases and handoffs stay as anonymous stubs (service, agency, channel, status and
dates; no location, description, contact, attachments, notes or conversation id), and audit entries keep who
did what and when, but not to whom. The run itself is audited, with counts and without the address.
"""

from __future__ import annotations

import re
from datetime import datetime

import phonenumbers
from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from bot import references
from bot.audit import AuditRecord, StaffAction
from bot.cases import AttachmentRecord, CaseRecord, CaseStatus, CaseUpdateRecord
from bot.db import Database
from bot.feedback import FeedbackRecord
from bot.handoff_records import HandoffRecord, HandoffStatus
from bot.messaging.contacts import ContactRecord, pseudonym
from bot.messaging.inbound import InboundRecord
from bot.messaging.outbox import OutboxRecord
from bot.retention import trackers
from bot.retention.purge import OPEN_CASES
from bot.retention.records import anonymise_audit, anonymise_cases, anonymise_handoffs, run
from bot.retention.work import REMOVED, Removed, Stores, changes
from bot.unresolved import UnresolvedRecord

# Channels whose conversation id is a keyed hash of the address, and those whose session id is the conversation id.
HASHED_CHANNELS = ("sms", "telegram")
SESSION_CHANNELS = ("webchat", "rest")
_CHAT_ID = re.compile(r"-?[0-9]{1,20}")


class NotAResident(ValueError):
    """What was given names no conversation; the message says what to give instead, without repeating it."""


def conversation_for(channel: str, address: str, key: bytes) -> str:
    """The conversation id of an address: a phone number (with country code), a chat id or a session id.

    Raises:
        NotAResident: for an unknown channel, a malformed address, or a hashed channel without the key.
    """
    address = address.strip()
    if channel in SESSION_CHANNELS and address:
        return address
    if channel not in HASHED_CHANNELS:
        raise NotAResident(f"channel must be one of {', '.join(HASHED_CHANNELS + SESSION_CHANNELS)}")
    if not key:
        raise NotAResident("ONE_DOOR_PSEUDONYM_KEY must be set to the key the channels use")
    if channel == "sms":
        return pseudonym(channel, _e164(address), key)
    if not _CHAT_ID.fullmatch(address):
        raise NotAResident("a Telegram chat id is a whole number")
    return pseudonym(channel, address, key)


def _e164(number: str) -> str:
    """The number as Twilio sends it (+15551234567), whatever spaces, dashes or brackets it was typed with."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException as error:
        raise NotAResident("give the phone number with its country code, such as +1 555 123 4567") from error
    if not phonenumbers.is_possible_number(parsed):
        raise NotAResident("that is not a possible phone number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def conversation_of_case(database: Database, reference: str) -> str:
    """The conversation that filed a case, from its reference in any typed form.

    Raises:
        NotAResident: when no case has that reference, or its resident was already forgotten.
    """
    canonical = references.parse(reference)
    with database.transaction() as session:
        found = session.execute(
            select(CaseRecord.conversation_id).where(CaseRecord.reference == canonical)
        ).scalar_one_or_none() if canonical else None
    if found is None:
        raise NotAResident("no case has that reference")
    if found == REMOVED:
        raise NotAResident("that case's personal data was already removed; name the resident by address instead")
    return str(found)


def forget(
    database: Database,
    tracker_store: Engine | None,
    conversation_id: str,
    actor: str,
    now: datetime,
    dry_run: bool = False,
) -> Removed:
    """Delete or anonymise every record of one conversation; a dry run counts and changes nothing.

    Open cases are closed and open handoffs leave their queue: with the details gone, staff could not act
    on them, and the resident asked for them to go.
    """
    if not conversation_id or conversation_id == REMOVED:
        raise NotAResident("a conversation id is needed")
    removed = Removed()
    with changes(database, tracker_store, dry_run) as stores:
        _delete_keyed(stores, conversation_id, removed)
        _close_open_work(stores, conversation_id, now)
        mine = CaseRecord.conversation_id == conversation_id
        anonymise_cases(stores.session, mine, removed)
        anonymise_handoffs(stores.session, HandoffRecord.conversation_id == conversation_id, removed)
        anonymise_audit(stores.session, conversation_id, removed)
        if not dry_run:
            stores.session.add(AuditRecord(at=now, actor=actor, action=StaffAction.FORGET, detail=removed.summary()))
    return removed


def _delete_keyed(stores: Stores, conversation_id: str, removed: Removed) -> None:
    """Delete the rows that exist only for this conversation: its messages, address, queue and marks."""
    if stores.trackers is not None:
        removed.delete("events", trackers.delete_conversations(stores.trackers, [conversation_id]))
    session = stores.session
    for table, statement in (
        ("channel_contacts", delete(ContactRecord).where(ContactRecord.sender_id == conversation_id)),
        ("outbox", delete(OutboxRecord).where(OutboxRecord.recipient == conversation_id)),
        ("inbound_deliveries", delete(InboundRecord).where(InboundRecord.sender_id == conversation_id)),
        ("case_attachments", delete(AttachmentRecord).where(AttachmentRecord.conversation_id == conversation_id)),
        ("unresolved_messages", delete(UnresolvedRecord).where(UnresolvedRecord.conversation_id == conversation_id)),
        ("feedback", delete(FeedbackRecord).where(FeedbackRecord.conversation_id == conversation_id)),
    ):
        removed.delete(table, run(session, statement))


def _close_open_work(stores: Stores, conversation_id: str, now: datetime) -> None:
    session = stores.session
    open_cases = session.execute(
        select(CaseRecord).where(CaseRecord.conversation_id == conversation_id, CaseRecord.status.in_(OPEN_CASES))
    ).scalars().all()
    for case in open_cases:
        case.status = CaseStatus.CLOSED
        case.updated_at = now
        session.add(CaseUpdateRecord(case_id=case.id, at=now, status=CaseStatus.CLOSED, note=""))
    session.flush()
    run(session, update(HandoffRecord).where(
        HandoffRecord.conversation_id == conversation_id, HandoffRecord.status != HandoffStatus.CLOSED
    ).values(status=HandoffStatus.CLOSED, closed_at=now))
