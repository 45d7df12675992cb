"""Old conversations leave Rasa's real SQL tracker store, unless staff or an open case still need them."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import migrate
from bot.cases import CaseStatus, CaseStore, NewCase
from bot.cli import main
from bot.db import Database, make_engine
from bot.messaging.contacts import Contacts
from bot.queues import HandoffReason, Queues
from bot.retention import purge_conversations
from bot.settings import now

DAY = 24 * 3600


def _store(path: Path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))


def _save(store: SQLTrackerStore, sender: str, days_ago: int) -> None:
    tracker = DialogueStateTracker(sender, slots=[])
    tracker.update(UserUttered("hello", timestamp=now().timestamp() - days_ago * DAY))
    asyncio.run(store.save(tracker))


def test_quiet_conversations_go_with_their_addresses_unless_still_needed(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "trackers.db"
    store = _store(path)
    for sender, days in [("sms-old", 120), ("sms-recent", 5), ("web-held", 120), ("web-open-case", 120),
                         ("web-closed-case", 120)]:
        _save(store, sender, days)
    Contacts(database).remember("sms", "sms-old", "+15551234567")
    Queues(database).open("web-held", "webchat", "housing", HandoffReason.ASKED_FOR_PERSON)
    cases = CaseStore(database)
    for sender in ("web-open-case", "web-closed-case"):
        cases.create(NewCase("pothole_report", "public_works", "webchat", sender))
    cases.set_status(cases.for_conversation("web-closed-case")[0].view.reference, CaseStatus.CLOSED, "done")

    assert purge_conversations(make_engine(f"sqlite:///{path}"), database, now() - timedelta(days=90)) == 2
    remaining = set(asyncio.run(store.keys()))
    assert remaining == {"sms-recent", "web-held", "web-open-case"}
    assert Contacts(database).address("sms-old") is None


def test_purge_command_also_purges_conversations(tmp_path: Path) -> None:
    path = tmp_path / "trackers.db"
    _save(_store(path), "sms-old", 120)
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    assert main(["purge", "--days", "90", "--url", url, "--trackers", f"sqlite:///{path}"]) == 0
    assert asyncio.run(_store(path).keys()) == []
