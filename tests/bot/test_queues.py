from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

from bot.audit import AuditLog, StaffAction
from bot.catalog import Catalog
from bot.db import Database
from bot.handoff_records import HandoffReason, HandoffStatus
from bot.queues import Queues


def test_crisis_goes_to_the_top_of_the_queue(database: Database) -> None:
    queues = Queues(database)
    first = queues.open("c1", "sms", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    second = queues.open("c2", "webchat", "contact_center", HandoffReason.MISUNDERSTOOD)
    crisis = queues.open("c3", "telegram", "contact_center", HandoffReason.CRISIS)
    assert [h.id for h in queues.waiting({"contact_center"})] == [crisis.id, first.id, second.id]
    assert queues.position(second.id) == 2


def test_each_agency_sees_only_its_queue_and_the_contact_center_sees_all(database: Database) -> None:
    queues = Queues(database)
    water = queues.open("c1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    housing = queues.open("c2", "sms", "housing", HandoffReason.STAFF_SERVICE, "tenant_rights")
    assert [h.id for h in queues.waiting({"water"})] == [water.id]
    assert {h.id for h in queues.waiting()} == {water.id, housing.id}


def test_exactly_one_of_many_simultaneous_claims_wins(database: Database) -> None:
    queues = Queues(database)
    handoff = queues.open("c1", "sms", "housing", HandoffReason.STAFF_SERVICE)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda n: queues.claim(handoff.id, f"staff{n}"), range(8)))
    assert results.count(True) == 1
    claimed = queues.get(handoff.id)
    assert claimed is not None and claimed.status is HandoffStatus.CLAIMED
    assert claimed.claimed_by == f"staff{results.index(True)}"
    assert queues.waiting() == []


def test_transfer_returns_the_conversation_to_another_agencys_queue_with_a_note_naming_the_agency(
    database: Database, catalog: Catalog
) -> None:
    queues = Queues(database)
    handoff = queues.open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    assert queues.claim(handoff.id, "pat")
    assert queues.transfer(handoff.id, catalog.agencies["water"], "resident has no water since Monday, 12 Fictional Rd")
    [moved] = queues.waiting({"water"})
    assert (moved.id, moved.claimed_by, moved.note) == (
        handoff.id, None, "Transferred to Water and Sewer Utility: resident has no water since Monday, 12 Fictional Rd")


def test_a_closed_handoff_cannot_be_claimed_or_closed_again(database: Database, catalog: Catalog) -> None:
    queues = Queues(database)
    handoff = queues.open("c1", "sms", "parks", HandoffReason.ASKED_FOR_PERSON)
    assert queues.close(handoff.id, "answered by phone")
    assert not queues.close(handoff.id, "again")
    assert not queues.claim(handoff.id, "pat")
    assert not queues.transfer(handoff.id, catalog.agencies["water"], "")


def test_the_audit_log_keeps_who_did_what_to_which_conversation(database: Database) -> None:
    log = AuditLog(database)
    log.record("pat", StaffAction.CLAIM, conversation_id="c1", subject="handoff:1")
    log.record("pat", StaffAction.REPLY, conversation_id="c1", detail="reply sent")
    log.record("sam", StaffAction.CLAIM, conversation_id="c2")
    entries = log.for_conversation("c1")
    assert [(e.actor, e.action) for e in entries] == [("pat", StaffAction.CLAIM), ("pat", StaffAction.REPLY)]
    assert entries[0].at <= entries[1].at


def test_a_transfer_note_survives_resolution_and_a_closed_handoff_stays_closed(
    database: Database, catalog: Catalog
) -> None:
    queues = Queues(database)
    handoff = queues.open("c-notes", "sms", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    housing = catalog.agencies["housing"]
    assert queues.transfer(handoff.id, housing, "tenant says the boiler is out")
    assert queues.close(handoff.id, "inspector booked for 9am", "Resolved")
    closed = queues.get(handoff.id)
    assert closed is not None and closed.note.splitlines() == [
        f"Transferred to {housing.name}: tenant says the boiler is out", "Resolved: inspector booked for 9am"]
    assert not queues.close(handoff.id, "again") and not queues.transfer(handoff.id, catalog.agencies["water"], "late")


def test_a_claim_moves_to_another_holder_or_back_to_the_queue_only_while_the_expected_holder_has_it(
    database: Database,
) -> None:
    queues = Queues(database)
    handoff = queues.open("c-move", "sms", "parks", HandoffReason.ASKED_FOR_PERSON)
    assert not queues.reassign(handoff.id, "pat", "sam")  # waiting: nobody holds it
    assert queues.claim(handoff.id, "pat")
    assert not queues.reassign(handoff.id, "robin", "sam")  # pat, not robin, holds it
    assert queues.reassign(handoff.id, "pat", "sam")
    assert [h.id for h in queues.claimed(username="sam")] == [handoff.id] and queues.claimed(username="pat") == []
    assert not queues.release(handoff.id, "pat")
    assert queues.release(handoff.id, "sam")
    [back] = queues.waiting({"parks"})
    assert (back.id, back.status, back.claimed_by) == (handoff.id, HandoffStatus.WAITING, None)


def test_a_transfer_starts_the_residents_wait_afresh_in_the_new_queue(database: Database, catalog: Catalog) -> None:
    queues = Queues(database)
    handoff = queues.open("c1", "webchat", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    assert handoff.waiting_since == handoff.created_at
    late = handoff.created_at + timedelta(minutes=15)
    assert queues.mark_held(handoff.id, late) and not queues.mark_held(handoff.id, late)
    assert queues.escalate(handoff.id, late, "for a supervisor") and not queues.escalate(handoff.id, late, "again")
    assert queues.transfer(handoff.id, catalog.agencies["water"], "")
    moved = queues.get(handoff.id)
    assert moved is not None and (moved.held_at, moved.escalated_at) == (None, None)
    assert moved.waiting_since is not None and in_utc(moved.waiting_since) >= handoff.created_at
    assert moved.note == "Escalated: for a supervisor"


def in_utc(moment: datetime) -> datetime:
    """SQLite hands time stamps back without their zone; every one is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
