"""Hand the conversation to a person: queue it and pause the bot in office hours, file a case outside them."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import (
    case_store,
    catalog,
    heard_intents,
    queues,
    rate_limits,
    resident_catalog,
    resident_language,
    resident_said,
)
from bot import answers, handoff, hours, vulnerability
from bot.catalog import Kind
from bot.handoff_records import HandoffReason
from bot.routing import contact_center
from bot.settings import get_settings, now

# A crisis is never handed off here: actions/crisis.py stays with the resident at any hour.
_REASONS = {
    "nlu_fallback": HandoffReason.MISUNDERSTOOD,
    "human_handoff": HandoffReason.ASKED_FOR_PERSON,
}


def last_service(tracker: Tracker) -> str | None:
    """The service the resident last asked about in this conversation, if any."""
    return next((str(i) for i in reversed(heard_intents(tracker)) if catalog().service(str(i)) is not None), None)


def _queue(sender_id: str, channel: str, decision: handoff.HandoffPlan, said: list[str], language: str | None) -> int:
    """Open the conversation in its agency's queue, ahead of ordinary requests when the resident told of a
    vulnerability; the minutes the resident is told to expect."""
    reason = vulnerability.priority_reason(vulnerability.in_conversation(said))
    opened = queues().open(
        sender_id, channel, decision.agency.id, decision.reason, decision.service_id, reason, language
    )
    return handoff.estimated_wait_minutes(queues().position(opened.id), get_settings().minutes_per_handoff)


async def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Queue the conversation with the right agency and pause the bot, or file a case when nobody is in."""
    intent = str(tracker.get_intent_of_latest_message(skip_fallback_intent=False))
    service_id = last_service(tracker)
    service = resident_catalog(tracker).service(service_id) if service_id else None
    reason = _REASONS.get(intent) or (
        HandoffReason.STAFF_SERVICE if service is not None and service.kind is Kind.STAFF
        else HandoffReason.ASKED_FOR_PERSON
    )
    channel = tracker.get_latest_input_channel() or "unknown"
    if not await asyncio.to_thread(handoff.may_hand_off, rate_limits(), channel, tracker.sender_id):
        dispatcher.utter_message(response="utter_handoff_rate_limited")
        return []
    moment, catalog = now(), resident_catalog(tracker)
    decision = handoff.plan(catalog, reason, service_id, moment)
    try:
        if decision.staffed_now:
            wait = await asyncio.to_thread(
                _queue, tracker.sender_id, channel, decision, resident_said(tracker), resident_language(tracker)
            )
            dispatcher.utter_message(response="utter_handoff_queued", agency=decision.agency.name, minutes=wait)
            return [ConversationPaused()]
        case, already = await asyncio.to_thread(
            handoff.after_hours_case, case_store(), decision, channel, tracker.sender_id, resident_said(tracker),
            resident_language(tracker),
        )
    except SQLAlchemyError:
        center = contact_center(catalog)
        dispatcher.utter_message(response="utter_contact_person", **answers.agency_fields(center, catalog.phrases))
        return []
    opening = decision.next_open
    returns = catalog.phrases.next_in
    if opening:
        returns = hours.when_staff_return(opening, moment.astimezone(opening.tzinfo), catalog.phrases)
    dispatcher.utter_message(
        response="utter_handoff_already_filed" if already else "utter_handoff_after_hours",
        agency=decision.agency.name,
        opens=returns,
        phone=decision.agency.phone,
        reference=case.reference,
    )
    return []


class ActionHandOff(Action):
    """Pass the conversation to the owning agency's staff (the 311 Contact Center when there is none)."""

    def name(self) -> str:
        return "action_hand_off"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return await hand_off(dispatcher, tracker)
