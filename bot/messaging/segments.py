"""How many carrier segments an SMS body costs: the city pays per segment, not per message.

A message in the GSM-7 alphabet fits 160 characters in one segment and 153 in each segment of a longer one
(escape characters such as `{` or `€` take two). One character outside it (an emoji, a curly quote, most
accents) sends the whole message as UCS-2: 70 in one segment, 67 each beyond, counted in UTF-16 code units.
"""

from __future__ import annotations

import math

# The GSM 03.38 basic character set and its extension table (each extension character costs two septets).
_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENDED = frozenset("^{}\\[~]|€\f")
GSM_SINGLE, GSM_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


def is_gsm7(text: str) -> bool:
    """Whether every character of `text` can be sent in the GSM-7 alphabet."""
    return all(char in _BASIC or char in _EXTENDED for char in text)


def segments(text: str) -> int:
    """The number of segments a carrier bills for `text` (0 for empty text)."""
    if is_gsm7(text):
        units = sum(2 if char in _EXTENDED else 1 for char in text)
        single, part = GSM_SINGLE, GSM_PART
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part = UCS2_SINGLE, UCS2_PART
    if units == 0:
        return 0
    return 1 if units <= single else math.ceil(units / part)
