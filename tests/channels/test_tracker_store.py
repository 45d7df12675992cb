"""Rasa's SQL tracker store on SQLite keeps a pooled connection in WAL mode, and still stores conversations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text
from sqlalchemy.pool import QueuePool

from channels.tracker_store import WriteAheadSQLTrackerStore


def store(path: Path) -> WriteAheadSQLTrackerStore:
    return WriteAheadSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(path))


def test_sqlite_trackers_are_written_ahead_of_log_without_an_fsync_per_commit(tmp_path: Path) -> None:
    trackers = store(tmp_path / "trackers.db")
    with trackers.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    assert isinstance(trackers.engine.pool, QueuePool)


async def test_a_conversation_saved_is_read_back_and_visible_to_other_readers(tmp_path: Path) -> None:
    path = tmp_path / "trackers.db"
    trackers = store(path)
    tracker = DialogueStateTracker.from_events("resident-1", [UserUttered("hello", {"name": "greet"})])
    await trackers.save(tracker)
    again = await store(path).retrieve("resident-1")
    assert again is not None and again.latest_message.text == "hello"
    with sqlite3.connect(path) as reader:  # the reports and retention read this file from other processes
        assert reader.execute("select count(*) from events where sender_id = 'resident-1'").fetchone()[0] == 1
