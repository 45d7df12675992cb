from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import handoff
from actions.fallback import ActionHandleFallback
from bot.cases import CaseStore
from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.queues import Queues

MONDAY_NOON_CHICAGO = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
SUNDAY_NIGHT_CHICAGO = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)


@pytest.fixture
def stores(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[Queues, CaseStore]:
    monkeypatch.setattr(handoff, "queues", lambda: Queues(sqlite_database))
    monkeypatch.setattr(handoff, "case_store", lambda: CaseStore(sqlite_database))
    return Queues(sqlite_database), CaseStore(sqlite_database)


def at(moment: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handoff, "now", lambda: moment)


async def run(tracker: Tracker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await handoff.ActionHandOff().run(dispatcher, tracker, {})
    return dispatcher.messages, events


async def test_in_hours_a_staff_service_is_queued_with_its_agency_and_the_bot_pauses(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(MONDAY_NOON_CHICAGO, monkeypatch)
    messages, events = await run(make_tracker("i got an eviction notice", "tenant_rights"))
    [queued] = stores[0].waiting()
    assert (queued.agency_id, queued.reason, queued.conversation_id) == ("housing", HandoffReason.STAFF_SERVICE, "resident-1")
    assert messages[0]["response"] == "utter_handoff_queued"
    assert messages[0]["agency"] == "Housing and Code Enforcement"
    assert [e["event"] for e in events] == ["pause"]


async def test_asking_for_a_person_after_a_service_goes_to_that_services_agency(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(MONDAY_NOON_CHICAGO, monkeypatch)
    await run(make_tracker("can i talk to someone", "human_handoff", earlier=[("my water bill is wrong", "water_bill")]))
    assert [h.agency_id for h in stores[0].waiting()] == ["water"]


async def test_out_of_hours_a_case_is_filed_and_the_bot_stays_on(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(SUNDAY_NIGHT_CHICAGO, monkeypatch)
    messages, events = await run(make_tracker("i got an eviction notice", "tenant_rights"))
    assert events == []
    assert stores[0].waiting() == []
    assert messages[0]["response"] == "utter_handoff_after_hours"
    assert messages[0]["opens"] == "tomorrow, Monday, after 8:30 a.m. CST"
    assert messages[0]["phone"] == "(555) 010-0160"
    assert stores[1].find(messages[0]["reference"]) is not None


async def test_second_miss_in_a_row_hands_over_to_the_contact_center(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(MONDAY_NOON_CHICAGO, monkeypatch)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("still nothing", "nlu_fallback", earlier=[("hmm", "nlu_fallback")])
    events = await ActionHandleFallback().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_misunderstood_twice", "utter_handoff_queued"]
    assert [(h.agency_id, h.reason) for h in stores[0].waiting()] == [("contact_center", HandoffReason.MISUNDERSTOOD)]
    assert [e["event"] for e in events] == ["pause"]


async def test_a_fourth_request_for_a_person_within_the_hour_is_told_to_wait_and_queues_nothing(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(SUNDAY_NIGHT_CHICAGO, monkeypatch)  # each request is answered from the one case, so each one is visible
    answers = [(await run(make_tracker("talk to a person", "human_handoff")))[0][0]["response"] for _ in range(4)]
    assert answers == ["utter_handoff_after_hours"] + ["utter_handoff_already_filed"] * 2 + ["utter_handoff_rate_limited"]
    assert len(stores[1].for_conversation("resident-1")) == 1


async def test_a_night_request_files_one_case_with_a_general_service_and_what_the_resident_said(
    make_tracker: Callable[..., Tracker], stores: tuple[Queues, CaseStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    at(SUNDAY_NIGHT_CHICAGO, monkeypatch)
    tracker = make_tracker("can i talk to someone", "human_handoff", earlier=[("my neighbour's fence fell on my car", "nlu_fallback")])
    await run(tracker)
    [case] = stores[1].for_conversation("resident-1")
    assert case.view.service_id == "general_enquiry"
    assert case.description == "my neighbour's fence fell on my car / can i talk to someone"
