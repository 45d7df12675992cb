"""The reply to a message the assistant did not understand."""

from __future__ import annotations

import itertools
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import heard_intents, intent_ranking, latest_text, resident_catalog
from actions.handoff import hand_off
from actions.pending_request import tell_if_staff_have_request
from actions.unresolved import note_unresolved, settle_unresolved
from bot.answers import option_title
from bot.fallback import FallbackReply, choose
from bot.routing import likely_services
from bot.unresolved import Outcome, UnresolvedKind

FALLBACK_INTENT = "nlu_fallback"

_RESPONSES = {
    FallbackReply.UNREADABLE: "utter_unreadable",
    FallbackReply.TOO_LONG: "utter_too_long",
}


def misses_in_a_row(tracker: Tracker) -> int:
    """Count the latest user messages, newest first, that ended in the fallback intent."""
    newest_first = reversed(heard_intents(tracker))
    return sum(1 for _ in itertools.takewhile(lambda intent: intent == FALLBACK_INTENT, newest_first))


class ActionHandleFallback(Action):
    """Ask to rephrase with the two likeliest services as buttons; after a second miss, hand over to a person."""

    def name(self) -> str:
        return "action_handle_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reply = choose(latest_text(tracker), misses_in_a_row(tracker))
        await note_unresolved(tracker, UnresolvedKind.FALLBACK)
        if reply is FallbackReply.CONTACT_CENTER:
            dispatcher.utter_message(response="utter_misunderstood_twice")
            events = await hand_off(dispatcher, tracker)
            await settle_unresolved(tracker, Outcome.HANDED_OFF)
            return events
        await tell_if_staff_have_request(dispatcher, tracker)
        if reply is FallbackReply.REPHRASE:
            options = likely_services(resident_catalog(tracker), intent_ranking(tracker))
            said = latest_text(tracker)
            buttons = [{"title": option_title(s, said), "payload": f"/{s.id}"} for s in options]
            dispatcher.utter_message(
                response="utter_ask_rephrase" if buttons else "utter_ask_rephrase_no_options", buttons=buttons
            )
        else:
            dispatcher.utter_message(response=_RESPONSES[reply])
        return []
