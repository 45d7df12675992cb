"""A resident who asks in words to stop messages ("stop texting me") is heard as `opt_out`, never as crisis."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.messaging.keywords import asks_to_stop_messages

OPT_OUT = "opt_out"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OptOutWordsClassifier(GraphComponent):
    """Answer as `opt_out` a message that asks in words to stop messages, whatever the classifier heard.

    "Stop texting me" shares words with distress ("stop", "me"), and the classifier put it near crisis. Placed
    after the FallbackClassifier and before the DangerWordsClassifier; a message that also speaks of danger
    is left alone (`asks_to_stop_messages` checks), so the danger check still answers it.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> OptOutWordsClassifier:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if asks_to_stop_messages(message.get(TEXT) or ""):
                message.set(INTENT, {INTENT_NAME_KEY: OPT_OUT, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
