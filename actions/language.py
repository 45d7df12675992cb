"""The resident asks for another language: confirm it in that language, or ask which one they want."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.language import LANGUAGE_ENTITY


class ActionSwitchLanguage(Action):
    """Confirm the switch the message asked for; the slot is already set from the message's `language` entity,
    so the confirmation comes out in the new language. A request that named no language gets the choice."""

    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        named = next(tracker.get_latest_entity_values(LANGUAGE_ENTITY), None)
        dispatcher.utter_message(response="utter_language_switched" if named else "utter_ask_language")
        return []
