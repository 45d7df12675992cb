"""Ask now and then whether an answer helped, and take the resident's yes or no."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import database, resident_catalog
from actions.unresolved import note_unresolved
from bot.feedback import ASKED_AT_SLOT, QUESTION, SERVICE_SLOT, Feedback, FeedbackLog, should_ask
from bot.routing import route
from bot.settings import now
from bot.unresolved import UnresolvedKind

logger = logging.getLogger(__name__)


def ask_feedback(dispatcher: CollectingDispatcher, tracker: Tracker, service_id: str) -> list[dict[str, Any]]:
    """Ask whether the service's answer helped, unless this conversation was asked recently."""
    moment = now()
    if not should_ask(tracker.get_slot(ASKED_AT_SLOT), moment):
        return []
    dispatcher.utter_message(response=QUESTION)
    return [SlotSet(SERVICE_SLOT, service_id), SlotSet(ASKED_AT_SLOT, moment.timestamp())]


def _answered_question(tracker: Tracker) -> bool:
    """Whether the resident's latest message answers the feedback question, which the assistant said last."""
    seen_latest_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_latest_user:
                return False
            seen_latest_user = True
        elif event.get("event") == "bot" and seen_latest_user:
            return (event.get("metadata") or {}).get("utter_action") == QUESTION
    return False


def _question_text(tracker: Tracker) -> str:
    """What the resident asked before the answer they rate: the last words they typed, not a button."""
    texts = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    typed = [text for text in texts[:-1] if text and not text.startswith("/")]
    return typed[-1] if typed else ""


class ActionTakeFeedback(Action):
    """A yes or no: feedback when it answers the question just asked, otherwise an ordinary acknowledgement."""

    def name(self) -> str:
        return "action_take_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        found = route(resident_catalog(tracker), str(tracker.get_slot(SERVICE_SLOT) or ""))
        if found is None or not _answered_question(tracker):
            dispatcher.utter_message(response="utter_anything_else")
            return [SlotSet(SERVICE_SLOT, None)]
        helpful = tracker.get_intent_of_latest_message() == "affirm"
        feedback = Feedback(now(), tracker.get_latest_input_channel() or "unknown", found.service.id,
                            found.agency.id, helpful)
        try:
            await asyncio.to_thread(FeedbackLog(database()).record, tracker.sender_id, feedback)
        except SQLAlchemyError as error:
            logger.warning("feedback.record.failed error=%s", type(error).__name__)
        if helpful:
            dispatcher.utter_message(response="utter_feedback_thanks")
        else:
            await note_unresolved(tracker, UnresolvedKind.NOT_HELPFUL, _question_text(tracker), [(found.service.id, 1.0)])
            dispatcher.utter_message(response="utter_feedback_sorry", agency=found.agency.name)
        return [SlotSet(SERVICE_SLOT, None)]
