from __future__ import annotations

from typing import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import case_status
from bot.cases import CaseStore, NewCase


@pytest.fixture
def store(sqlite_store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> CaseStore:
    monkeypatch.setattr(case_status, "case_store", lambda: sqlite_store)
    return sqlite_store


async def test_status_of_a_known_case_names_agency_and_service(
    make_tracker: Callable[..., Tracker], store: CaseStore
) -> None:
    case = store.create(NewCase("pothole_report", "public_works", "sms", "c1", location="Elm St & 3rd"))
    dispatcher = CollectingDispatcher()
    await case_status.ActionCheckCaseStatus().run(dispatcher, make_tracker(f"status {case.reference}", "case_status"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_case_open"
    assert (message["reference"], message["agency"], message["title"]) == (
        case.reference,
        "Public Works",
        "Report a pothole",
    )


async def test_status_without_a_reference_asks_for_it(make_tracker: Callable[..., Tracker], store: CaseStore) -> None:
    dispatcher = CollectingDispatcher()
    await case_status.ActionCheckCaseStatus().run(dispatcher, make_tracker("where's my case", "case_status"), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_case_reference"


async def test_a_sixth_look_up_within_ten_minutes_is_told_to_wait_without_reading_the_store(
    make_tracker: Callable[..., Tracker], store: CaseStore
) -> None:
    case = store.create(NewCase("pothole_report", "public_works", "sms", "c1"))
    answers = []
    for _ in range(6):
        dispatcher = CollectingDispatcher()
        await case_status.ActionCheckCaseStatus().run(dispatcher, make_tracker(f"status {case.reference}", "case_status"), {})
        answers.append(dispatcher.messages[0]["response"])
    assert answers == ["utter_case_open"] * 5 + ["utter_case_status_rate_limited"]


async def test_questions_without_a_reference_do_not_use_up_look_ups(
    make_tracker: Callable[..., Tracker], store: CaseStore
) -> None:
    case = store.create(NewCase("pothole_report", "public_works", "sms", "c1"))
    for _ in range(10):
        await case_status.ActionCheckCaseStatus().run(
            CollectingDispatcher(), make_tracker("where's my case", "case_status"), {}
        )
    dispatcher = CollectingDispatcher()
    await case_status.ActionCheckCaseStatus().run(dispatcher, make_tracker(f"status {case.reference}", "case_status"), {})
    assert dispatcher.messages[0]["response"] == "utter_case_open"
