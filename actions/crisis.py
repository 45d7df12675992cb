"""Answer a resident in crisis: the crisis lines first, then a person now or the on-call line, at any hour."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.common import heard_intents, queues, resident_catalog, resident_language
from bot import crisis
from bot.integrations.pager import page_on_call
from bot.settings import get_settings, now

CRISIS = "crisis"
# One response per follow-up reply bot.crisis cycles through.
FOLLOW_UPS = ("utter_crisis_follow_up_1", "utter_crisis_follow_up_2", "utter_crisis_follow_up_3")


def earlier_crisis_messages(tracker: Tracker) -> int:
    """Distressed messages before the latest one in this conversation, as the tracker recorded them."""
    return max(heard_intents(tracker).count(CRISIS) - 1, 0)


def pager(channel: str) -> Callable[[int], bool] | None:
    """Pages on-call staff with a link to the handoff, when a page webhook is configured; else None."""
    settings = get_settings()
    url = settings.crisis_page_url.get_secret_value()
    if not url:
        return None
    return lambda handoff_id: page_on_call(url, settings.console_link(handoff_id), channel)


def _respond(tracker: Tracker, channel: str) -> crisis.CrisisReply:
    catalog, earlier = resident_catalog(tracker), earlier_crisis_messages(tracker)
    return crisis.respond(
        catalog, queues(), tracker.sender_id, channel, now(), earlier, pager(channel), resident_language(tracker)
    )


class ActionRespondToCrisis(Action):
    """Give the crisis lines, then say who is with the resident; never a case reference or an opening time.

    A first distressed message gets the full crisis answer; later ones a short, different reply with the
    numbers again. In office hours a person joins (the bot pauses); out of hours the bot stays, with the
    city's on-call line, and on-call staff are paged.
    """

    def name(self) -> str:
        return "action_respond_to_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        channel = tracker.get_latest_input_channel() or "unknown"
        try:
            reply = await asyncio.to_thread(_respond, tracker, channel)
        except SQLAlchemyError:
            # No queue to join: the crisis lines still come first, and nothing is promised.
            dispatcher.utter_message(response="utter_crisis")
            return []
        if reply.follow_up is not None:
            dispatcher.utter_message(response=FOLLOW_UPS[reply.follow_up])
            return []
        dispatcher.utter_message(response="utter_crisis")
        if reply.step is crisis.CrisisStep.STAFF_JOINING:
            dispatcher.utter_message(response="utter_crisis_staff_joining")
            return [ConversationPaused()]
        if reply.on_call_phone:
            dispatcher.utter_message(response="utter_crisis_after_hours", on_call=reply.on_call_phone)
        else:
            dispatcher.utter_message(response="utter_crisis_after_hours_no_line")
        return []
