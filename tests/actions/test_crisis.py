"""A resident in crisis, in office hours and at night: the crisis lines first, a person or the on-call line,
one handoff per conversation, on-call paged once, never a case or an opening time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any, Callable

import pytest
from pydantic import SecretStr
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import crisis
from bot.cases import CaseStore
from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.settings import get_settings
from tests.fakes.webhook import recording_webhook

MONDAY_NOON_CHICAGO = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
SUNDAY_1_45_AM_CHICAGO = datetime(2026, 11, 22, 7, 45, tzinfo=timezone.utc)
DISTRESS = ["i dont want to be here anymore", "nobody would even notice", "i cant do this", "its too much"]


@pytest.fixture
def stores(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[Queues, CaseStore]:
    monkeypatch.setattr(crisis, "queues", lambda: Queues(sqlite_database))
    return Queues(sqlite_database), CaseStore(sqlite_database)


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """A real local webhook that records each page it receives."""
    with recording_webhook() as (url, received):
        settings = get_settings()
        monkeypatch.setattr(settings, "crisis_page_url", SecretStr(url))
        monkeypatch.setattr(settings, "console_public_url", "https://console.example")
        yield received


def conversation(make_tracker: Callable[..., Tracker], messages: list[str]) -> Tracker:
    return make_tracker(messages[-1], "crisis", earlier=[(text, "crisis") for text in messages[:-1]])


async def say(tracker: Tracker, moment: datetime, monkeypatch: pytest.MonkeyPatch) -> tuple[list[dict[str, Any]], list]:
    monkeypatch.setattr(crisis, "now", lambda: moment)
    dispatcher = CollectingDispatcher()
    events = await crisis.ActionRespondToCrisis().run(dispatcher, tracker, {})
    return dispatcher.messages, events


async def test_at_night_988_comes_first_with_the_on_call_line_and_no_case_or_opening_time(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], pages: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    messages, events = await say(conversation(make_tracker, DISTRESS[:1]), SUNDAY_1_45_AM_CHICAGO, monkeypatch)
    assert [m["response"] for m in messages] == ["utter_crisis", "utter_crisis_after_hours"]
    assert messages[1]["on_call"] == "(555) 010-0999"
    assert events == []  # the assistant stays with the resident
    assert "reference" not in messages[1] and "opens" not in messages[1]
    [waiting] = stores[0].waiting()
    assert (waiting.reason, waiting.agency_id) == (HandoffReason.CRISIS, "contact_center")
    assert pages == [{"text": pages[0]["text"], "link": f"https://console.example/handoffs/{waiting.id}", "channel": "webchat"}]
    assert DISTRESS[0] not in pages[0]["text"]


async def test_later_distressed_messages_get_different_short_replies_and_no_second_handoff_or_page(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], pages: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    replies = []
    for count in range(1, len(DISTRESS) + 1):
        messages, _ = await say(conversation(make_tracker, DISTRESS[:count]), SUNDAY_1_45_AM_CHICAGO, monkeypatch)
        replies.append([m["response"] for m in messages])
    assert replies[0][0] == "utter_crisis"
    follow_ups = [reply for [reply] in replies[1:]]
    assert follow_ups == ["utter_crisis_follow_up_1", "utter_crisis_follow_up_2", "utter_crisis_follow_up_3"]
    assert len(stores[0].waiting()) == 1 and len(pages) == 1


async def test_in_office_hours_a_person_joins_from_the_top_of_the_queue_and_nobody_is_paged(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], pages: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stores[0].open("someone-else", "sms", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    messages, events = await say(conversation(make_tracker, DISTRESS[:1]), MONDAY_NOON_CHICAGO, monkeypatch)
    assert [m["response"] for m in messages] == ["utter_crisis", "utter_crisis_staff_joining"]
    assert [e["event"] for e in events] == ["pause"]
    assert [h.reason for h in stores[0].waiting({"contact_center"})] == [HandoffReason.CRISIS, HandoffReason.ASKED_FOR_PERSON]
    assert pages == []


async def test_a_pager_that_fails_never_stops_the_reply(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(get_settings(), "crisis_page_url", SecretStr("http://127.0.0.1:9/nothing-listens"))
    messages, _ = await say(conversation(make_tracker, DISTRESS[:1]), SUNDAY_1_45_AM_CHICAGO, monkeypatch)
    assert [m["response"] for m in messages] == ["utter_crisis", "utter_crisis_after_hours"]


async def test_a_crisis_is_answered_even_after_the_hand_off_limit(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions import handoff
    from bot.rate_limits import Limit, RateLimits

    monkeypatch.setattr(handoff, "rate_limits", lambda: RateLimits("memory://", {Limit.HANDOFF: "1/hour"}, "crisis"))
    monkeypatch.setattr(handoff, "queues", lambda: stores[0])
    monkeypatch.setattr(handoff, "now", lambda: MONDAY_NOON_CHICAGO)
    for _ in range(3):
        await handoff.ActionHandOff().run(CollectingDispatcher(), make_tracker("talk to a person", "human_handoff"), {})
    messages, events = await say(conversation(make_tracker, DISTRESS[:1]), MONDAY_NOON_CHICAGO, monkeypatch)
    assert messages[1]["response"] == "utter_crisis_staff_joining" and [e["event"] for e in events] == ["pause"]


def test_there_is_a_response_for_every_follow_up_reply() -> None:
    from bot.crisis import FOLLOW_UP_REPLIES

    assert len(crisis.FOLLOW_UPS) == FOLLOW_UP_REPLIES
