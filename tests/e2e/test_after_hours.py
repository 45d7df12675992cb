"""When every agency is closed: asking for a person files a case and the assistant stays on; a resident in
crisis gets 988 first, no case and no opening time, and on-call staff are paged."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bot.cases import CaseStore
from bot.db import Database, make_engine
from bot.queues import Queues
from scripts.assistant import AFTER_HOURS_CLOCK, Assistant, running_assistant
from tests.fakes.webhook import recording_webhook


@pytest.fixture(scope="module")
def pages() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A real webhook standing in for the on-call pager: its URL and the pages it received."""
    with recording_webhook() as hook:
        yield hook


@pytest.fixture(scope="module")
def closed_city(
    tmp_path_factory: pytest.TempPathFactory, pages: tuple[str, list[dict[str, Any]]]
) -> Iterator[Assistant]:
    env = {"ONE_DOOR_CRISIS_PAGE_URL": pages[0], "ONE_DOOR_CONSOLE_PUBLIC_URL": "https://console.example"}
    with running_assistant(tmp_path_factory.mktemp("after-hours"), clock=AFTER_HOURS_CLOCK, env=env) as running:
        yield running


def test_after_hours_a_case_is_filed_and_the_bot_keeps_answering(closed_city: Assistant) -> None:
    sender = uuid.uuid4().hex
    reply = " ".join(str(r["text"]) for r in closed_city.say(sender, "can I talk to a real person"))
    assert "311 Contact Center is closed right now" in reply
    assert "staff will reply here tomorrow, Monday, after 7 a.m. CST" in reply
    assert "311 or (555) 010-0311" in reply
    reference = reply.split("as case ")[1][:11]
    database = Database(make_engine(closed_city.database_url))
    assert CaseStore(database).find(reference) is not None
    assert Queues(database).waiting() == []
    assert closed_city.say(sender, "thanks")  # not paused: the assistant still answers


def test_at_night_a_resident_in_crisis_gets_988_first_no_case_no_opening_time_and_on_call_is_paged(
    closed_city: Assistant, pages: tuple[str, list[dict[str, Any]]]
) -> None:
    sender = uuid.uuid4().hex
    database = Database(make_engine(closed_city.database_url))
    cases_before = len(CaseStore(database).list(None))
    first = [str(r["text"]) for r in closed_city.say(sender, "i want to kill myself tonight")]
    second = [str(r["text"]) for r in closed_city.say(sender, "i want to end my life")]
    assert "988" in first[0]
    assert "(555) 010-0999" in " ".join(first)
    joined = " ".join(first + second)
    assert "closed right now" not in joined and "staff will reply here from" not in joined and "as case " not in joined
    assert len(second) == 1 and second[0] not in first and "988" in second[0]
    assert len(CaseStore(database).list(None)) == cases_before
    [crisis] = Queues(database).waiting()
    assert crisis.conversation_id == sender
    assert [page["link"] for page in pages[1]] == [f"https://console.example/handoffs/{crisis.id}"]
