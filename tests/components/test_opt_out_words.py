"""The opt-out words component turns a worded request to stop into `opt_out`, and leaves danger alone."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import urgent_intent
from components.opt_out_words import OptOutWordsClassifier


def heard(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {INTENT_NAME_KEY: intent, "confidence": 0.4}})
    [processed] = OptOutWordsClassifier().process([message])
    return str(processed.get(INTENT)[INTENT_NAME_KEY])


@pytest.mark.parametrize(
    ("text", "classifier", "expected"),
    [
        ("stop texting me", "crisis", "opt_out"),
        ("please stop sending me texts", "nlu_fallback", "opt_out"),
        ("ya no me escriban", "out_of_scope", "opt_out"),
        ("I can't stop crying", "crisis", "crisis"),
        ("stop sign is down", "street_sign_problem", "street_sign_problem"),
        ("stop texting me, I want to end it all", "opt_out", "opt_out"),
    ],
)
def test_a_worded_request_to_stop_is_heard_as_opt_out_whatever_the_classifier_said(
    text: str, classifier: str, expected: str
) -> None:
    assert heard(text, classifier) == expected


def test_an_opt_out_that_speaks_of_danger_is_answered_as_danger_by_the_next_component() -> None:
    # The classifier may hear opt_out in it; the danger check after this component then answers crisis.
    assert urgent_intent("opt_out", "stop texting me, I want to end it all") == "crisis"
