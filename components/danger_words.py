"""The last word on intent: a message that speaks of danger is never small talk, out of scope or a miss, and an
ordinary request in danger's words is not danger."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.safety import calmed_intent, urgent_intent
from components.intent_override import IntentOverride


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DangerWordsClassifier(IntentOverride):
    """Answer as `emergency` or `crisis` a message whose words speak of danger but was heard as something else.

    Placed after the FallbackClassifier, so that an unsure prediction on "gas smell in the hall" is not turned
    into a rephrase prompt. The other way round, a danger the classifier heard in an ordinary request ("the
    fireworks every night", "a bat got into my house") is set aside for the next intent it ranked. The
    classifier's own ranking is kept for the record.
    """

    # The FallbackClassifier's threshold in config.yml: a request set aside below it gets the rephrase prompt.
    FALLBACK_THRESHOLD = 0.3

    def intent_for(self, heard: str | None, text: str) -> str | None:
        return urgent_intent(heard, text)

    def set_aside_for(self, heard: str | None, text: str, ranking: list[tuple[str, float]]) -> str | None:
        return calmed_intent(heard, text, ranking, self.FALLBACK_THRESHOLD)
