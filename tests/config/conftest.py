"""Real parts for the production configuration: a fresh PostgreSQL database, a Redis database of its own, RabbitMQ."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import redis
from sqlalchemy.engine import make_url

from bot.settings import get_settings
from tests.bot.conftest import postgres_url  # noqa: F401 (a fixture: a fresh PostgreSQL database, dropped after)

# A Redis database number the other suites do not use (the web chat replica test uses 0).
REDIS_URL = os.environ.get("ONE_DOOR_TEST_REDIS", "redis://127.0.0.1:6379/11")
AMQP_URL = os.environ.get("ONE_DOOR_TEST_AMQP", "amqp://guest:guest@127.0.0.1:5672/")
# PostgreSQL here trusts local connections: the password is accepted, ignored, and must never be logged.
PASSWORD = "never-logged-Pa55"


def database_variables(url: str) -> dict[str, str]:
    """ONE_DOOR_DB_* naming the database at `url` (with a password the server ignores)."""
    parsed = make_url(url)
    return {
        "ONE_DOOR_DB_HOST": str(parsed.host), "ONE_DOOR_DB_PORT": str(parsed.port or 5432),
        "ONE_DOOR_DB_USER": str(parsed.username), "ONE_DOOR_DB_PASSWORD": PASSWORD,
        "ONE_DOOR_DB_NAME": str(parsed.database),
    }


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set ONE_DOOR_* variables for the classes Rasa builds from endpoints.yml, which read `get_settings()`."""
    for name in ("ONE_DOOR_DATABASE_URL", "ONE_DOOR_TRACKER_URL", "ONE_DOOR_REDIS_URL", "ONE_DOOR_EVENT_BROKER_URL",
                 "SANIC_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ONE_DOOR_ACTION_URL", "http://127.0.0.1:1/webhook")  # endpoints.yml names them
    monkeypatch.setenv("ONE_DOOR_ACTION_SECRET", "a-secret")
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


@pytest.fixture
def redis_db() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()
