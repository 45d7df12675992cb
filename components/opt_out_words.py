"""A resident who asks in words to stop messages ("stop texting me") is heard as `opt_out`, never as crisis."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot.messaging.keywords import asks_to_stop_messages
from components.intent_override import IntentOverride

OPT_OUT = "opt_out"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class OptOutWordsClassifier(IntentOverride):
    """Answer as `opt_out` a message that asks in words to stop messages, whatever the classifier heard.

    "Stop texting me" shares words with distress ("stop", "me"), and the classifier put it near crisis. Placed
    after the FallbackClassifier and before the DangerWordsClassifier; a message that also speaks of danger
    is left alone (`asks_to_stop_messages` checks), and the danger check may override `opt_out` itself.
    """

    def intent_for(self, heard: str | None, text: str) -> str | None:
        return OPT_OUT if asks_to_stop_messages(text) else None
