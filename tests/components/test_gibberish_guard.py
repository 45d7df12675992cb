"""The gibberish guard in Rasa's graph, without a trained model: trained on a few examples, stored, loaded,
then run on what the classifier heard."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.danger_words import DangerWordsClassifier
from components.gibberish_guard import GibberishGuard

EXAMPLES = [("report a pothole", "pothole_report"), ("zonk grabble frobnitz", "out_of_scope"), ("yes", "affirm")]
ANIMAL_REPORT = {"name": "animal_report", "confidence": 0.91}


def heard(text: str) -> Message:
    """A message as the classifier leaves it: a confident guess and its ranking."""
    return Message(data={TEXT: text, INTENT: dict(ANIMAL_REPORT), INTENT_RANKING_KEY: [dict(ANIMAL_REPORT)]})


def trained_and_loaded(tmp_path: Path) -> GibberishGuard:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("gibberish_guard")
    context = ExecutionContext(GraphSchema({}), "test")
    training = TrainingData([Message(data={TEXT: text, INTENT: intent}) for text, intent in EXAMPLES])
    GibberishGuard.create({}, storage, resource, context).train(training)
    return GibberishGuard.load({}, storage, resource, context)


def test_nonsense_becomes_a_fallback_with_no_service_left_to_offer(tmp_path: Path) -> None:
    guard = trained_and_loaded(tmp_path)
    [message] = guard.process([heard("lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod")])
    fallback = {"name": "nlu_fallback", "confidence": 1.0}
    assert (message.get(INTENT), message.get(INTENT_RANKING_KEY)) == (fallback, [fallback])


def test_a_message_keeps_what_the_classifier_heard(tmp_path: Path) -> None:
    guard = trained_and_loaded(tmp_path)
    [message] = guard.process([heard("a stray dog keeps barking outside my house on Elm St")])
    assert message.get(INTENT) == ANIMAL_REPORT


def test_the_training_vocabulary_counts_as_known_except_what_is_out_of_scope(tmp_path: Path) -> None:
    guard = trained_and_loaded(tmp_path)
    [pothole, zonk] = guard.process([heard("pothole pothole report"), heard("zonk grabble frobnitz")])
    assert pothole.get(INTENT) == ANIMAL_REPORT
    assert zonk.get(INTENT)["name"] == "nlu_fallback"


def test_danger_in_nonsense_is_still_an_emergency(tmp_path: Path) -> None:
    guard = trained_and_loaded(tmp_path)
    danger = DangerWordsClassifier.create({}, LocalModelStorage(tmp_path), Resource("danger"),
                                          ExecutionContext(GraphSchema({}), "test"))
    [message] = danger.process(guard.process([heard("lorem ipsum dolor sit amet fire " * 100)]))
    assert message.get(INTENT) == {"name": "emergency", "confidence": 1.0}
