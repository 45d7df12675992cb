from __future__ import annotations

from typing import Any, Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerService
from bot.catalog import Catalog


async def run_answer(tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await ActionAnswerService().run(dispatcher, tracker, {})
    return dispatcher.messages


async def test_info_service_gets_its_catalogue_answer_and_details(
    make_tracker: Callable[..., Tracker], catalog: Catalog
) -> None:
    messages = await run_answer(make_tracker("when is trash day", "collection_schedule"))
    assert [m["response"] for m in messages] == ["utter_service_answer", "utter_service_details", "utter_ask_feedback"]
    assert messages[0]["answer"] == catalog.services["collection_schedule"].answer
    assert messages[1]["agency"] == "Sanitation and Recycling"


@pytest.mark.parametrize(
    ("intent", "next_step"),
    [("pothole_report", "utter_request_next_step"), ("tenant_rights", "utter_staff_next_step")],
)
async def test_request_and_staff_services_say_what_happens_next(
    make_tracker: Callable[..., Tracker], intent: str, next_step: str
) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerService().run(dispatcher, make_tracker("...", intent), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_service_answer", "utter_service_details", next_step]
    assert events == ([{"event": "slot", "timestamp": None, "name": "case_service", "value": intent}]
                      if intent == "pothole_report" else [])


async def test_danger_words_get_911_before_any_service_answer(make_tracker: Callable[..., Tracker]) -> None:
    messages = await run_answer(make_tracker("tree fell on a power line sparking", "street_tree_service"))
    assert messages[0]["response"] == "utter_emergency"
    assert messages[1]["response"] == "utter_service_answer"


async def test_crisis_words_get_the_crisis_line_before_any_service_answer(
    make_tracker: Callable[..., Tracker],
) -> None:
    messages = await run_answer(make_tracker("my boyfriend hits me and I need to move out", "tenant_rights"))
    assert messages[0]["response"] == "utter_crisis"


async def test_unknown_intent_asks_to_rephrase(make_tracker: Callable[..., Tracker]) -> None:
    messages = await run_answer(make_tracker("?", "not_a_service"))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase_no_options"]


async def test_pests_in_a_rental_offer_the_housing_repair_service(make_tracker: Callable[..., Tracker]) -> None:
    messages = await run_answer(make_tracker("rats in my apartment, landlord won't do anything", "rodent_pest_report"))
    [redirect] = [m for m in messages if m["response"] == "utter_service_redirect"]
    assert [b["payload"] for b in redirect["buttons"]] == ["/housing_repair_complaint"]


async def test_the_answer_names_the_sub_topic_the_resident_asked_about(make_tracker: Callable[..., Tracker]) -> None:
    messages = await run_answer(make_tracker("the bench by the pond is broken", "park_maintenance"))
    assert messages[1]["covers"].startswith("broken benches")
    assert "utter_service_redirect" not in [m["response"] for m in messages]


def by_sms(tracker: Tracker) -> Tracker:
    tracker.events[-1]["input_channel"] = "sms"
    return tracker


async def test_sms_gets_the_short_form_alone_when_the_catalogue_has_one(
    make_tracker: Callable[..., Tracker], catalog: Catalog
) -> None:
    messages = await run_answer(by_sms(make_tracker("when is trash day", "collection_schedule")))
    assert [m["response"] for m in messages] == ["utter_service_answer", "utter_ask_feedback"]
    assert messages[0]["answer"] == catalog.services["collection_schedule"].sms_answer


async def test_a_request_by_sms_still_says_what_happens_next_after_its_short_form(
    make_tracker: Callable[..., Tracker], catalog: Catalog
) -> None:
    messages = await run_answer(by_sms(make_tracker("pothole", "pothole_report")))
    assert [m["response"] for m in messages] == ["utter_service_answer", "utter_request_next_step"]
    assert messages[0]["answer"] == catalog.services["pothole_report"].sms_answer


async def test_web_chat_keeps_the_full_answer_and_its_details(
    make_tracker: Callable[..., Tracker], catalog: Catalog
) -> None:
    tracker = make_tracker("when is trash day", "collection_schedule")
    tracker.events[-1]["input_channel"] = "webchat"
    messages = await run_answer(tracker)
    assert [m["response"] for m in messages][:2] == ["utter_service_answer", "utter_service_details"]
    assert messages[0]["answer"] == catalog.services["collection_schedule"].answer
