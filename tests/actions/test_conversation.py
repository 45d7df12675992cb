from __future__ import annotations

from typing import Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionGreet, ActionListServices
from bot.catalog import Catalog


async def test_greeting_names_the_city_and_the_privacy_notice(
    make_tracker: Callable[..., Tracker], catalog: Catalog
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker("hi", "greet"), {})
    assert dispatcher.messages[0]["city"] == catalog.city.name
    assert dispatcher.messages[0]["privacy"] == catalog.city.privacy


async def test_help_lists_agencies(make_tracker: Callable[..., Tracker]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionListServices().run(dispatcher, make_tracker("help", "help"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_help"
    assert "Sanitation and Recycling: " in message["agencies"]
