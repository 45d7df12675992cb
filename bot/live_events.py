"""Changes open console pages must show at once: a queue change (a new, claimed, released, moved, escalated,
late or closed handoff) or a resident's new message in a handed-off conversation.

A change names only the handoff, what happened and the agencies whose queues show it, never a resident's words,
so it may pass through Redis or a table. Changes leave the process that made them through Redis pub/sub when Redis
is configured, otherwise through a change log in the database that each console polls: every console replica
sees every change (docs/adr/0016-live-console.md).
"""

from __future__ import annotations

import asyncio
import enum
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Protocol

from redis import Redis
from redis.asyncio import Redis as AsyncRedis
from redis.exceptions import RedisError
from sqlalchemy import Column, DateTime, Integer, String, func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.access import may_open
from bot.db import Base, Database, utc_now
from bot.settings import Settings
from bot.staff import StaffMember

logger = logging.getLogger(__name__)

CHANNEL = "onedoor:live"
# A change log row written in a transaction that commits after a later one's is still found: each poll looks
# back this many rows past the newest it has seen (PostgreSQL hands out ids before commit).
LOOK_BACK = 50
PUBLISH_TIMEOUT_SECONDS = 2.0
# How long `python -m bot purge` keeps the change log's rows; they are read within seconds.
KEPT = timedelta(hours=1)


class ChangeKind(str, enum.Enum):
    """What happened; the values are the event names console pages listen for."""

    QUEUED = "queued"
    CLAIMED = "claimed"
    RELEASED = "released"
    TRANSFERRED = "transferred"
    ESCALATED = "escalated"
    LATE = "late"
    CLOSED = "closed"
    MESSAGE = "message"
    # A breach alert was acknowledged: pages redraw their open alerts (bot/breach_log.py).
    ACKNOWLEDGED = "acknowledged"


@dataclass(frozen=True)
class Change:
    """`agencies`: the handoff's agency, and the one it left when it moved, so that both queues update."""

    kind: ChangeKind
    handoff_id: int
    agencies: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps({"kind": self.kind.value, "handoff": self.handoff_id, "agencies": list(self.agencies)})

    @classmethod
    def from_json(cls, text: str | bytes) -> Change | None:
        """The change `to_json` wrote, or None for anything else found on the channel."""
        try:
            data = json.loads(text)
            return cls(ChangeKind(data["kind"]), int(data["handoff"]), tuple(str(a) for a in data["agencies"]))
        except (ValueError, KeyError, TypeError):
            return None


def may_see(member: StaffMember, change: Change) -> bool:
    """Whether `member`'s pages hear of `change`: only changes to queues they may open."""
    return any(may_open(member, agency) for agency in change.agencies)


class ChangeSink(Protocol):
    """Where a process that changes a handoff tells every console of it."""

    def publish(self, change: Change) -> None: ...


class ChangeRecord(Base):
    __tablename__ = "live_changes"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now, index=True)
    kind = Column(String(16), nullable=False)
    handoff_id = Column(Integer, nullable=False)
    agencies = Column(String(200), nullable=False)  # comma-separated ids


class ChangeLog:
    """The change log in the database: written by every process, read by every console replica's poll."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def publish(self, change: Change) -> None:
        """Add `change`; a database failure is logged, and the change is then seen at the pages' next reload."""
        try:
            with self._db.transaction() as session:
                session.add(ChangeRecord(kind=change.kind.value, handoff_id=change.handoff_id,
                                         agencies=",".join(change.agencies)))
        except SQLAlchemyError as error:
            logger.warning("live.publish_failed store=database error=%s", type(error).__name__)

    def newest(self) -> int:
        """The id of the newest change, where a new reader starts."""
        with self._db.transaction() as session:
            return int(session.execute(select(func.coalesce(func.max(ChangeRecord.id), 0))).scalar_one())

    def after(self, position: int) -> list[tuple[int, Change]]:
        """Changes with an id past `position`, oldest first, with their ids."""
        query = select(ChangeRecord).where(ChangeRecord.id > position).order_by(ChangeRecord.id)
        with self._db.transaction() as session:
            return [(record.id, Change(ChangeKind(record.kind), record.handoff_id, tuple(record.agencies.split(","))))
                    for record in session.execute(query).scalars()]

class ChangePoll:
    """Reads the change log from where it stood when the poll began, each change once.

    Note:
        Ids are handed out before commit, so a change may appear below the newest id already read; the poll looks
        back `LOOK_BACK` rows and remembers which of those it has passed on.
    """

    def __init__(self, log: ChangeLog) -> None:
        self._log = log
        self._position = log.newest()
        # What is already in the log when the poll begins is the past, however late it committed.
        self._seen = {ident for ident, _ in log.after(self._position - LOOK_BACK)}

    def poll(self) -> list[Change]:
        found = [(ident, change) for ident, change in self._log.after(self._position - LOOK_BACK)
                 if ident > self._position or ident not in self._seen]
        if found:
            self._position = max(self._position, found[-1][0])
        self._seen = {ident for ident in self._seen | {ident for ident, _ in found}
                      if ident > self._position - LOOK_BACK}
        return [change for _, change in found]


class RedisChanges:
    """Changes through Redis pub/sub: published by any process, heard by every console subscribed at that time."""

    def __init__(self, url: str) -> None:
        self._url = url
        # A Redis that does not answer delays a queue change by at most this, never indefinitely.
        self._client = Redis.from_url(url, socket_timeout=PUBLISH_TIMEOUT_SECONDS,
                                      socket_connect_timeout=PUBLISH_TIMEOUT_SECONDS)

    def publish(self, change: Change) -> None:
        """Publish `change`; a Redis failure is logged, and the change is then seen at the pages' next reload."""
        try:
            self._client.publish(CHANNEL, change.to_json())
        except RedisError as error:
            logger.warning("live.publish_failed store=redis error=%s", type(error).__name__)

    async def follow(self) -> AsyncIterator[Change]:
        """Every change published from now on, until the caller stops iterating."""
        client = AsyncRedis.from_url(self._url)
        subscription = client.pubsub(ignore_subscribe_messages=True)
        try:
            await subscription.subscribe(CHANNEL)
            async for message in subscription.listen():
                change = Change.from_json(message["data"]) if message.get("type") == "message" else None
                if change is not None:
                    yield change
        finally:
            await subscription.close()
            await client.close()


async def poll_changes(log: ChangeLog, every_seconds: float) -> AsyncIterator[Change]:
    """Every change written to the log from now on, polled every `every_seconds`."""
    poll = await asyncio.to_thread(ChangePoll, log)
    while True:
        for change in await asyncio.to_thread(poll.poll):
            yield change
        await asyncio.sleep(every_seconds)


Follow = Callable[[], AsyncIterator[Change]]


def follow_for(settings: Settings, database: Database) -> Follow:
    """How a console hears every change from now on: Redis pub/sub when configured, else a poll of the change log."""
    url = settings.live_redis()
    if url:
        return RedisChanges(url).follow
    log = ChangeLog(database)
    return lambda: poll_changes(log, settings.live_poll_seconds)


@lru_cache(maxsize=None)
def _redis_changes(url: str) -> RedisChanges:
    return RedisChanges(url)


def sink_for(settings: Settings, database: Database) -> ChangeSink:
    """Redis when one is configured (one client, and so one connection pool, per process), else the database's
    change log."""
    url = settings.live_redis()
    return _redis_changes(url) if url else ChangeLog(database)
