"""A message that holds a valid case reference is heard as `case_status`, in whatever shape it was typed."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe

from bot import references
from components.intent_override import IntentOverride

CASE_STATUS = "case_status"
# What a reference does not outrank: danger, a request for a person, and a request to stop messages.
_STANDS = frozenset({"emergency", "crisis", "human_handoff", "opt_out"})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CaseReferenceClassifier(IntentOverride):
    """Answer as `case_status` a message holding a reference whose check character is right.

    The classifier cannot learn every shape ("kyv drf kj6", "KYV.DRF.KJ6", "kyvdrfkj6"); the check character
    makes a chance match about one in 23 even before the cue rules in `bot.references`, so a valid reference is
    the resident's question. Placed after the FallbackClassifier and before the opt-out and danger rules.
    """

    def intent_for(self, heard: str | None, text: str) -> str | None:
        if heard in _STANDS:
            return None
        return CASE_STATUS if references.find_valid(text) else None
