"""A resident whose night request for a person is waiting is told, once per session, that staff have it, and the
assistant still answers what they asked."""

from __future__ import annotations

from typing import Any, Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

import actions.pending_request
from actions.answer import ActionAnswerService
from actions.fallback import ActionHandleFallback
from bot.cases import CaseStatus, CaseStore, CaseView, NewCase
from bot.db import Database
from bot.handoff import request_case
from bot.integrations.rasa import STAFF_KEY
from bot.language import LANGUAGE_SLOT
from bot.pending_requests import NOTICE_KEY, STAFF_HAVE_REQUEST

TOLD = "Staff at Water and Sewer Utility have your request (case {}) and will reply here."


def night_case(database: Database) -> CaseView:
    case, _ = request_case(CaseStore(database), "water", "water_bill", "webchat", "resident-1", ["my bill is wrong"])
    return case


def with_events(tracker: Tracker, *before: dict[str, Any]) -> Tracker:
    """`tracker` with `before` ahead of its latest message."""
    tracker.events = [*before, *tracker.events]
    return tracker


def filing(reference: str) -> dict[str, Any]:
    return {"event": "bot", "text": f"... as case {reference} ...", "metadata": {"utter_action": "utter_handoff_after_hours"}}


async def answer(tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await ActionAnswerService().run(dispatcher, tracker, {})
    return dispatcher.messages


async def test_in_a_later_session_the_resident_is_told_once_and_still_answered(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    case = night_case(action_database)
    earlier = [filing(case.reference), {"event": "session_started"}]
    first = await answer(with_events(make_tracker("how do i pay my water bill", "water_bill"), *earlier))
    assert first[0]["text"] == TOLD.format(case.reference)
    assert first[0][NOTICE_KEY] == STAFF_HAVE_REQUEST
    assert first[1]["response"] == "utter_service_answer"
    told = {"event": "bot", "text": first[0]["text"], "metadata": {NOTICE_KEY: STAFF_HAVE_REQUEST}}
    again = await answer(with_events(make_tracker("and when is it due", "water_bill"), *earlier, told))
    assert [m.get("text") for m in again if m.get("text")] == []
    assert again[0]["response"] == "utter_service_answer"


async def test_in_the_session_that_filed_it_the_reference_is_not_repeated(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    case = night_case(action_database)
    messages = await answer(with_events(make_tracker("how do i pay my water bill", "water_bill"), filing(case.reference)))
    assert messages[0]["response"] == "utter_service_answer"


async def test_once_staff_have_written_or_worked_the_case_nothing_is_said(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    case = night_case(action_database)
    staff = {"event": "bot", "text": "Sam, Water: hello", "metadata": {STAFF_KEY: "Sam Example, Water"},
             "timestamp": case.created_at.timestamp() + 60}
    replied = await answer(with_events(make_tracker("ok thanks, and my bill?", "water_bill"), staff))
    assert replied[0]["response"] == "utter_service_answer"
    CaseStore(action_database).set_status(case.reference, CaseStatus.IN_PROGRESS, "")
    worked = await answer(make_tracker("how do i pay my water bill", "water_bill"))
    assert worked[0]["response"] == "utter_service_answer"


async def test_a_form_case_is_no_request_for_a_person(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    CaseStore(action_database).create(NewCase("pothole_report", "public_works", "webchat", "resident-1", "1 Road"))
    messages = await answer(make_tracker("how do i pay my water bill", "water_bill"))
    assert messages[0]["response"] == "utter_service_answer"


async def test_a_misunderstood_message_is_told_too_and_in_the_residents_language(
    make_tracker: Callable[..., Tracker], action_database: Database
) -> None:
    case = night_case(action_database)
    tracker = make_tracker("el asunto de la esquina", "nlu_fallback")
    tracker.slots[LANGUAGE_SLOT] = "es"
    dispatcher = CollectingDispatcher()
    await ActionHandleFallback().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"] == (
        f"El personal de Servicio de Agua y Alcantarillado tiene su solicitud (caso {case.reference}) y le responderá aquí."
    )
    assert dispatcher.messages[1]["response"].startswith("utter_ask_rephrase")


async def test_with_the_database_down_the_resident_is_still_answered(
    make_tracker: Callable[..., Tracker], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Broken:
        def for_conversation(self, _conversation: str) -> None:
            raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(actions.pending_request, "case_store", Broken)
    messages = await answer(make_tracker("how do i pay my water bill", "water_bill"))
    assert messages[0]["response"] == "utter_service_answer"
