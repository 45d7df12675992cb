"""Live changes: every queue change and a resident's new message reach every console replica, through the
database's change log (real SQLite and PostgreSQL) or Redis pub/sub (the local Redis), and only staff who may
open the queue hear of them."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert

from bot.catalog import Catalog
from bot.db import Database, make_engine
from bot.live_events import (
    Change, ChangeKind, ChangeLog, ChangePoll, ChangeRecord, RedisChanges, may_see, poll_changes,
)
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.retention.policy import RetentionPolicy
from bot.retention.purge import purge
from bot.staff import StaffMember, StaffRole

REDIS_URL = "redis://127.0.0.1:6379/0"


def member(role: StaffRole, agency: str) -> StaffMember:
    return StaffMember("someone", "Some One", agency, role, True)


def test_every_queue_change_is_published_with_the_queues_that_show_it(catalog: Catalog, database: Database) -> None:
    poll = ChangePoll(ChangeLog(database))
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE, "water_bill")
    assert queues.claim(handoff.id, "sam")
    assert queues.release(handoff.id, "sam")
    assert queues.transfer(handoff.id, catalog.agencies["housing"], "")
    assert queues.escalate(handoff.id, handoff.created_at, "late", "contact_center")
    assert queues.close(handoff.id, "")
    assert [(c.kind, c.handoff_id, c.agencies) for c in poll.poll()] == [
        (ChangeKind.QUEUED, handoff.id, ("water",)),
        (ChangeKind.CLAIMED, handoff.id, ("water",)),
        (ChangeKind.RELEASED, handoff.id, ("water",)),
        (ChangeKind.TRANSFERRED, handoff.id, ("housing", "water")),
        (ChangeKind.ESCALATED, handoff.id, ("contact_center", "housing")),
        (ChangeKind.CLOSED, handoff.id, ("contact_center",)),
    ]
    assert poll.poll() == []


def test_a_change_that_did_not_happen_is_not_published(database: Database) -> None:
    poll = ChangePoll(ChangeLog(database))
    queues = Queues(database)
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    assert queues.claim(handoff.id, "sam")
    assert not queues.claim(handoff.id, "jo")  # lost the race: nothing changed
    assert not queues.release(handoff.id, "jo")
    assert [change.kind for change in poll.poll()] == [ChangeKind.QUEUED, ChangeKind.CLAIMED]


def test_a_residents_message_is_published_only_while_their_conversation_has_an_open_handoff(
    database: Database,
) -> None:
    poll = ChangePoll(ChangeLog(database))
    queues = Queues(database)
    assert not queues.note_message("c-nobody")
    handoff = queues.open("c-1", "webchat", "water", HandoffReason.ASKED_FOR_PERSON)
    assert queues.note_message("c-1")
    queues.close(handoff.id, "")
    assert not queues.note_message("c-1")
    assert [change.kind for change in poll.poll()] == [ChangeKind.QUEUED, ChangeKind.MESSAGE, ChangeKind.CLOSED]


def test_every_replica_polling_the_change_log_hears_every_change_once(database: Database) -> None:
    # Two consoles, each with its own engine on the same database, as two replicas would be.
    other = Database(make_engine(str(database.engine.url.render_as_string(hide_password=False))))
    first, second = ChangePoll(ChangeLog(database)), ChangePoll(ChangeLog(other))
    Queues(database).open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    Queues(other).open("c-2", "sms", "housing", HandoffReason.STAFF_SERVICE)
    heard = [[(c.kind, c.agencies) for c in poll.poll()] for poll in (first, second)]
    assert heard[0] == heard[1] == [(ChangeKind.QUEUED, ("water",)), (ChangeKind.QUEUED, ("housing",))]
    assert first.poll() == second.poll() == []
    other.engine.dispose()


def test_a_change_committed_after_a_later_one_is_still_heard_once(database: Database) -> None:
    log = ChangeLog(database)
    log.publish(Change(ChangeKind.QUEUED, 1, ("water",)))
    poll = ChangePoll(log)
    start = log.newest()
    with database.transaction() as session:  # id start + 2 commits first, then start + 1
        session.execute(insert(ChangeRecord).values(id=start + 2, kind="claimed", handoff_id=2, agencies="water"))
    assert [c.handoff_id for c in poll.poll()] == [2]
    with database.transaction() as session:
        session.execute(insert(ChangeRecord).values(id=start + 1, kind="claimed", handoff_id=3, agencies="water"))
    assert [c.handoff_id for c in poll.poll()] == [3]
    assert poll.poll() == []


@pytest.mark.parametrize(("role", "agency", "agencies", "sees"), [
    (StaffRole.AGENT, "water", ("water",), True),
    (StaffRole.AGENT, "housing", ("water",), False),
    (StaffRole.AGENT, "housing", ("contact_center", "housing"), True),  # moved out of their queue
    (StaffRole.SUPERVISOR, "housing", ("water",), False),
    (StaffRole.CONTACT_CENTER, "contact_center", ("water",), True),
    (StaffRole.ADMIN, "water", ("housing",), True),
])
def test_staff_hear_only_of_queues_they_may_open(
    role: StaffRole, agency: str, agencies: tuple[str, ...], sees: bool
) -> None:
    assert may_see(member(role, agency), Change(ChangeKind.QUEUED, 1, agencies)) is sees


def test_a_change_survives_its_trip_as_json_and_foreign_messages_are_ignored() -> None:
    change = Change(ChangeKind.LATE, 7, ("water", "housing"))
    assert Change.from_json(change.to_json()) == change
    assert Change.from_json(b'{"kind": "nonsense", "handoff": 1, "agencies": []}') is None
    assert Change.from_json(b"not json") is None


async def test_poll_changes_follows_the_log_from_when_it_starts(database: Database) -> None:
    log = ChangeLog(database)
    log.publish(Change(ChangeKind.QUEUED, 1, ("water",)))  # before: not heard
    follow = poll_changes(log, 0.05)
    waiting = asyncio.ensure_future(follow.__anext__())
    await asyncio.sleep(0.3)
    log.publish(Change(ChangeKind.CLAIMED, 2, ("water",)))
    assert await asyncio.wait_for(waiting, 5) == Change(ChangeKind.CLAIMED, 2, ("water",))
    await follow.aclose()


async def test_redis_pub_sub_carries_a_change_to_every_subscribed_console() -> None:
    handoff_id = uuid.uuid4().int % 1_000_000_000
    publisher = RedisChanges(REDIS_URL)
    consoles = [RedisChanges(REDIS_URL).follow() for _ in range(2)]
    heard = [asyncio.ensure_future(_first_for(console, handoff_id)) for console in consoles]
    await asyncio.sleep(0.5)  # both subscribed
    change = Change(ChangeKind.MESSAGE, handoff_id, ("water",))
    await asyncio.to_thread(publisher.publish, change)
    assert await asyncio.wait_for(asyncio.gather(*heard), 5) == [change, change]
    for console in consoles:
        await console.aclose()


async def _first_for(follow, handoff_id: int) -> Change:  # type: ignore[no-untyped-def]
    async for change in follow:
        if change.handoff_id == handoff_id:
            return change
    raise AssertionError("the subscription ended")


def test_queues_publish_through_redis_when_it_is_configured(database: Database) -> None:
    async def scenario() -> Change:
        follow = RedisChanges(REDIS_URL).follow()
        first = asyncio.ensure_future(follow.__anext__())
        await asyncio.sleep(0.5)
        handoff = await asyncio.to_thread(
            Queues(database, RedisChanges(REDIS_URL)).open, f"c-{uuid.uuid4().hex}", "sms", "water",
            HandoffReason.STAFF_SERVICE)
        change = await asyncio.wait_for(first, 5)
        await follow.aclose()
        assert change.handoff_id == handoff.id
        return change

    assert asyncio.run(scenario()).kind is ChangeKind.QUEUED
    assert ChangeLog(database).newest() == 0  # nothing went through the table


def test_purge_keeps_an_hour_of_the_change_log(database: Database) -> None:
    now = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
    with database.transaction() as session:
        for minutes in (61, 59):
            session.execute(insert(ChangeRecord).values(at=now - timedelta(minutes=minutes), kind="queued",
                                                        handoff_id=minutes, agencies="water"))
    assert purge(database, None, RetentionPolicy(), now).deleted["live_changes"] == 1
    assert [c.handoff_id for _, c in ChangeLog(database).after(0)] == [59]


def test_a_redis_that_is_down_never_stops_a_queue_change(database: Database) -> None:
    queues = Queues(database, RedisChanges("redis://127.0.0.1:9/0"))  # nothing listens on port 9
    handoff = queues.open("c-1", "sms", "water", HandoffReason.STAFF_SERVICE)
    assert queues.claim(handoff.id, "sam")
