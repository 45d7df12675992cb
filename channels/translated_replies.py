"""Rasa's reply templates rendered in the conversation's language (endpoints.yml `nlg`).

Rasa renders every `utter_*` response, including those actions name, through one natural-language generator.
This one keeps a templated generator per language the city enables, built from domain.yml and the language's
translation (bot/i18n/responses.py), and picks by the conversation's `language` slot (or, until that is set,
its `language_guess`).
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.catalog import load_catalog
from bot.i18n.responses import read_responses, translate_responses
from bot.language import LANGUAGE_GUESS_SLOT, LANGUAGE_SLOT, reply_language
from bot.settings import get_settings


class TranslatedReplies(NaturalLanguageGenerator):
    """Domain responses in English, and in each other language the catalogue enables."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        english = (domain or Domain.empty()).responses
        catalog_dir = get_settings().catalog_dir
        languages = load_catalog(catalog_dir).city.languages
        self._own_language = languages[0]
        self._by_language = {
            language: TemplatedNaturalLanguageGenerator(
                english if language == self._own_language
                else translate_responses(english, read_responses(catalog_dir, language))
            )
            for language in languages
        }

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        language = reply_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(LANGUAGE_GUESS_SLOT))
        generator = self._by_language.get(language or self._own_language) or self._by_language[self._own_language]
        return await generator.generate(utter_action, tracker, output_channel, **kwargs)
