"""Asking for a person when every agency is closed: a case is filed and the assistant stays on."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from bot.cases import CaseStore
from bot.db import Database, make_engine
from bot.queues import Queues
from scripts.assistant import AFTER_HOURS_CLOCK, Assistant, running_assistant


@pytest.fixture(scope="module")
def closed_city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    with running_assistant(tmp_path_factory.mktemp("after-hours"), clock=AFTER_HOURS_CLOCK) as running:
        yield running


def test_after_hours_a_case_is_filed_and_the_bot_keeps_answering(closed_city: Assistant) -> None:
    sender = uuid.uuid4().hex
    reply = " ".join(str(r["text"]) for r in closed_city.say(sender, "can I talk to a real person"))
    assert "311 Contact Center is closed right now" in reply
    assert "staff will reply here from Monday at 07:00" in reply
    reference = reply.split("as case ")[1][:11]
    database = Database(make_engine(closed_city.database_url))
    assert CaseStore(database).find(reference) is not None
    assert Queues(database).waiting() == []
    assert closed_city.say(sender, "thanks")  # not paused: the assistant still answers
