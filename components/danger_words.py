"""The last word on intent: a message that speaks of danger is never small talk, out of scope or a miss."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.safety import urgent_intent
from components.intent_override import IntentOverride


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerWordsClassifier(IntentOverride):
    """Answer as `emergency` or `crisis` a message whose words speak of danger but was heard as something else.

    Placed after the FallbackClassifier, so that an unsure prediction on "gas smell in the hall" is not turned
    into a rephrase prompt. The classifier's own ranking is kept for the record.
    """

    def intent_for(self, heard: str | None, text: str) -> str | None:
        return urgent_intent(heard, text)
