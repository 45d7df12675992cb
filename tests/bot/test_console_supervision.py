"""A contact centre's console over real HTTP: my conversations, supervisors taking over, reassigning and
releasing, signed staff replies, service levels in minutes, local times and titles rather than ids."""

from __future__ import annotations

from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from bot.audit import AuditEntry, AuditLog, StaffAction
from bot.catalog import Catalog
from bot.console.app import Console
from bot.db import Database
from bot.handoff_records import Handoff, HandoffReason, HandoffRecord, HandoffStatus
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from tests.bot.console_client import T0, Clock, RecordingRasa, browser, csrf_of, make_console, sign_in

PASSWORD = "a long test password"


@pytest.fixture
def rasa() -> RecordingRasa:
    return RecordingRasa()


@pytest.fixture
def console(catalog: Catalog, database: Database, rasa: RecordingRasa) -> Console:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    directory.add("jo", "Jo Example", "water", StaffRole.AGENT, PASSWORD)
    directory.add("kim", "Kim Example", "water", StaffRole.SUPERVISOR, PASSWORD)
    directory.add("lee", "Lee Example", "housing", StaffRole.AGENT, PASSWORD)
    directory.add("alex", "Alex Example", "contact_center", StaffRole.ADMIN, PASSWORD)
    return make_console(catalog, database, Clock(), rasa=rasa)


def signed_in(console: Console, username: str) -> TestClient:
    client = browser(console)
    assert sign_in(client, username).url.path == "/"
    return client


def claimed_by(database: Database, username: str, conversation: str = "c-water") -> Handoff:
    queues = Queues(database)
    handoff = queues.open(conversation, "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    assert queues.claim(handoff.id, username)
    return handoff


def post(client: TestClient, handoff: Handoff, action: str, **form: str) -> int:
    token = csrf_of(client, f"/handoffs/{handoff.id}")
    return client.post(f"/handoffs/{handoff.id}/{action}", data={"csrf": token, **form},
                       follow_redirects=False).status_code


def moves(database: Database) -> list[AuditEntry]:
    """The audited actions on the conversation, bar opening it (each form the test posts is opened first)."""
    return [e for e in AuditLog(database).for_conversation("c-water") if e.action is not StaffAction.TRANSCRIPT_OPENED]


def section(page: str, heading: str, following: str) -> str:
    return page.split(heading, 1)[1].split(following, 1)[0]


def test_my_conversations_lists_only_the_ones_i_claimed_and_have_not_closed(
    console: Console, database: Database
) -> None:
    mine = claimed_by(database, "sam", "c-mine")
    theirs = claimed_by(database, "jo", "c-theirs")
    closed = claimed_by(database, "sam", "c-closed")
    Queues(database).close(closed.id, "done")
    listed = section(signed_in(console, "sam").get("/").text, "My conversations", "Waiting conversations")
    assert f"/handoffs/{mine.id}" in listed
    assert f"/handoffs/{theirs.id}" not in listed and f"/handoffs/{closed.id}" not in listed


def test_a_supervisor_takes_over_and_the_previous_holders_page_refuses_actions(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    handoff = claimed_by(database, "sam")
    sam = signed_in(console, "sam")
    before = csrf_of(sam, f"/handoffs/{handoff.id}")  # the page Sam still has open
    kim = signed_in(console, "kim")
    assert "Conversations other staff have" in kim.get("/").text
    assert post(kim, handoff, "take-over") == 303
    assert Queues(database).get(handoff.id).claimed_by == "kim"  # type: ignore[union-attr]
    for action in ("reply", "resolve", "transfer"):
        refused = sam.post(f"/handoffs/{handoff.id}/{action}", data={"csrf": before, "text": "hi", "agency": "parks"})
        assert refused.status_code == 409 and "kim has this conversation now" in refused.text
    assert rasa.events.get("c-water", []) == []
    [entry] = moves(database)
    assert (entry.actor, entry.action, entry.subject, entry.detail) == (
        "kim", StaffAction.TAKE_OVER, f"handoff:{handoff.id}", "from sam to kim")


def test_an_agent_may_not_take_over_reassign_or_release(console: Console, database: Database) -> None:
    handoff = claimed_by(database, "sam")
    jo = signed_in(console, "jo")
    assert "Take over from" not in jo.get(f"/handoffs/{handoff.id}").text
    assert [post(jo, handoff, move, to="jo") for move in ("take-over", "reassign", "release")] == [403, 403, 403]
    assert Queues(database).get(handoff.id).claimed_by == "sam"  # type: ignore[union-attr]


def test_release_puts_the_conversation_back_in_waiting(console: Console, database: Database) -> None:
    handoff = claimed_by(database, "sam")
    admin = signed_in(console, "alex")
    assert post(admin, handoff, "release") == 303
    back = Queues(database).get(handoff.id)
    assert back is not None and (back.status, back.claimed_by) == (HandoffStatus.WAITING, None)
    assert f"/handoffs/{handoff.id}" in section(admin.get("/").text, "Waiting conversations", "</section>")
    assert post(admin, handoff, "release") == 409  # nobody holds it any more
    assert [(e.action, e.detail) for e in moves(database)] == [(StaffAction.RELEASE, "from sam")]


def test_reassigning_needs_a_named_member_who_may_open_the_queue(console: Console, database: Database) -> None:
    handoff = claimed_by(database, "sam")
    kim = signed_in(console, "kim")
    choices = kim.get(f"/handoffs/{handoff.id}").text
    assert 'value="jo"' in choices and 'value="lee"' not in choices
    assert post(kim, handoff, "reassign", to="lee") == 400  # housing staff may not open water's queue
    assert post(kim, handoff, "reassign", to="nobody") == 400
    assert post(kim, handoff, "reassign", to="jo") == 303
    assert Queues(database).get(handoff.id).claimed_by == "jo"  # type: ignore[union-attr]
    [entry] = moves(database)
    assert (entry.action, entry.detail) == (StaffAction.REASSIGN, "from sam to jo")


def test_a_supervisor_of_another_agency_cannot_move_the_conversation(console: Console, database: Database) -> None:
    StaffDirectory(database).add("max", "Max Example", "housing", StaffRole.SUPERVISOR, PASSWORD)
    handoff = claimed_by(database, "sam")
    housing = signed_in(console, "max")
    token = csrf_of(housing, "/")
    assert housing.post(f"/handoffs/{handoff.id}/take-over", data={"csrf": token}).status_code == 403


def test_a_staff_reply_is_signed_with_first_name_and_agency_and_the_transcript_says_who_wrote_it(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    handoff = claimed_by(database, "sam")
    sam = signed_in(console, "sam")
    assert post(sam, handoff, "reply", text="Your bill is paid.") == 303
    [event] = rasa.events["c-water"]
    assert event["text"] == "Sam, Water and Sewer Utility: Your bill is paid."
    transcript = sam.get(f"/handoffs/{handoff.id}/transcript").text
    writer = "Sam Example, Water and Sewer Utility (staff):</strong>"
    assert f"{writer} Sam, Water and Sewer Utility: Your bill is paid." in transcript


def test_the_queue_shows_local_times_titles_and_each_wait_against_its_standard_late_on_top(
    console: Console, database: Database
) -> None:
    queues = Queues(database)
    ok = queues.open("c-ok", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    due = queues.open("c-due", "sms", "water", HandoffReason.CRISIS)
    late = queues.open("c-late", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    with database.transaction() as session:  # the clock stands at T0, 18:00 UTC: 12:00 in Chicago
        for handoff, minutes in ((ok, 5), (due, 4), (late, 49 * 60)):
            record = session.get(HandoffRecord, handoff.id)
            record.created_at = record.waiting_since = T0 - timedelta(minutes=minutes)
    page = signed_in(console, "kim").get("/").text
    waiting = section(page, "Waiting conversations", "</section>")
    order = [waiting.index(f"/handoffs/{handoff.id}") for handoff in (late, due, ok)]
    assert order == sorted(order)
    assert "2026-11-23 11:55 CST" in waiting and "2026-11-21 11:00 CST" in waiting and "17:55" not in waiting
    assert "5 min of 10 min · <strong>ok</strong>" in waiting  # the water queue's handoff standard
    assert "4 min of 5 min · <strong>due soon</strong>" in waiting  # the city's crisis standard
    assert "2940 min of 10 min · <strong>late</strong>" in waiting
    assert "Pay or ask about a water bill" in waiting and "water_bill" not in page


def test_a_transfer_note_names_the_agency_and_the_audit_log_shows_local_time(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    handoff = claimed_by(database, "sam")
    sam = signed_in(console, "sam")
    assert post(sam, handoff, "transfer", agency="housing", note="boiler out") == 303
    assert "Transferred to Housing and Code Enforcement: boiler out" in signed_in(console, "alex").get(
        f"/handoffs/{handoff.id}").text
    audit = signed_in(console, "alex").get("/audit").text
    assert " CST</td>" in audit or " CDT</td>" in audit


def test_an_admin_gives_the_supervisor_role_on_the_staff_page(console: Console, database: Database) -> None:
    admin = signed_in(console, "alex")
    token = csrf_of(admin, "/staff")
    changed = admin.post("/staff/set-role", data={"csrf": token, "username": "jo", "role": "supervisor"})
    assert changed.status_code == 200 and "jo is now supervisor" in changed.text
    assert StaffDirectory(database).find("jo").role is StaffRole.SUPERVISOR  # type: ignore[union-attr]
