from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionGreet, ActionListServices
from bot.catalog import Catalog

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"
MAX_GREETING_WORDS = 30


async def test_greeting_links_the_privacy_notice(make_tracker: Callable[..., Tracker], catalog: Catalog) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker("hi", "greet"), {})
    [message] = dispatcher.messages
    assert (message["response"], message["privacy_url"]) == ("utter_greet", catalog.city.privacy_url)


def test_greeting_is_short_and_leaves_the_disclosure_to_the_channel(catalog: Catalog) -> None:
    [template] = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]["utter_greet"]
    text = template["text"].format(privacy_url=catalog.city.privacy_url)
    assert len(text.split()) <= MAX_GREETING_WORDS
    assert catalog.city.privacy_url in text


async def test_help_lists_agencies(make_tracker: Callable[..., Tracker]) -> None:
    dispatcher = CollectingDispatcher()
    await ActionListServices().run(dispatcher, make_tracker("help", "help"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_help"
    assert "Sanitation and Recycling: " in message["agencies"]
