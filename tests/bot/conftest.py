"""Real databases for the storage tests: a fresh SQLite file and a fresh PostgreSQL database, migrated."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2
import pytest

from bot import migrate
from bot.db import Database, make_engine

POSTGRES_ADMIN = os.environ.get("ONE_DOOR_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    name = f"onedoor_test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(POSTGRES_ADMIN)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    try:
        yield POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'onedoor.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    migrate.upgrade(url)
    engine = make_engine(url)
    yield Database(engine)
    engine.dispose()


@dataclass(frozen=True)
class TrackerStore:
    """Rasa's own SQL tracker store, and its URL for One Door's commands."""

    store: Any  # rasa.core.tracker_store.SQLTrackerStore, imported only by the tests that use it
    url: str


@pytest.fixture
def trackers(database: Database, tmp_path: Path) -> TrackerStore:
    """Rasa's real SQLTrackerStore beside the `database`: a SQLite file, or the same PostgreSQL database."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    url = database.engine.url
    if url.get_backend_name() == "sqlite":
        path = tmp_path / "trackers.db"
        return TrackerStore(SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path)), f"sqlite:///{path}")
    store = SQLTrackerStore(Domain.empty(), dialect="postgresql", host=url.host, port=url.port, db=url.database,
                            username=url.username)
    return TrackerStore(store, url.render_as_string(hide_password=False))
