"""A resident's message in a handed-off conversation is announced to console pages once Rasa has taken it, on
every channel (channels.boundary.announcing), with a real SQLite database; a database outage never loses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import migrate
from bot.db import Database, make_engine
from bot.handoff_records import HandoffReason
from bot.live_events import ChangeKind, ChangeLog, ChangePoll
from bot.queues import Queues
from bot.settings import Settings
from channels.boundary import announcing


class Message:
    def __init__(self, sender_id: str) -> None:
        self.sender_id = sender_id


async def test_a_message_in_a_handed_off_conversation_is_announced_after_rasa_took_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    database = Database(make_engine(url))
    handoff = Queues(database).open("c-with-staff", "webchat", "water", HandoffReason.ASKED_FOR_PERSON)
    poll = ChangePoll(ChangeLog(database))
    heard_by_rasa: list[list[tuple[ChangeKind, int]]] = []

    async def rasa(message: Any) -> str:
        heard_by_rasa.append([(change.kind, change.handoff_id) for change in poll.poll()])
        return "handled"

    handler = announcing(rasa, Settings(database_url=url))
    assert await handler(Message("c-with-staff")) == "handled"
    assert await handler(Message("c-with-the-bot")) == "handled"
    # Nothing was announced before Rasa had the first message; the second had nothing to announce.
    assert heard_by_rasa == [[], [(ChangeKind.MESSAGE, handoff.id)]]
    assert poll.poll() == []


async def test_a_database_outage_never_stops_the_message(tmp_path: Path) -> None:
    handled: list[str] = []

    async def rasa(message: Any) -> None:
        handled.append(message.sender_id)

    unmigrated = f"sqlite:///{tmp_path / 'empty.db'}"
    await announcing(rasa, Settings(database_url=unmigrated))(Message("c-1"))
    assert handled == ["c-1"]
