"""Turn text that is no message (lorem ipsum, keyboard mash, one word 500 times) into `nlu_fallback`."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.gibberish import judge, vocabulary
from bot.settings import get_settings
from components.intent_classifier import mark_fallback

logger = logging.getLogger(__name__)

VOCABULARY_FILE = "vocabulary.txt"
# Examples of what the city does not handle hold filler on purpose ("lorem ipsum dolor sit amet"); their
# words are not the city's vocabulary.
NOT_VOCABULARY_INTENTS = frozenset({"out_of_scope"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class GibberishGuard(GraphComponent):
    """Mark as `nlu_fallback`, with the classifier's guesses dropped, a message `bot.gibberish` judges to be no
    message, so that it is answered as not understood and no service is offered for it.

    Placed after the intent classifier and before the FallbackClassifier and the danger words, so that
    "fire" in a long message is still an emergency. The known words (the common-English list and the training
    examples' words) are gathered at training time and stored with the model, so the server needs no file
    from `build/`.
    """

    def __init__(self, model_storage: ModelStorage, resource: Resource, known: frozenset[str]) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._known = known

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GibberishGuard:
        return cls(model_storage, resource, frozenset())

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> GibberishGuard:
        with model_storage.read_from(resource) as directory:
            known = frozenset((directory / VOCABULARY_FILE).read_text(encoding="utf-8").split())
        return cls(model_storage, resource, known)

    def train(self, training_data: TrainingData) -> Resource:
        """Store the known words: common English and every word of the city's training examples."""
        examples = [
            example.get(TEXT) for example in training_data.intent_examples
            if example.get(INTENT) not in NOT_VOCABULARY_INTENTS
        ]
        common = get_settings().common_words_path.read_text(encoding="utf-8").split()
        self._known = vocabulary(examples) | frozenset(common)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text("\n".join(sorted(self._known)), encoding="utf-8")
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            nonsense = judge(message.get(TEXT) or "", self._known)
            if nonsense is not None:
                logger.debug("nlu.gibberish reason=%s", nonsense.value)
                mark_fallback(message)
        return messages
