"""One reader per console fanned out to its open pages: every page hears every change, two consoles (replicas)
hear the same change through the local Redis or the database, the breach check runs only while pages are open,
and a reader that fails starts again."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

from redis.exceptions import ConnectionError as RedisConnectionError

from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.live_events import Change, ChangeKind, ChangeLog, RedisChanges, follow_for
from bot.live_hub import LiveHub
from bot.queues import Queues
from bot.settings import Settings
from tests.bot.test_live_events import REDIS_URL

WAIT = 5.0


async def subscribed() -> None:
    """Let the hubs' readers start following before anything is published."""
    await asyncio.sleep(0.5)


async def test_every_open_page_of_every_replica_hears_a_change_through_redis() -> None:
    consoles = [LiveHub(RedisChanges(REDIS_URL).follow) for _ in range(2)]
    change = Change(ChangeKind.QUEUED, uuid.uuid4().int % 1_000_000_000, ("water",))
    async with consoles[0].subscription() as first, consoles[0].subscription() as second, \
            consoles[1].subscription() as third:
        await subscribed()
        await asyncio.to_thread(RedisChanges(REDIS_URL).publish, change)
        for page in (first, second, third):
            assert await asyncio.wait_for(_next_for(page, change.handoff_id), WAIT) == change


async def test_every_replica_hears_a_queue_change_through_the_database(database: Database) -> None:
    settings = Settings(live_redis_url="", rate_limit_redis_url="", webchat_redis_url="", live_poll_seconds=0.05)
    consoles = [LiveHub(follow_for(settings, database)) for _ in range(2)]
    async with consoles[0].subscription() as first, consoles[1].subscription() as second:
        await subscribed()
        handoff = await asyncio.to_thread(Queues(database, ChangeLog(database)).open, "c-1", "sms", "water",
                                          HandoffReason.STAFF_SERVICE)
        expected = Change(ChangeKind.QUEUED, handoff.id, ("water",))
        assert [await asyncio.wait_for(page.get(), WAIT) for page in (first, second)] == [expected, expected]


async def test_the_breach_check_runs_only_while_a_page_is_open() -> None:
    checks: list[int] = []
    hub = LiveHub(_nothing, lambda: checks.append(1), check_seconds=0.05)
    await asyncio.sleep(0.2)
    assert checks == []
    async with hub.subscription():
        await asyncio.sleep(0.3)
    assert checks
    counted = len(checks)
    await asyncio.sleep(0.3)
    assert len(checks) == counted


async def test_a_reader_that_fails_starts_again() -> None:
    attempts: list[int] = []
    change = Change(ChangeKind.CLOSED, 1, ("water",))

    async def flaky() -> AsyncIterator[Change]:
        attempts.append(1)
        if len(attempts) == 1:
            raise RedisConnectionError("down")
        yield change
        await asyncio.Event().wait()

    async with LiveHub(flaky).subscription() as page:
        assert await asyncio.wait_for(page.get(), WAIT) == change
    assert len(attempts) == 2


async def _nothing() -> AsyncIterator[Change]:
    await asyncio.Event().wait()
    yield Change(ChangeKind.QUEUED, 0, ())  # never reached


async def _next_for(page: asyncio.Queue[Change], handoff_id: int) -> Change:
    while True:
        change = await page.get()
        if change.handoff_id == handoff_id:
            return change
