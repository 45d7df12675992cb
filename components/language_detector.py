"""The language of each message, as a `language` entity that fills the conversation's `language` slot, or, from
a short message or the page, a `language_guess` that only answers a conversation with no language yet.

A message that says nothing about its language ("ok", "2", an address) adds no entity, so the slots, and the
language of the replies, stay as they were (bot/language.py). A message that asks for a language by name
("español", "English please") becomes `switch_language`, whatever the classifier heard.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    METADATA,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.catalog import load_catalog
from bot.language import (
    LANGUAGE_ENTITY,
    LANGUAGE_GUESS_ENTITY,
    PAGE_LANGUAGE,
    SWITCH_INTENT,
    Detector,
    conversation_language,
    detector_for,
)
from bot.settings import get_settings


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Tag each message with the language it is written in or asks for; placed after every intent rule."""

    def __init__(self, detector: Detector) -> None:
        self._detector = detector

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        catalog_dir = get_settings().catalog_dir
        return cls(detector_for(catalog_dir, load_catalog(catalog_dir).city.languages))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            heard = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            page = (message.get(METADATA) or {}).get(PAGE_LANGUAGE)
            found = conversation_language(self._detector, heard, text, page)
            if found.switching and heard != SWITCH_INTENT:
                message.set(INTENT, {INTENT_NAME_KEY: SWITCH_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
            if found.language is not None:
                entity = {
                    ENTITY_ATTRIBUTE_TYPE: LANGUAGE_ENTITY if found.firm else LANGUAGE_GUESS_ENTITY,
                    ENTITY_ATTRIBUTE_VALUE: found.language,
                    ENTITY_ATTRIBUTE_START: 0,
                    ENTITY_ATTRIBUTE_END: len(text),
                    EXTRACTOR: self.__class__.__name__,
                }
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
