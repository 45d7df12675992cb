"""Recognise danger and crisis in a message's words, whatever the classifier thought of it.

The classifier can be unsure, or wrong, about a frightened person's short message. Emergency and crisis must
never end in a rephrase prompt, small talk or "not a city service", so these patterns are checked after it.
"""

from __future__ import annotations

import enum
import re

from bot.typo_terms import corrected


class Danger(enum.Enum):
    """The kind of urgent help a message needs."""

    EMERGENCY = "emergency"
    CRISIS = "crisis"


# How far "injured" may follow "crash" (about ten words). A bound, not `.*`: with `.*` every "crash" in a long
# message rescans the rest of it, and 100 kB took tens of seconds inside the NLU step, stalling every resident.
# Every other alternative below is a fixed phrase or a word run that ends at the next non-word character, so
# both patterns run in time linear in the message (tests/test_adversarial_input.py). They are matched against
# the lower-cased text, and start with a lookbehind rather than `\b`: five times faster than IGNORECASE.
_CRASH_TO_INJURY = 60
_CRISIS = re.compile(
    r"(?<!\w)(?:suicid\w*|kill(?:ing)? my ?self|end(?:ing)? (?:my|it) (?:life|all)|want(?:ed)? to die|"
    r"don'?t want to (?:live|be alive|be here)|self[- ]?harm\w*|(?:cut|cutting|hurt|hurting) my ?self|"
    r"(?:beat|beats|beating|hits?|hitting|abus\w+|chok\w+|strangl\w+|rap(?:e|ed|ing)) me\b|"
    r"domestic (?:violence|abuse)|(?:child|elder) abuse|sexual(?:ly)? assault\w*|no reason to live|"
    r"better off without me|goodbye (?:note|letter))"
)
_EMERGENCY = re.compile(
    r"(?<!\w)(?:fire(?! (?:hydrant|department|station|pit|lane|escape|code|inspection|alarm test|marshal|truck|drill|"
    r"extinguisher|permit|works|safety))|on fire|burning|smoke(?! (?:detector|alarm|shop))|gas (?:leak|smell)|smell(?:s|ing)? (?:of )?gas|explosion|"
    r"not breathing|can'?t breathe|unconscious|collapsed|passed out|heart attack|stroke|seizure|overdos\w+|"
    r"bleeding|swallowed (?:pills|poison|bleach)|carbon monoxide|trapped|"
    r"(?:gun|knife|weapon)|shoot\w*|shot|stabb\w*|break(?:ing)?[- ]in|breaking into|robb(?:ery|ing)|"
    r"drowning|crash(?:ed)? .{0,%d}?injur\w+|live wire|power line (?:down|sparking)|intruder|kidnapp?\w*|"
    r"(?:attack|attacking|attacked|assaulting|threatening) (?:me|us|him|her|them|my|someone|a (?:man|woman|kid))|"
    r"hit by a (?:car|truck|bus)|unresponsive|choking|(?:fell|fallen) and (?:can'?t|cannot) get up|"
    r"(?:someone|somebody|a man|a guy|a stranger) (?:is )?(?:in|inside) (?:my|our) (?:house|home|apartment|room))\b"
    % _CRASH_TO_INJURY
)
# The words of the patterns above that a hurried resident misspells: "sucide", "overdoes", "bleding".
KEY_TERMS = (
    "suicide", "suicidal", "myself", "abusing", "abused", "abusive", "domestic", "violence", "assault", "assaulted",
    "strangling", "strangled", "choking", "beating", "breathing", "breathe", "unconscious", "collapsed",
    "overdose", "overdosed", "bleeding", "seizure", "explosion", "poison", "monoxide", "trapped", "weapon",
    "shooting", "stabbed", "stabbing", "robbery", "robbing", "breaking", "drowning", "injured", "burning",
    "intruder", "kidnapped", "attacking", "attacked", "threatening", "unresponsive",
)


# Intents whose replies say nothing about danger: a message heard as one of these, whose words speak of danger,
# is answered as emergency or crisis instead. Service answers put 911 or 988 first themselves.
_OVERRIDABLE = frozenset(
    {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "help", "human_handoff", "out_of_scope",
     "nlu_fallback", "opt_out"}
)


_SAFETY = frozenset({"emergency", "crisis"})


def detect(text: str) -> Danger | None:
    """Return the danger a message speaks of, crisis first, or None."""
    lowered = corrected(text.lower(), KEY_TERMS)
    if _CRISIS.search(lowered):
        return Danger.CRISIS
    if _EMERGENCY.search(lowered):
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
