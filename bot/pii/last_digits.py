"""The last digits of a card or SSN, told with a word for "last" or shown behind a mask: what a resident gives
when they will not (or cannot) give the whole number, and what still identifies them next to their name.

A mask is read whole ("xxx-xx-4471", "XXXX-XXXX-XXXX-6604", "************2297"): its letters are part of the
number as written. Loose last digits count only near a card or SSN word, and never when they close a date
("born 4/19/2011, last 4 of ssn ...": the year is no SSN).
"""

from __future__ import annotations

import bisect
import re

from bot.pii.spans import PiiKind, Span, ascii_lower

SSN_CUE = (
    r"(?:ssn|ss ?#|ss no\.?|soc\.? ?sec\.?|social(?: security)?(?: number| no\.?| #)?|seguro social"
    r"|n[uú]mero de seguro(?: social)?)"
)
CARDS = r"(?:card|visa|mastercard|master card|mc|amex|discover|debit|credit|tarjeta)"

# A mask then the last four, on the lower-cased text: 3-2-4 is an SSN, anything else a card.
_MASK = r"[x*#•]"
_MASKED = re.compile(
    rf"(?<![\w*#•])(?:(?P<ssn>{_MASK}{{3}}[ -]?{_MASK}{{2}}[ -]?)"
    rf"|{_MASK}{{4}}(?:[ -]?{_MASK}{{4}}){{1,3}}[ -]?|{_MASK}{{6,15}}[ -]?)\d{{4}}(?!\d)"
)
# Words that say the digits after them are a number's last ones, and short masks that hide the rest.
_LAST_DIGITS = re.compile(
    r"(?:ending|ends|ended|end (?=in|with)|termina(?:da|ci[oó]n|ba)?|last ?(?:4|four)|[uú]ltimos? (?:4|cuatro)"
    r"|(?<![\w*#])[x*#•]{2,4}[ -]?|(?<![\w*#])x(?=\d{4}(?!\d)))"  # "xxxx-4418", "card x2231"
)
# "I gave them 1674 last 4", "paid with my card, 6632 at the end": four digits called the last ones, a card
# or SSN word near them.
_FOUR_CALLED_LAST = re.compile(
    r"(?<!\d)(\d{4})(?:,? | ?\( ?)(?:(?:is|are|was|were) )?(?:the |my |as |as the |just )?"
    r"(?:last (?:4|four)\b|(?:at|on) the end\b(?! of))"
)
# A date whose year the four digits are: "4/19/2011", "11-3-2012", "6 August 1949", "March 3, 1990".
_DATE_BEFORE = re.compile(
    r"(?:\d[/.-]|\d{1,2}(?:st|nd|rd|th)? (?:of )?[a-z]{3,9}\.?,? |[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? )\Z"
)
_FOUR_DIGITS = re.compile(r"(?<![\d$.,/:])(?<!\d-)\d{4}(?![\d/:-]|[.,]\d| ?(?:am|pm)\b)")
_CARD_WORD = re.compile(CARDS + r"|cc\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SSN_WORD = re.compile(SSN_CUE + r"|ss#|ss (?:number|no|num)\b|seguro")
# How far a card or SSN word may stand from the last-digits word, and the digits from it; a second group
# follows the first closely, after a word ("the one ending 2290 not 1184"), never after a comma alone, where a
# house number opens an address ("last 4 8812, 2240 W Maple Ave").
_KIND_REACH, _DIGITS_REACH, _SECOND_GAP = 60, 60, 8
_SECOND_AFTER = re.compile(r"[a-z/&]")
_FAR = 1 << 30


def masked_numbers(text: str) -> list[Span]:
    """Masked SSNs and cards, mask and all."""
    return [
        Span(PiiKind.SSN if match.group("ssn") else PiiKind.CARD, match.start(), match.end())
        for match in _MASKED.finditer(ascii_lower(text))
    ]


def last_fours(lowered: str) -> list[Span]:
    """Four digits shortly after a last-digits word or a mask, when a card or SSN word stands near it; the
    nearer word decides the kind ("mastercard xxxx-4418", "mine ends in 5017" after "my husband's social")."""
    cards = [m.start() for m in _CARD_WORD.finditer(lowered)]
    socials = [m.start() for m in _SSN_WORD.finditer(lowered)]
    if not (cards or socials):
        return []
    spans = []
    for cue in _LAST_DIGITS.finditer(lowered):
        kind = _nearer(cards, socials, cue.start())
        if kind is None:
            continue
        window_end = lowered.find("\n", cue.end(), cue.end() + _DIGITS_REACH)
        end = window_end if window_end >= 0 else cue.end() + _DIGITS_REACH
        first = _FOUR_DIGITS.search(lowered, cue.end(), end)
        if first is None or (cue.group().startswith("end ") and _YEAR.fullmatch(first.group())):
            continue  # "the card program will end in 2026"
        spans.append(Span(kind, first.start(), first.end()))
        second = _FOUR_DIGITS.search(lowered, first.end(), min(end, first.end() + _SECOND_GAP + 4))
        if second is not None and _SECOND_AFTER.search(lowered, first.end(), second.start()):
            spans.append(Span(kind, second.start(), second.end()))
    for called in _FOUR_CALLED_LAST.finditer(lowered):  # "i put 6618 (last 4)": the nearer word decides
        reach = _KIND_REACH if called.group().endswith("end") else _FAR  # "last 4" names its kind itself
        kind = _nearer(cards, socials, called.start(), reach)
        if kind is not None and not _DATE_BEFORE.search(lowered, max(0, called.start() - 16), called.start()):
            spans.append(Span(kind, called.start(1), called.end(1)))
    return spans


def _nearer(cards: list[int], socials: list[int], at: int, reach: int = _KIND_REACH) -> PiiKind | None:
    """CARD or SSN, whichever word stands nearer `at`; None when neither is within `reach`."""
    to_card, to_social = _distance(cards, at), _distance(socials, at)
    if min(to_card, to_social) > reach:
        return None
    return PiiKind.CARD if to_card <= to_social else PiiKind.SSN


def _distance(positions: list[int], at: int) -> int:
    """How far the nearest of `positions` (sorted) is from `at`."""
    index = bisect.bisect_left(positions, at)
    near = [abs(positions[k] - at) for k in (index - 1, index) if 0 <= k < len(positions)]
    return min(near, default=_FAR)
