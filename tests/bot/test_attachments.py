"""Photos and phone numbers a channel records go with the next case the conversation files, and only that."""

from __future__ import annotations

from bot.attachments import Attachment, AttachmentKind, Attachments
from bot.cases import CaseStore, NewCase
from bot.db import Database

PHOTO = Attachment(AttachmentKind.PHOTO, "https://media.example.test/pothole.jpg", "sms")
PHONE = Attachment(AttachmentKind.PHONE, "+15551234567", "sms")


def _file(store: CaseStore, conversation_id: str) -> str:
    new = NewCase(service_id="pothole_report", agency_id="public_works", channel="sms", conversation_id=conversation_id)
    return store.create(new).reference


def test_a_case_takes_its_conversations_attachments_once(database: Database) -> None:
    attachments, store = Attachments(database), CaseStore(database)
    attachments.add("sms-a", PHOTO)
    attachments.add("sms-a", PHONE)
    attachments.add("sms-a", PHONE)
    attachments.add("sms-b", Attachment(AttachmentKind.PHOTO, "https://media.example.test/other.jpg", "sms"))
    first = _file(store, "sms-a")
    second = _file(store, "sms-a")
    by_reference = {case.view.reference: case for case in store.for_conversation("sms-a")}
    assert by_reference[first].attachments == [PHOTO, PHONE]
    assert by_reference[second].attachments == []
