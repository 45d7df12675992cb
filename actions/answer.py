"""Answer any catalogued service from its catalogue entry."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import catalog, latest_text
from bot import answers, safety
from bot.routing import NextStep, route

_NEXT_STEP_RESPONSE = {
    NextStep.FILE_CASE: "utter_request_next_step",
    NextStep.TALK_TO_STAFF: "utter_staff_next_step",
}


class ActionAnswerService(Action):
    """Give the service's answer and details; for requests and staff services, say what happens next."""

    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if safety.detect(latest_text(tracker)) is safety.Danger.EMERGENCY:
            dispatcher.utter_message(response="utter_emergency")
        found = route(catalog(), str(tracker.get_intent_of_latest_message()))
        if found is None:
            dispatcher.utter_message(response="utter_ask_rephrase_no_options")
            return []
        fields = answers.service_fields(found.service, found.agency)
        dispatcher.utter_message(response="utter_service_answer", **fields)
        dispatcher.utter_message(response="utter_service_details", **fields)
        if found.next_step in _NEXT_STEP_RESPONSE:
            dispatcher.utter_message(response=_NEXT_STEP_RESPONSE[found.next_step], **fields)
        return []
