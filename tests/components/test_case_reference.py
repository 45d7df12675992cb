"""The case reference component hears a valid reference, in any shape, as `case_status`."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.case_reference import CaseReferenceClassifier

REFERENCE = "TKX-FK6-ADY"


def heard(text: str, intent: str) -> str:
    message = Message(data={TEXT: text, INTENT: {INTENT_NAME_KEY: intent, "confidence": 0.4}})
    [processed] = CaseReferenceClassifier().process([message])
    return str(processed.get(INTENT)[INTENT_NAME_KEY])


@pytest.mark.parametrize(
    "text", ["tkx fk6 ady", "TKX.FK6.ADY", "any news on tkxfk6ady?", "hi its about case tkx - fk6 - ady thanks"]
)
def test_a_valid_reference_in_any_shape_is_a_status_question(text: str) -> None:
    assert heard(text, "nlu_fallback") == "case_status"
    assert heard(text, "pothole_report") == "case_status"


@pytest.mark.parametrize("intent", ["emergency", "crisis", "human_handoff", "opt_out"])
def test_danger_a_person_and_opt_out_outrank_a_reference(intent: str) -> None:
    assert heard(f"case {REFERENCE}", intent) == intent


@pytest.mark.parametrize("text", ["TKX-FK6-ADX", "can you get the car towed", "permit BLD-2024-0012"])
def test_no_valid_reference_leaves_the_intent_alone(text: str) -> None:
    assert heard(text, "pothole_report") == "pothole_report"
