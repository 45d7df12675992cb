"""What the rule components after the classifier share: a rule over a message's words that has the last word
on its intent."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message


class IntentOverride(GraphComponent):
    """Replace the intent heard with the one `intent_for` names, at full confidence; the classifier's own
    ranking is kept for the record."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverride:
        return cls()

    def intent_for(self, heard: str | None, text: str) -> str | None:
        """The intent the message must be answered as; None when the intent heard stands."""
        raise NotImplementedError

    def set_aside_for(self, heard: str | None, text: str, ranking: list[tuple[str, float]]) -> str | None:
        """The intent to answer instead of one the classifier heard wrongly, chosen from its `ranking`; None
        when the intent heard stands. Rules that only ever raise an intent keep this default."""
        return None

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            heard = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            intent = self.intent_for(heard, text)
            if intent is None:
                ranking = [
                    (entry[INTENT_NAME_KEY], float(entry[PREDICTED_CONFIDENCE_KEY]))
                    for entry in message.get(INTENT_RANKING_KEY) or []
                ]
                intent = self.set_aside_for(heard, text, ranking)
            if intent is not None:
                message.set(INTENT, {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
