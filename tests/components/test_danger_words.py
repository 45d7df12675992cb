"""The danger-words component raises danger the classifier missed and sets aside danger it heard in an ordinary
request, keeping the classifier's ranking for the record."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.danger_words import DangerWordsClassifier


def heard(text: str, ranking: list[tuple[str, float]]) -> str:
    name, confidence = ranking[0]
    message = Message(
        data={
            TEXT: text,
            INTENT: {INTENT_NAME_KEY: name, "confidence": confidence},
            INTENT_RANKING_KEY: [{INTENT_NAME_KEY: n, "confidence": c} for n, c in ranking],
        }
    )
    [processed] = DangerWordsClassifier().process([message])
    return str(processed.get(INTENT)[INTENT_NAME_KEY])


@pytest.mark.parametrize(
    ("text", "ranking", "expected"),
    [
        ("the bus is on fire", [("public_transit_info", 0.7), ("emergency", 0.2)], "emergency"),
        ("firecrackers every night at 3am", [("emergency", 0.5), ("noise_complaint", 0.4)], "noise_complaint"),
        ("firecrackers every night", [("emergency", 0.6), ("noise_complaint", 0.2)], "nlu_fallback"),
        ("i feel like nobody would care", [("crisis", 0.6), ("out_of_scope", 0.3)], "crisis"),
        ("fireworks, and now the shed is on fire", [("emergency", 0.6), ("noise_complaint", 0.3)], "emergency"),
        ("when is leaf pickup", [("collection_schedule", 0.8), ("emergency", 0.1)], "collection_schedule"),
    ],
)
def test_danger_is_raised_when_missed_and_set_aside_when_the_request_is_ordinary(
    text: str, ranking: list[tuple[str, float]], expected: str
) -> None:
    assert heard(text, ranking) == expected


def test_a_calmed_request_keeps_the_classifiers_ranking_for_the_record() -> None:
    message = Message(
        data={
            TEXT: "firecrackers every night at 3am",
            INTENT: {INTENT_NAME_KEY: "emergency", "confidence": 0.5},
            INTENT_RANKING_KEY: [{INTENT_NAME_KEY: "emergency", "confidence": 0.5},
                                 {INTENT_NAME_KEY: "noise_complaint", "confidence": 0.4}],
        }
    )
    [processed] = DangerWordsClassifier().process([message])
    assert processed.get(INTENT_RANKING_KEY)[0][INTENT_NAME_KEY] == "emergency"


def test_a_request_set_aside_falls_back_below_the_pipelines_own_fallback_threshold() -> None:
    """The component keeps a copy of the FallbackClassifier's threshold (components cannot read each other's
    settings); this fails when config.yml's changes and the copy does not."""
    pipeline = yaml.safe_load((Path(__file__).resolve().parents[2] / "config.yml").read_text())["pipeline"]
    [fallback] = [step for step in pipeline if step["name"] == "FallbackClassifier"]
    assert DangerWordsClassifier.FALLBACK_THRESHOLD == fallback["threshold"]
