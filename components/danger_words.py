"""The last word on intent: a message that speaks of danger is never small talk, out of scope or a miss."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import urgent_intent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerWordsClassifier(GraphComponent):
    """Answer as `emergency` or `crisis` a message whose words speak of danger but was heard as something else.

    Placed after the FallbackClassifier, so that an unsure prediction on "gas smell in the hall" is not turned
    into a rephrase prompt. The classifier's own ranking is kept for the record.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DangerWordsClassifier:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            heard = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            urgent = urgent_intent(heard, message.get(TEXT) or "")
            if urgent is not None:
                message.set(INTENT, {INTENT_NAME_KEY: urgent, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
