from __future__ import annotations

from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionHandleFallback, misses_in_a_row


async def run(action: Action, tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, {})
    return dispatcher.messages


async def test_first_miss_offers_the_two_likeliest_services(make_tracker: Callable[..., Tracker]) -> None:
    tracker = make_tracker(
        "the thing on my road",
        "nlu_fallback",
        ranking=[("nlu_fallback", 0.7), ("pothole_report", 0.2), ("greet", 0.05), ("sidewalk_repair", 0.04)],
    )
    [message] = await run(ActionHandleFallback(), tracker)
    assert message["response"] == "utter_ask_rephrase"
    assert [b["payload"] for b in message["buttons"]] == ["/pothole_report", "/sidewalk_repair"]


async def test_offered_services_name_the_sub_topic_the_resident_used(make_tracker: Callable[..., Tracker]) -> None:
    tracker = make_tracker(
        "swing at the playground broken",
        "nlu_fallback",
        ranking=[("nlu_fallback", 0.6), ("park_maintenance", 0.3), ("park_reservation", 0.1)],
    )
    [message] = await run(ActionHandleFallback(), tracker)
    assert message["buttons"][0]["title"] == "Report a problem in a park (broken playground equipment)"
    assert message["buttons"][1]["title"] == "Reserve a picnic shelter, field or hall"


async def test_a_miss_after_an_understood_message_is_a_first_miss(make_tracker: Callable[..., Tracker]) -> None:
    tracker = make_tracker("blorp", "nlu_fallback", earlier=[("zzz", "nlu_fallback"), ("hi", "greet")])
    assert misses_in_a_row(tracker) == 1


async def test_empty_message_is_told_nothing_could_be_read(make_tracker: Callable[..., Tracker]) -> None:
    [message] = await run(ActionHandleFallback(), make_tracker("", "nlu_fallback"))
    assert message["response"] == "utter_unreadable"
