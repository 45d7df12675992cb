"""Recognise danger and crisis in a message's words, whatever the classifier thought of it.

The classifier can be unsure, or wrong, about a frightened person's short message. Emergency and crisis must
never end in a rephrase prompt, small talk or "not a city service", so these patterns are checked after it.
"""

from __future__ import annotations

import enum

from bot.danger_phrases import CRISIS, EMERGENCY, HARMLESS, KEY_TERMS
from bot.danger_phrases_es import CRISIS_ES, EMERGENCY_ES, HARMLESS_ES
from bot.typo_terms import corrected


class Danger(enum.Enum):
    """The kind of urgent help a message needs."""

    EMERGENCY = "emergency"
    CRISIS = "crisis"


# Intents whose replies say nothing about danger: a message heard as one of these, whose words speak of danger,
# is answered as emergency or crisis instead. Service answers put 911 or 988 first themselves.
_OVERRIDABLE = frozenset(
    {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help", "human_handoff", "out_of_scope",
     "nlu_fallback", "opt_out"}
)


_SAFETY = frozenset({"emergency", "crisis"})
# Four times the longest message a channel accepts (ONE_DOOR_MAX_MESSAGE_CHARS, 4,000): no resident's message is
# longer. The danger patterns of two languages cost about a microsecond a character on hostile text, so only
# this much of a longer text is read, and a caller that bypasses the channels' limit still costs bounded time.
MAX_READ_CHARS = 16_000


def detect(text: str) -> Danger | None:
    """Return the danger a message speaks of, crisis first, or None."""
    lowered = HARMLESS_ES.sub(" ", HARMLESS.sub(" ", corrected(text[:MAX_READ_CHARS].lower(), KEY_TERMS)))
    if CRISIS.search(lowered) or CRISIS_ES.search(lowered):
        return Danger.CRISIS
    if EMERGENCY.search(lowered) or EMERGENCY_ES.search(lowered):
        return Danger.EMERGENCY
    return None


def urgent_intent(intent: str | None, text: str) -> str | None:
    """The intent a message must be answered as, when its words speak of danger and the classifier heard small
    talk, nothing, or (for a crisis) a service; None when the classifier's intent stands.

    Crisis words are specific ("kill myself", "he beats me"), so they win over any service: a resident who
    asks for a shelter bed because a partner hits them needs the crisis line first. Emergency words are not
    ("fire", "break-in" in a report of last week's theft), so a service heard stands and its answer puts 911
    first itself.
    """
    if intent in _SAFETY:
        return None
    danger = detect(text)
    if danger is Danger.CRISIS:
        return danger.value
    if danger is Danger.EMERGENCY and (intent is None or intent in _OVERRIDABLE):
        return danger.value
    return None
