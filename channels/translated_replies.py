"""Rasa's reply templates rendered in the conversation's language (endpoints.yml `nlg`).

Rasa renders every `utter_*` response, including those actions name, through one natural-language generator.
This one is Rasa's templated generator for the city's own language and keeps one more per other language the
city enables, built from domain.yml's responses and the language's translation (bot/i18n/responses.py); it picks
by the conversation's `language` slot (or, until that is set, its `language_guess`).

Note:
    Rasa creates the generator before it loads a model and then hands the model's responses only to a
    `TemplatedNaturalLanguageGenerator` (`Agent.load_model`), which is why this is one, and why the translated
    generators are rebuilt whenever those responses change (a new model).
"""

from __future__ import annotations

from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.catalog import load_catalog
from bot.i18n.responses import Responses, read_responses, translate_responses
from bot.language import LANGUAGE_GUESS_SLOT, LANGUAGE_SLOT, reply_language
from bot.settings import get_settings


class TranslatedReplies(TemplatedNaturalLanguageGenerator):
    """Domain responses in the city's own language, and in each other language the catalogue enables."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None) -> None:
        super().__init__(domain.responses if domain else {})
        self._catalog_dir = get_settings().catalog_dir
        self._other_languages = load_catalog(self._catalog_dir).city.languages[1:]
        self._built_from: Responses | None = None
        self._translated: dict[str, TemplatedNaturalLanguageGenerator] = {}

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        language = reply_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(LANGUAGE_GUESS_SLOT))
        translated = self._generators().get(language or "")
        if translated is None:
            return await super().generate(utter_action, tracker, output_channel, **kwargs)
        return await translated.generate(utter_action, tracker, output_channel, **kwargs)

    def _generators(self) -> dict[str, TemplatedNaturalLanguageGenerator]:
        if self._built_from is not self.responses:
            self._translated = {
                language: TemplatedNaturalLanguageGenerator(
                    translate_responses(self.responses, read_responses(self._catalog_dir, language))
                )
                for language in self._other_languages
            }
            self._built_from = self.responses
        return self._translated
