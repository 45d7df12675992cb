"""Text that is no message, sent to the real trained model over REST: never answered as a service, never
offered one; real short messages and Spanish are still read."""

from __future__ import annotations

import uuid

import pytest

from scripts.assistant import Assistant
from tests.bot.test_gibberish import LOREM

REPHRASE = "Could you say it another way, in a few words?"
TOO_LONG = "That's a long message."


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ((LOREM * 2)[:500], REPHRASE),
        ((LOREM * 10)[:4000], TOO_LONG),
        ("zonk the grabble please", REPHRASE),
        ("asdkjh qwe zxc", REPHRASE),
        ("a" * 300, REPHRASE),
        ("jkdfhg ksjdhf lkjsdf qwpoeiru", REPHRASE),
        ("pothole " * 200, REPHRASE),
        ("pothole " * 500, TOO_LONG),
    ],
    ids=["lorem 500", "lorem 4000", "made-up words", "keyboard letters", "one letter", "keyboard mash",
         "pothole x200", "pothole x500"],
)
def test_nonsense_is_not_understood_and_offered_no_service(assistant: Assistant, message: str, expected: str) -> None:
    [reply] = assistant.say(uuid.uuid4().hex, message)
    assert expected in str(reply["text"])
    assert "buttons" not in reply


@pytest.mark.parametrize("message", ["hi", "yes", "my bin was not emptied", "¿dónde pago mi multa de estacionamiento?"])
def test_real_messages_are_not_taken_for_nonsense(assistant: Assistant, message: str) -> None:
    replies = assistant.say(uuid.uuid4().hex, message)
    assert not any(REPHRASE in str(reply.get("text")) for reply in replies)
