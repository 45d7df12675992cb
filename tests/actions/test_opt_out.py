"""A request to stop messages is answered with what stopping means on the resident's channel."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.opt_out import ActionExplainOptOut


@pytest.mark.parametrize(
    ("channel", "response"),
    [("sms", "utter_opt_out_sms"), ("telegram", "utter_opt_out_telegram"), ("webchat", "utter_opt_out"),
     ("rest", "utter_opt_out"), (None, "utter_opt_out")],
)
async def test_stopping_is_explained_for_the_channel_the_resident_wrote_on(channel: str | None, response: str) -> None:
    events = [{"event": "user", "text": "stop texting me", "input_channel": channel,
               "parse_data": {"intent": {"name": "opt_out", "confidence": 1.0}}}]
    tracker = Tracker("resident-1", {}, {}, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    assert await ActionExplainOptOut().run(dispatcher, tracker, {}) == []
    assert [message["response"] for message in dispatcher.messages] == [response]
