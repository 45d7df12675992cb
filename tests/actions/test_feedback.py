"""Asking whether an answer helped, at most once a day, and taking the resident's yes or no."""

from __future__ import annotations

from typing import Any, Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerService
from actions.feedback import ActionTakeFeedback
from bot.db import Database
from bot.feedback import FeedbackLog
from bot.settings import now
from bot.unresolved import UnresolvedKind, UnresolvedLog
from tests.actions.conftest import user_event

EPOCH = now().replace(year=2000)


def _answered(question: str, service: str, reply: str, intent: str, asked: bool = True) -> Tracker:
    """A conversation where `question` got `service`'s answer (and the feedback question), then `reply`."""
    bot_answer = {"event": "bot", "text": "The answer.", "metadata": {"utter_action": "utter_service_answer"}}
    ask = {"event": "bot", "text": "Did this answer help you?", "metadata": {"utter_action": "utter_ask_feedback"}}
    events = [user_event(question, service), bot_answer, *([ask] if asked else []), user_event(reply, intent)]
    latest = {"text": reply, "intent": {"name": intent, "confidence": 0.95},
              "intent_ranking": [{"name": intent, "confidence": 0.95}], "entities": []}
    return Tracker("resident-1", {"feedback_service": service}, latest, events, False, None, {}, "action_listen")


async def _run(action: Any, tracker: Tracker) -> tuple[list[str], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return [m["response"] for m in dispatcher.messages], events


async def test_an_info_answer_asks_for_feedback_once_a_day(make_tracker: Callable[..., Tracker]) -> None:
    responses, events = await _run(ActionAnswerService(), make_tracker("when is trash day", "collection_schedule"))
    assert responses[-1] == "utter_ask_feedback"
    slots = {event["name"]: event["value"] for event in events}
    assert slots["feedback_service"] == "collection_schedule"
    tracker = make_tracker("when is recycling day", "collection_schedule")
    tracker.slots["feedback_asked_at"] = slots["feedback_asked_at"] - 3600
    responses, events = await _run(ActionAnswerService(), tracker)
    assert "utter_ask_feedback" not in responses and events == []


async def test_yes_to_the_question_is_stored_as_helpful(action_database: Database) -> None:
    responses, _ = await _run(ActionTakeFeedback(), _answered("trash day?", "collection_schedule", "yes", "affirm"))
    assert responses == ["utter_feedback_thanks"]
    [feedback] = FeedbackLog(action_database).since(EPOCH)
    assert (feedback.service_id, feedback.agency_id, feedback.channel, feedback.helpful) == (
        "collection_schedule", "sanitation", "webchat", True)
    assert UnresolvedLog(action_database).since(EPOCH) == []


async def test_no_logs_the_question_as_unresolved(action_database: Database) -> None:
    tracker = _answered("when do they take old sofas, call 555-123-4567", "bulk_item_pickup", "no", "deny")
    responses, _ = await _run(ActionTakeFeedback(), tracker)
    assert responses == ["utter_feedback_sorry"]
    assert FeedbackLog(action_database).since(EPOCH)[0].helpful is False
    [record] = UnresolvedLog(action_database).since(EPOCH)
    assert record.kind is UnresolvedKind.NOT_HELPFUL
    assert record.text == "when do they take old sofas, call [PHONE]"
    assert record.top_intents == [("bulk_item_pickup", 1.0)]


async def test_yes_without_a_question_is_only_acknowledged(action_database: Database) -> None:
    tracker = _answered("trash day?", "collection_schedule", "yes", "affirm", asked=False)
    responses, _ = await _run(ActionTakeFeedback(), tracker)
    assert responses == ["utter_anything_else"]
    assert FeedbackLog(action_database).since(EPOCH) == []
