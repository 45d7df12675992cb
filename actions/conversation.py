"""Conversation-level replies that draw on the catalogue: the greeting and the help menu."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import resident_catalog
from bot import answers


class ActionGreet(Action):
    """Greet briefly, with the link to the privacy notice.

    Who is writing (an automated assistant, "person" for staff) is said once per conversation by the channel:
    the web chat's welcome, the first SMS or Telegram message.
    """

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        city = resident_catalog(tracker).city
        dispatcher.utter_message(response="utter_greet", privacy_url=city.privacy_url)
        return []


class ActionListServices(Action):
    """List what the assistant can do, agency by agency."""

    def name(self) -> str:
        return "action_list_services"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_help", agencies=answers.help_menu(resident_catalog(tracker)))
        return []
