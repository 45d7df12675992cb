"""Rasa's conversation locks: in Redis when ONE_DOOR_REDIS_URL is set, else in the process's memory.

endpoints.yml cannot say "Redis if configured", so it names `ConfiguredLockStore`, which chooses. Rasa handles one
message of a conversation at a time by a ticket lock; with several Sanic workers or replicas the tickets must be in
a store they share, which is why Rasa honours SANIC_WORKERS only with a lock store other than the in-memory one.

Two changes to Rasa 3.6's locks (docs/adr/0021-production-configuration.md):
- A waiting message looks at its lock every ONE_DOOR_LOCK_POLL_SECONDS (0.05) instead of every second: Rasa's
  agent takes the lock with its one-second default, so the second of two quick messages waited up to a second
  after the first was answered, the fourth of a burst up to three.
- In Redis, each change of a lock (issuing a ticket, dropping expired ones, handing it on) is one optimistic
  transaction (WATCH/MULTI). Rasa reads, changes and writes the lock in three steps, so two workers taking
  tickets at the same moment could both get the same number and handle two messages of a conversation at once.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import redis
from rasa.constants import ENV_SANIC_WORKERS
from rasa.core.lock import TicketLock
from rasa.core.lock_store import (
    DEFAULT_SOCKET_TIMEOUT_IN_SECONDS,
    LOCK_LIFETIME,
    InMemoryLockStore,
    LockStore,
    RedisLockStore,
)

from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)

T = TypeVar("T")
# Keys are `onedoor:lock:<conversation>`, apart from anything else kept in the same Redis database.
KEY_PREFIX = "onedoor"


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store on a Redis URL, with every read-change-write of a lock done atomically."""

    def __init__(self, url: str) -> None:
        # Not RedisLockStore.__init__, which takes a host and port where One Door has a URL.
        self.red = redis.StrictRedis.from_url(url, socket_timeout=DEFAULT_SOCKET_TIMEOUT_IN_SECONDS)
        self.key_prefix = f"{KEY_PREFIX}:lock:"
        LockStore.__init__(self)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: TicketLock | None) -> tuple[TicketLock | None, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        return self._change(conversation_id, take)

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Hand the lock on: drop this ticket, and the whole lock when nobody else waits."""

        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return (lock if lock is not None and lock.is_someone_waiting() else None), None

        self._change(conversation_id, finish)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, T]]) -> T:
        """Apply `change` to the stored lock and store what it returns (None deletes it), retried until no other
        client changed the lock in between; returns `change`'s result."""
        key = self.key_prefix + conversation_id

        def apply(pipe: Any) -> T:
            stored = pipe.get(key)
            lock, result = change(TicketLock.from_dict(json.loads(stored)) if stored else None)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())
            return result

        return self.red.transaction(apply, key, value_from_callable=True)  # type: ignore[no-any-return]


class ConfiguredLockStore(LockStore):
    """The lock store endpoints.yml names: Redis when ONE_DOOR_REDIS_URL is set, else memory; short polls."""

    def __init__(self, endpoint_config: object = None, settings: Settings | None = None) -> None:
        settings = settings or get_settings()
        workers = os.environ.get(ENV_SANIC_WORKERS, "1")
        if workers != "1" and not settings.redis_url:
            raise ValueError(f"{ENV_SANIC_WORKERS}={workers} needs ONE_DOOR_REDIS_URL: Rasa's workers must share "
                             "their conversation locks, or two messages of one conversation could be handled at once")
        self.locks: LockStore = AtomicRedisLockStore(settings.redis_url) if settings.redis_url else InMemoryLockStore()
        self._poll_seconds = settings.lock_poll_seconds
        logger.info("lock_store.ready kind=%s", "redis" if settings.redis_url else "memory")
        super().__init__()

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        """The chosen store's lock, polled every ONE_DOOR_LOCK_POLL_SECONDS whatever wait Rasa asks for."""
        async with self.locks.lock(conversation_id, lock_lifetime, self._poll_seconds) as lock:
            yield lock

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return self.locks.get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self.locks.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self.locks.save_lock(lock)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self.locks.issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        self.locks.update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self.locks.cleanup(conversation_id, ticket_number)
