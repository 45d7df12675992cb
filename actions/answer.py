"""Answer any catalogued service from its catalogue entry."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text, resident_catalog
from actions.feedback import ask_feedback
from actions.pending_request import tell_if_staff_have_request
from actions.unresolved import settle_unresolved
from bot import answers, safety, scope
from bot.routing import NextStep, route
from bot.unresolved import Outcome

_NEXT_STEP_RESPONSE = {
    NextStep.FILE_CASE: "utter_request_next_step",
    NextStep.TALK_TO_STAFF: "utter_staff_next_step",
}


class ActionAnswerService(Action):
    """Give the service's answer and details (on SMS its short form alone, when the catalogue has one); for requests and staff services, say what happens next (for a
    request, the case form that follows). When the resident's words fit a neighbour the service's scope
    excludes (a pest in a rental, not a public place), offer that service too.

    Words of danger or crisis put 911 or the crisis line first: the classifier may have heard a service in a
    frightened person's message ("smoke coming out of the outlet" as a housing repair).
    """

    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        danger = await asyncio.to_thread(safety.detect, latest_text(tracker))
        if danger is not None:
            dispatcher.utter_message(response=f"utter_{danger.value}")
        await tell_if_staff_have_request(dispatcher, tracker)
        catalog = resident_catalog(tracker)
        found = route(catalog, str(tracker.get_intent_of_latest_message()))
        if found is None:
            dispatcher.utter_message(response="utter_ask_rephrase_no_options")
            return []
        await settle_unresolved(tracker, Outcome.REPHRASED_AND_RESOLVED)
        said = latest_text(tracker)
        fields = answers.service_fields(found.service, found.agency, catalog.phrases, said)
        short = answers.short_form(found.service, tracker.get_latest_input_channel())
        if short is not None:
            dispatcher.utter_message(response="utter_service_answer", **{**fields, "answer": short})
        else:
            dispatcher.utter_message(response="utter_service_answer", **fields)
            dispatcher.utter_message(response="utter_service_details", **fields)
        elsewhere = scope.redirect(found.service, said)
        other = resident_catalog(tracker).service(elsewhere.service) if elsewhere else None
        if elsewhere and other:
            dispatcher.utter_message(
                response="utter_service_redirect", topic=elsewhere.topic, other=other.title,
                buttons=[{"title": other.title, "payload": f"/{other.id}"}],
            )
        if found.next_step in _NEXT_STEP_RESPONSE:
            dispatcher.utter_message(response=_NEXT_STEP_RESPONSE[found.next_step], **fields)
        if found.next_step is NextStep.FILE_CASE:
            # The rule for a request service runs the case form next; it reads which service from this slot.
            return [SlotSet("case_service", found.service.id)]
        if found.next_step is NextStep.NOTHING:
            return ask_feedback(dispatcher, tracker, found.service.id)
        return []
