"""Each table's retention rule, applied by `purge` at a fixed instant to records written at fixed instants."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import select, text

from bot import migrate
from bot.attachments import Attachment, AttachmentKind, Attachments
from bot.audit import AuditLog, AuditRecord, StaffAction
from bot.cases import CaseRecord, CaseStatus, CaseStore, CaseUpdateRecord, NewCase
from bot.cli import main
from bot.db import Database, make_engine
from bot.feedback import Feedback, FeedbackLog
from bot.handoff_records import HandoffReason, HandoffRecord
from bot.messaging.contacts import Contacts
from bot.messaging.inbound import InboundLog
from bot.messaging.outbox import Outbox, OutboxRecord, Outgoing
from bot.queues import Queues
from bot.retention.policy import RetentionPolicy
from bot.retention.purge import purge
from bot.retention.work import REMOVED
from bot.settings import Settings
from bot.unresolved import UnresolvedKind, UnresolvedLog
from tests.bot.conftest import TrackerStore

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
POLICY = RetentionPolicy()
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


def ago(delta: timedelta) -> time_machine.travel:
    """Write records as if `delta` before NOW."""
    return time_machine.travel(NOW - delta, tick=False)


def _save_conversation(trackers: TrackerStore, sender: str, age: timedelta, text_: str = "hello") -> None:
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered(text_, timestamp=(NOW - age).timestamp()))
    asyncio.run(trackers.store.save(tracker))


def _contacts(database: Database) -> set[str]:
    with database.transaction() as session:
        return set(session.execute(text("select sender_id from channel_contacts")).scalars())


def test_an_address_goes_a_day_after_the_last_message_unless_something_open_needs_it(database: Database) -> None:
    contacts, cases, queues, outbox = Contacts(database), CaseStore(database), Queues(database), Outbox(database)
    for sender in ("sms-quiet", "sms-open-case", "sms-closed-case", "sms-handoff", "sms-unsent"):
        contacts.remember("sms", sender, "+15550000000", at=NOW - 25 * HOUR)
    contacts.remember("sms", "sms-recent", "+15550000001", at=NOW - 23 * HOUR)
    contacts.remember("sms", "sms-stopped", "+15550000002", at=NOW - 25 * HOUR)
    contacts.set_opted_out("sms-stopped", True)
    with ago(30 * HOUR):
        cases.create(NewCase("pothole_report", "public_works", "sms", "sms-open-case"))
        closed = cases.create(NewCase("pothole_report", "public_works", "sms", "sms-closed-case"))
        cases.set_status(closed.reference, CaseStatus.CLOSED, "fixed")
        queues.open("sms-handoff", "sms", "housing", HandoffReason.ASKED_FOR_PERSON)
        outbox.enqueue("sms", "sms-unsent", Outgoing("reply still to send"))

    removed = purge(database, None, POLICY, NOW)

    assert (removed.deleted["channel_contacts"], removed.anonymised["channel_contacts"]) == (2, 1)
    assert _contacts(database) == {"sms-recent", "sms-open-case", "sms-handoff", "sms-unsent", "sms-stopped"}
    assert (contacts.address("sms-stopped"), contacts.is_opted_out("sms-stopped")) == (None, True)
    assert purge(database, None, POLICY, NOW).total() == 0


def test_a_number_kept_for_the_next_case_goes_when_no_case_follows(database: Database) -> None:
    attachments, contacts, cases = Attachments(database), Contacts(database), CaseStore(database)
    phone = Attachment(AttachmentKind.PHONE, "+15550000000", "sms")
    with ago(2 * DAY):
        attachments.add("sms-quiet", phone)
        attachments.add("sms-still-talking", phone)
        attachments.add("sms-filed", phone)
        filed = cases.create(NewCase("pothole_report", "public_works", "sms", "sms-filed"))
    contacts.remember("sms", "sms-still-talking", "+15550000000", at=NOW - HOUR)

    removed = purge(database, None, POLICY, NOW)

    assert removed.deleted["case_attachments"] == 1
    with database.transaction() as session:
        left = set(session.execute(text("select conversation_id from case_attachments")).scalars())
    assert left == {"sms-still-talking", "sms-filed"}
    assert cases.find(filed.reference) is not None


def test_a_finished_case_keeps_its_facts_but_loses_personal_details_after_the_period(database: Database) -> None:
    cases, attachments = CaseStore(database), Attachments(database)
    with ago(100 * DAY):
        attachments.add("sms-old", Attachment(AttachmentKind.PHONE, "+15550000000", "sms"))
        old = cases.create(NewCase("pothole_report", "public_works", "sms", "sms-old", "12 Elm Street",
                                   "deep hole by the bakery", "+15550000000"))
        cases.set_status(old.reference, CaseStatus.RESOLVED, "Filled it, thanks Quentin")
        still_open = cases.create(NewCase("pothole_report", "public_works", "webchat", "web-open", "3 Oak Road"))
    with ago(10 * DAY):
        recent = cases.create(NewCase("graffiti_report", "public_works", "webchat", "web-recent", "9 Ash Lane"))
        cases.set_status(recent.reference, CaseStatus.CLOSED, "done")

    removed = purge(database, None, POLICY, NOW)

    assert (removed.anonymised["cases"], removed.anonymised["case_updates"], removed.deleted["case_attachments"]) == (
        1, 1, 1)
    with database.transaction() as session:
        stub = session.execute(select(CaseRecord).where(CaseRecord.reference == old.reference)).scalar_one()
        assert (stub.location, stub.description, stub.contact, stub.conversation_id) == (None, None, None, REMOVED)
        assert (stub.service_id, stub.agency_id, stub.channel, stub.status) == (
            "pothole_report", "public_works", "sms", CaseStatus.RESOLVED)
        assert stub.created_at.replace(tzinfo=stub.created_at.tzinfo or timezone.utc) == NOW - 100 * DAY
        history = session.execute(select(CaseUpdateRecord.status, CaseUpdateRecord.note)
                                  .where(CaseUpdateRecord.case_id == stub.id).order_by(CaseUpdateRecord.id)).all()
        assert history == [(CaseStatus.OPEN, ""), (CaseStatus.RESOLVED, "")]
    assert [c.location for c in cases.for_conversation("web-open")] == ["3 Oak Road"]
    assert [c.location for c in cases.for_conversation("web-recent")] == ["9 Ash Lane"]
    assert purge(database, None, POLICY, NOW).total() == 0


def test_a_closed_handoff_loses_its_note_and_conversation_after_the_period(database: Database) -> None:
    queues = Queues(database)
    with ago(100 * DAY):
        old = queues.open("web-old", "webchat", "housing", HandoffReason.ASKED_FOR_PERSON)
        queues.close(old.id, "resident Quentin will call back")
        waiting = queues.open("web-waiting", "webchat", "housing", HandoffReason.CRISIS)
    with ago(10 * DAY):
        recent = queues.open("web-recent", "webchat", "housing", HandoffReason.ASKED_FOR_PERSON)
        queues.close(recent.id, "sorted")

    assert purge(database, None, POLICY, NOW).anonymised["handoffs"] == 1
    with database.transaction() as session:
        rows = dict(session.execute(select(HandoffRecord.id, HandoffRecord.conversation_id)).all())
        note = session.get(HandoffRecord, old.id).note
    assert rows == {old.id: REMOVED, waiting.id: "web-waiting", recent.id: "web-recent"}
    assert note == ""


def test_messages_marks_feedback_and_audit_go_after_their_own_periods(database: Database) -> None:
    unresolved, outbox, inbound = UnresolvedLog(database), Outbox(database), InboundLog(database)
    feedback, audit = FeedbackLog(database), AuditLog(database)
    for age in (91 * DAY, 89 * DAY):
        unresolved.record("blorp", "sms", "sms-a", [], UnresolvedKind.FALLBACK, at=NOW - age)
        with ago(age):
            outbox.enqueue("sms", "sms-a", Outgoing("first"))
            outbox.enqueue("sms", "sms-a", Outgoing("second"))
    with database.transaction() as session:
        rows = session.execute(select(OutboxRecord).order_by(OutboxRecord.id)).scalars().all()
        for record, status in zip(rows, ["sent", "failed", "sent", "pending"]):
            record.status, record.sent_at = status, record.created_at if status == "sent" else None
    for age in (3 * DAY, DAY):
        with ago(age):
            inbound.first_time("sms", f"SM{age.days}", "sms-a")
    for age, days in ((366 * DAY, 366), (364 * DAY, 364)):
        feedback.record("sms-a", Feedback(NOW - age, "sms", "pothole_report", "public_works", True))
        with ago(2 * age):
            audit.record("pat.example", StaffAction.REPLY, "sms-a", detail=f"{days}")

    removed = purge(database, None, POLICY, NOW)

    assert {table: removed.deleted[table] for table in
            ("unresolved_messages", "outbox", "inbound_deliveries", "feedback", "audit_log")} == {
        "unresolved_messages": 1, "outbox": 2, "inbound_deliveries": 1, "feedback": 1, "audit_log": 1}
    with database.transaction() as session:
        assert list(session.execute(text("select status from outbox order by id")).scalars()) == ["sent", "pending"]
        assert list(session.execute(select(AuditRecord.detail)).scalars()) == ["364"]


def test_feedback_and_audit_periods_come_from_the_settings() -> None:
    policy = RetentionPolicy.from_settings(Settings(retention_days=30, contact_window_hours=6,
                                                    feedback_retention_days=100, audit_retention_days=200), days=7)
    assert (policy.conversations, policy.contact_window, policy.feedback, policy.audit) == (
        7 * DAY, 6 * HOUR, 100 * DAY, 200 * DAY)


def test_quiet_conversations_leave_the_tracker_store_with_their_addresses_unless_still_needed(
    database: Database, trackers: TrackerStore
) -> None:
    for sender, days in [("sms-old", 120), ("sms-recent", 5), ("web-held", 120), ("web-open-case", 120),
                         ("web-closed-case", 120)]:
        _save_conversation(trackers, sender, days * DAY)
    Contacts(database).remember("sms", "sms-old", "+15551234567", at=NOW - 120 * DAY)
    Outbox(database).enqueue("sms", "sms-old", Outgoing("never sent"))
    cases = CaseStore(database)
    with ago(120 * DAY):
        Queues(database).open("web-held", "webchat", "housing", HandoffReason.ASKED_FOR_PERSON)
        for sender in ("web-open-case", "web-closed-case"):
            cases.create(NewCase("pothole_report", "public_works", "webchat", sender))
    cases.set_status(cases.for_conversation("web-closed-case")[0].view.reference, CaseStatus.CLOSED, "done")

    removed = purge(database, make_engine(trackers.url), POLICY, NOW)

    assert removed.deleted["events"] > 0
    assert set(asyncio.run(trackers.store.keys())) == {"sms-recent", "web-held", "web-open-case"}
    assert Contacts(database).address("sms-old") is None
    assert Outbox(database).counts("sms")["pending"] == 0


def test_a_dry_run_counts_what_a_real_run_removes_and_changes_nothing(database: Database,
                                                                     trackers: TrackerStore) -> None:
    _save_conversation(trackers, "sms-old", 120 * DAY)
    Contacts(database).remember("sms", "sms-old", "+15551234567", at=NOW - 120 * DAY)
    UnresolvedLog(database).record("blorp", "sms", "sms-old", [], UnresolvedKind.FALLBACK, at=NOW - 100 * DAY)
    engine = make_engine(trackers.url)

    dry = purge(database, engine, POLICY, NOW, dry_run=True)
    assert dry.deleted["events"] > 0 and dry.deleted["channel_contacts"] == 1
    assert asyncio.run(trackers.store.keys()) == ["sms-old"]
    assert Contacts(database).address("sms-old") == "+15551234567"
    assert purge(database, engine, POLICY, NOW) == dry
    assert purge(database, engine, POLICY, NOW).total() == 0


def test_the_purge_command_prints_counts_per_table_and_is_safe_to_repeat(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/onedoor.db"
    migrate.upgrade(url)
    UnresolvedLog(Database(make_engine(url))).record("zork blorp", "sms", "sms-a", [], UnresolvedKind.FALLBACK,
                                                     at=datetime(2000, 1, 1, tzinfo=timezone.utc))
    command = ["purge", "--days", "30", "--url", url, "--trackers", ""]
    assert main(command) == 0
    first = capsys.readouterr().out
    assert main(command) == 0
    second = capsys.readouterr().out
    assert "unresolved_messages: 1 deleted" in first and "unresolved_messages: 0 deleted" in second
    assert "cases: 0 anonymised" in first and "tracker store not configured" in first
    assert "zork" not in first
