"""Recognise danger and crisis in a message's words, whatever the classifier thought of it.

The classifier can be unsure, or wrong, about a frightened person's short message. Emergency and crisis must
never end in a rephrase prompt, small talk or "not a city service", so these patterns are checked after it.
"""

from __future__ import annotations

import enum

from bot.danger_lookalikes import LOOKALIKES, UNSURE
from bot.danger_phrases import CRISIS, EMERGENCY, HARMLESS, KEY_TERMS
from bot.danger_phrases_es import CRISIS_ES, EMERGENCY_ES, HARMLESS_ES
from bot.danger_phrases_indirect import CRISIS_INDIRECT, EMERGENCY_INDIRECT, URGENT_NOW, VETO
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
_PREPAREDNESS = "emergency_preparedness"
_FALLBACK = "nlu_fallback"
# Twice the longest message a channel accepts (ONE_DOOR_MAX_MESSAGE_CHARS, 4,000): no resident's message is
# longer. The danger patterns of two languages cost about a microsecond a character on hostile text, so only
# this much of a longer text is read, and a caller that bypasses the channels' limit still costs bounded time.
MAX_READ_CHARS = 8_000
# The shapes of ordinary requests in danger's words: blanked before danger is looked for, and a reason to calm a
# danger the classifier heard. UNSURE phrases are blanked too, but a person in crisis also says them.
_ORDINARY = (HARMLESS, HARMLESS_ES, VETO, LOOKALIKES)


def detect(text: str) -> Danger | None:
    """Return the danger a message speaks of, crisis first, or None."""
    return _danger_in(_read(text))


def _read(text: str) -> str:
    """The message lower-cased, its misspelled danger words corrected and its ordinary look-alikes blanked."""
    lowered = corrected(text[:MAX_READ_CHARS].lower(), KEY_TERMS)
    for harmless in (*_ORDINARY, UNSURE):
        lowered = harmless.sub(" ", lowered)
    return lowered


def _danger_in(read: str) -> Danger | None:
    if any(pattern.search(read) for pattern in (CRISIS, CRISIS_ES, CRISIS_INDIRECT)):
        return Danger.CRISIS
    if any(pattern.search(read) for pattern in (EMERGENCY, EMERGENCY_ES, URGENT_NOW, EMERGENCY_INDIRECT)):
        return Danger.EMERGENCY
    return None


def urgent_intent(intent: str | None, text: str) -> str | None:
    """The intent a message must be answered as, when its words speak of danger and the classifier heard small
    talk, nothing, or (for a crisis, or an emergency happening now) a service; None when the classifier's intent
    stands.

    Crisis words are specific ("kill myself", "he beats me"), so they win over any service: a resident who
    asks for a shelter bed because a partner hits them needs the crisis line first. Most emergency words are not
    ("fire", "break-in" in a report of last week's theft), so a service heard stands and its answer puts 911
    first itself; but a person who is not breathing, a bus on fire or a robbery in progress is an emergency
    whatever service the classifier heard, unless the resident asks how to prepare for one.
    """
    if intent in _SAFETY:
        return None
    read = _read(text)
    danger = _danger_in(read)
    if danger is Danger.CRISIS:
        return danger.value
    if danger is Danger.EMERGENCY and (
        intent is None or intent in _OVERRIDABLE or (intent != _PREPAREDNESS and URGENT_NOW.search(read))
    ):
        return danger.value
    return None


def calmed_intent(intent: str | None, text: str, ranking: list[tuple[str, float]], threshold: float) -> str | None:
    """The intent an ordinary request must be answered as when the classifier heard danger in it; None when the
    danger stands.

    Only a request whose shape says it is ordinary ("the fireworks every night", "robbed last year, can I get
    the report", "el tráfico me está matando", "the fee is going to kill us", "is it legal to carry a knife",
    "me muero de hambre") and whose words, once that is set aside, speak of no danger is calmed: to the next
    intent the classifier ranked, or to a rephrase prompt below `threshold`. A danger the classifier heard without
    any words for it (indirect despair) is never calmed, since no look-alike matched; nor is one heard in words
    that a person in crisis also uses ("I don't want to live here").
    """
    if intent not in _SAFETY:
        return None
    lowered = text[:MAX_READ_CHARS].lower()
    if not any(shape.search(lowered) for shape in _ORDINARY) or detect(text) is not None:
        return None
    for name, confidence in ranking:
        if name not in _SAFETY and name != _FALLBACK:
            return name if confidence >= threshold else _FALLBACK
    return _FALLBACK
