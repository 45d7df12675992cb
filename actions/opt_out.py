"""A resident who asks in words to stop messages is told what stopping means on the channel they wrote on."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# SMS opts a worded request out at the channel (channels/sms.py); a phrasing only the classifier knows lands
# here and is offered STOP. Web chat and REST never write first, so the default explains that.
RESPONSES = {"sms": "utter_opt_out_sms", "telegram": "utter_opt_out_telegram"}
DEFAULT_RESPONSE = "utter_opt_out"


class ActionExplainOptOut(Action):
    """Say how to stop messages on this channel: reply STOP on SMS, block the bot on Telegram, close web chat."""

    def name(self) -> str:
        return "action_explain_opt_out"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(response=RESPONSES.get(tracker.get_latest_input_channel() or "", DEFAULT_RESPONSE))
        return []
