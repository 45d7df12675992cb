"""The stores endpoints.yml names, built by Rasa's own factories from the environment, against the real servers:
PostgreSQL for conversations (shared with One Door's records), Redis for locks, RabbitMQ for events."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import uuid
from datetime import datetime, timedelta, timezone

import aio_pika
import pytest
import redis
from rasa.core.brokers.broker import EventBroker
from rasa.core.lock_store import InMemoryLockStore, LockStore
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy import create_engine, inspect

from bot import migrate
from bot.reports.trackers import resident_messages
from bot.reports.window import Window
from bot.settings import PROJECT_ROOT, get_settings
from channels.lock_store import AtomicRedisLockStore, ConfiguredLockStore
from tests.config.conftest import AMQP_URL, PASSWORD, REDIS_URL, database_variables

ENDPOINTS = str(PROJECT_ROOT / "endpoints.yml")


def said(sender: str, text: str, channel: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered(text, {"name": "greet"}, input_channel=channel)])


async def test_conversations_go_to_one_doors_postgresql_database_and_its_reports_count_them(
    environment: pytest.MonkeyPatch, postgres_url: str, caplog: pytest.LogCaptureFixture,
) -> None:
    for name, value in database_variables(postgres_url).items():
        environment.setenv(name, value)
    migrate.upgrade(get_settings().database_url)
    caplog.set_level(logging.DEBUG)
    store = TrackerStore.create(read_endpoint_config(ENDPOINTS, "tracker_store"), Domain.empty())
    await store.save(said("resident-pg", "when is trash picked up", "webchat"))

    assert store.engine.url.render_as_string(hide_password=False) == get_settings().database_url
    tables = set(inspect(create_engine(postgres_url)).get_table_names())
    assert {"events", "alembic_version", "cases"} <= tables  # Rasa's and One Door's tables, one database
    now = datetime.now(timezone.utc)
    window = Window(now - timedelta(hours=1), now + timedelta(hours=1), "UTC")
    assert resident_messages(get_settings().trackers(), window) == {"webchat": 1}
    assert PASSWORD not in caplog.text


def test_locks_are_in_redis_when_a_redis_url_is_set_and_in_memory_otherwise(
    environment: pytest.MonkeyPatch, redis_db: redis.Redis,
) -> None:
    in_memory = LockStore.create(read_endpoint_config(ENDPOINTS, "lock_store"))
    assert isinstance(in_memory, ConfiguredLockStore) and isinstance(in_memory.locks, InMemoryLockStore)
    environment.setenv("ONE_DOOR_REDIS_URL", REDIS_URL)
    get_settings.cache_clear()
    shared = LockStore.create(read_endpoint_config(ENDPOINTS, "lock_store"))
    assert isinstance(shared.locks, AtomicRedisLockStore)
    ticket = shared.issue_ticket("resident-lock")
    assert json.loads(redis_db.get("onedoor:lock:resident-lock"))["tickets"]
    shared.cleanup("resident-lock", ticket)
    assert redis_db.get("onedoor:lock:resident-lock") is None


def test_several_rasa_workers_without_redis_are_refused(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("SANIC_WORKERS", "2")
    with pytest.raises(ValueError, match="SANIC_WORKERS=2 needs ONE_DOOR_REDIS_URL"):
        ConfiguredLockStore()


def test_two_workers_holding_one_conversation_take_turns(
    environment: pytest.MonkeyPatch, redis_db: redis.Redis,
) -> None:
    """Two workers (threads, each with its own connection and event loop, as Sanic's processes have) take the
    lock of one conversation at the same moments, over and over: never both inside at once, nobody stuck."""
    environment.setenv("ONE_DOOR_REDIS_URL", REDIS_URL)
    get_settings.cache_clear()
    inside: list[str] = []
    overlaps: list[tuple[str, ...]] = []
    turns: list[str] = []
    start = threading.Barrier(2)

    async def handle(worker: str, store: ConfiguredLockStore) -> None:
        for _ in range(15):
            async with store.lock("resident-burst"):
                inside.append(worker)
                if len(inside) > 1:
                    overlaps.append(tuple(inside))
                await asyncio.sleep(0.005)
                turns.append(worker)
                inside.remove(worker)

    def worker(name: str) -> None:
        store = ConfiguredLockStore()
        start.wait()
        asyncio.run(handle(name, store))

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert overlaps == []
    assert sorted(turns) == ["a"] * 15 + ["b"] * 15
    assert redis_db.get("onedoor:lock:resident-burst") is None  # handed on, then removed


async def test_every_event_reaches_rabbitmq_when_a_broker_url_is_set(environment: pytest.MonkeyPatch, tmp_path) -> None:
    assert await EventBroker.create(read_endpoint_config(ENDPOINTS, "event_broker")) is None
    queue_name = f"one_door_test_{uuid.uuid4().hex[:8]}"
    environment.setenv("ONE_DOOR_EVENT_BROKER_URL", AMQP_URL)
    environment.setenv("ONE_DOOR_EVENT_BROKER_QUEUE", queue_name)
    environment.setenv("ONE_DOOR_TRACKER_DB", str(tmp_path / "trackers.db"))
    get_settings.cache_clear()
    broker = await EventBroker.create(read_endpoint_config(ENDPOINTS, "event_broker"))
    connection = await aio_pika.connect_robust(AMQP_URL)
    try:
        store = TrackerStore.create(read_endpoint_config(ENDPOINTS, "tracker_store"), Domain.empty(), broker)
        await store.save(said("resident-events", "is the pool open", "rest"))
        channel = await connection.channel()
        queue = await channel.declare_queue(queue_name, durable=True, passive=True)
        message = None
        for _ in range(50):
            message = await queue.get(no_ack=True, fail=False)
            if message is not None:
                break
            await asyncio.sleep(0.1)
        assert message is not None
        event = json.loads(message.body)
        assert (event["sender_id"], event["event"], event["text"]) == ("resident-events", "user", "is the pool open")
        await queue.delete(if_unused=False, if_empty=False)
    finally:
        await broker.close()
        await connection.close()
