"""Build rasa-sdk trackers the way the Rasa server sends them to the action server."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Iterator
from typing import Any, Callable

import pytest
from rasa_sdk import Tracker

from bot import migrate
from bot.cases import CaseStore
from bot.db import Database, make_engine


def user_event(text: str, intent: str) -> dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "input_channel": "webchat",
        "parse_data": {"intent": {"name": intent, "confidence": 0.9}},
    }


@pytest.fixture
def make_tracker() -> Callable[..., Tracker]:
    def build(
        text: str,
        intent: str,
        ranking: list[tuple[str, float]] | None = None,
        earlier: list[tuple[str, str]] = (),  # type: ignore[assignment]
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, 0.9)])],
            "entities": [],
        }
        events = [user_event(t, i) for t, i in earlier] + [{**user_event(text, intent), "parse_data": latest}]
        return Tracker("resident-1", {}, latest, events, False, None, {}, "action_listen")

    return build


@pytest.fixture
def sqlite_database(tmp_path: Path) -> Database:
    """A freshly migrated SQLite file, for the actions that store cases and handoffs."""
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    return Database(make_engine(url))


@pytest.fixture
def sqlite_store(sqlite_database: Database) -> CaseStore:
    return CaseStore(sqlite_database)


@pytest.fixture(autouse=True)
def action_database(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Every action test writes to its own migrated database, never to the project's var/."""
    import actions.common
    import actions.feedback
    import actions.unresolved

    for module in (actions.common, actions.feedback, actions.unresolved):
        monkeypatch.setattr(module, "database", lambda: sqlite_database)
    return sqlite_database


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Every action test starts with nothing counted against its resident (in-process memory storage)."""
    import actions.common

    actions.common.rate_limits.cache_clear()
    yield
    actions.common.rate_limits.cache_clear()
