"""Recognise danger and crisis in a message's words, whatever the classifier thought of it.

The classifier can be unsure, or wrong, about a frightened person's short message. Emergency and crisis must
never end in a rephrase prompt, so the replies that would otherwise ask to rephrase check these patterns first.
"""

from __future__ import annotations

import enum
import re


class Danger(enum.Enum):
    """The kind of urgent help a message needs."""

    EMERGENCY = "emergency"
    CRISIS = "crisis"


_CRISIS = re.compile(
    r"\b(?:suicid\w*|kill(?:ing)? my ?self|end(?:ing)? (?:my|it) (?:life|all)|want(?:ed)? to die|"
    r"don'?t want to (?:live|be alive|be here)|self[- ]?harm\w*|(?:cut|cutting|hurt|hurting) my ?self|"
    r"(?:beat|beats|beating|hits?|hitting|abus\w+|chok\w+|strangl\w+|rap(?:e|ed|ing)) me\b|"
    r"domestic (?:violence|abuse)|(?:child|elder) abuse|sexual(?:ly)? assault\w*|no reason to live)",
    re.IGNORECASE,
)
_EMERGENCY = re.compile(
    r"\b(?:fire|on fire|burning|smoke|gas (?:leak|smell)|smell(?:s|ing)? (?:of )?gas|explosion|"
    r"not breathing|can'?t breathe|unconscious|collapsed|heart attack|overdos\w+|bleeding|"
    r"(?:gun|knife|weapon)|shoot\w*|shot|stabb\w*|break(?:ing)?[- ]in|breaking into|robb(?:ery|ing)|"
    r"drowning|crash(?:ed)? .*injur\w+|live wire|power line (?:down|sparking))\b",
    re.IGNORECASE,
)


def detect(text: str) -> Danger | None:
    """Return the danger a message speaks of, crisis first, or None."""
    if _CRISIS.search(text):
        return Danger.CRISIS
    if _EMERGENCY.search(text):
        return Danger.EMERGENCY
    return None
