from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import case_form
from bot.cases import CaseStore
from bot.db import Database, make_engine


def form_tracker(slots: dict[str, Any], channel: str = "webchat") -> Tracker:
    events = [{"event": "user", "text": "yes", "input_channel": channel, "parse_data": {"intent": {"name": "affirm"}}}]
    return Tracker("resident-7", slots, {"text": "yes", "intent": {"name": "affirm"}}, events, False, None,
                   {"name": "case_form"}, "case_form")


@pytest.fixture
def store(sqlite_store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> CaseStore:
    monkeypatch.setattr(case_form, "case_store", lambda: sqlite_store)
    return sqlite_store


@pytest.mark.parametrize(
    ("service", "expected"),
    [
        ("pothole_report", ["case_location", "case_description", "case_confirmed"]),
        ("public_records_request", None),
    ],
)
async def test_form_asks_what_the_catalogue_lists(service: str, expected: list[str] | None) -> None:
    slots = await case_form.ValidateCaseForm().required_slots([], CollectingDispatcher(), form_tracker({"case_service": service}), {})
    if expected is None:
        assert slots[-1] == "case_confirmed" and "case_location" not in slots
    else:
        assert slots == expected


async def test_confirmation_reads_back_the_details() -> None:
    dispatcher = CollectingDispatcher()
    tracker = form_tracker({"case_service": "pothole_report", "case_location": "5 Fictional Rd", "case_description": "deep hole"})
    await case_form.ActionAskCaseConfirmed().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert (message["agency"], message["details"]) == ("Public Works", "5 Fictional Rd\ndeep hole")


async def test_no_at_confirmation_clears_the_details_to_ask_again() -> None:
    dispatcher = CollectingDispatcher()
    result = await case_form.ValidateCaseForm().validate_case_confirmed(False, dispatcher, form_tracker({}), {})
    assert result["case_confirmed"] is None and result["case_location"] is None
    assert dispatcher.messages[0]["response"] == "utter_case_restart"


async def test_filing_stores_the_case_with_its_channel_and_conversation(store: CaseStore) -> None:
    dispatcher = CollectingDispatcher()
    slots = {"case_service": "pothole_report", "case_location": "5 Fictional Rd", "case_description": "deep hole",
             "case_confirmed": True}
    events = await case_form.ActionFileCase().run(dispatcher, form_tracker(slots, channel="sms"), {})
    message, question = dispatcher.messages
    assert (message["response"], question["response"]) == ("utter_case_filed", "utter_ask_feedback")
    case = store.find(message["reference"])
    assert case is not None and case.agency_id == "public_works"
    form_slots = [event for event in events if event["name"].startswith("case_")]
    assert form_slots and all(event["value"] is None for event in form_slots)


async def test_unconfirmed_details_are_never_filed(store: CaseStore) -> None:
    dispatcher = CollectingDispatcher()
    await case_form.ActionFileCase().run(dispatcher, form_tracker({"case_service": "pothole_report"}), {})
    assert dispatcher.messages == []


async def test_a_database_failure_is_told_plainly_and_names_the_agency(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = CaseStore(Database(make_engine(f"sqlite:///{tmp_path / 'never-migrated.db'}")))
    monkeypatch.setattr(case_form, "case_store", lambda: broken)
    dispatcher = CollectingDispatcher()
    slots = {"case_service": "pothole_report", "case_location": "x st", "case_description": "hole", "case_confirmed": True}
    await case_form.ActionFileCase().run(dispatcher, form_tracker(slots), {})
    assert dispatcher.messages[0]["response"] == "utter_case_not_filed"
    assert dispatcher.messages[0]["agency"] == "Public Works"


async def test_a_case_from_a_resident_who_told_of_a_baby_goes_first_and_says_so(store: CaseStore) -> None:
    dispatcher = CollectingDispatcher()
    slots = {"case_service": "no_heat_or_hot_water", "case_location": "12 Fictional Ave apt 3",
             "case_description": "no heat since friday", "case_contact": "text me", "case_confirmed": True}
    tracker = form_tracker(slots)
    tracker.events.insert(0, {"event": "user", "text": "no heat in my apartment and landlord ignores me, i have a baby"})
    await case_form.ActionFileCase().run(dispatcher, tracker, {})
    filed, priority = dispatcher.messages[:2]
    assert priority["response"] == "utter_case_priority"
    assert priority["noticed"] == "a baby or young child at home"
    assert "within 4 hours" in priority["promise"]
    [case] = store.list(None)
    assert case.view.priority_reason == "priority: infant or young child in the home"
    assert case.view.reference == filed["reference"]


@pytest.mark.parametrize(
    ("answer", "said"),
    [("my baby is freezing, I need someone now", "utter_case_plea_heard"), ("theres smoke coming from the wall", "utter_emergency")],
)
async def test_a_plea_typed_where_the_address_was_asked_is_answered_and_not_stored(answer: str, said: str) -> None:
    dispatcher = CollectingDispatcher()
    result = await case_form.ValidateCaseForm().validate_case_location(answer, dispatcher, form_tracker({}), {})
    assert result == {"case_location": None}
    assert [m["response"] for m in dispatcher.messages] == [said]


async def test_an_address_that_mentions_a_baby_is_still_an_address() -> None:
    dispatcher = CollectingDispatcher()
    result = await case_form.ValidateCaseForm().validate_case_location("12 Linden Ave, baby's room", dispatcher, form_tracker({}), {})
    assert result == {"case_location": "12 Linden Ave, baby's room"} and dispatcher.messages == []
