"""Numbers that identify a person or their case: payment cards, social security numbers, driver's licence,
passport and state ID numbers, and One Door's own case references.

Where a pattern alone would catch too much, a check decides: card numbers must pass the Luhn check, social
security numbers are any 3-2-4 grouping (nine bare digits count as an SSN only after an SSN cue), ID numbers count
only after their cue, and case references only when their check character is right. What these checks leave,
`bot.pii.shapes` redacts by shape alone.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from bot import references
from bot.pii.gazetteer import common_words
from bot.pii.last_digits import CARDS as _CARDS, SSN_CUE as _SSN_CUE, last_fours, masked_numbers
from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, starts_word

# A card number may be broken over two lines ("4532 0151\n1283 0366").
_CARD = re.compile(r"(?<![\d-])\d(?:[ \n-]?\d){12,18}(?![\d-])")
# Any 3-2-4 grouping, issued range or not ("912-34-5678", "123.45.6789"): a mistyped SSN is still one.
_SSN_FORMATTED = re.compile(r"(?<![\d.-])\d{3}[- .]\d{2}[- .]\d{4}(?![\w-]|\.\d)")
_SSN_BARE = re.compile(_SSN_CUE + r"\D{0,40}?(?<!\d)(\d{9})(?!\d)")
# "ssn ending 7554", "SSN last four 9705", "social, last 4: 2179".
_ENDING = r"(?:last (?:4|four)(?: digits)?|ending(?: in| with)?|ends in|ends with|termina(?:da)? en)"
_SSN_ENDING = re.compile(_SSN_CUE + r"[^\d\n]{0,25}?" + _ENDING + r"[^\d\n]{0,12}?(?<![\d-])(\d{4})(?!\d)")
# "my last 4 is 4660 (social)": the number first, its cue just after.
_LAST_FOUR_THEN_SSN = re.compile(
    r"last (?:4|four)(?: digits)?(?: is| are|:)? ?(\d{4})(?!\d)(?=[^\d\n]{0,20}?\b(?:social|ssn|ss ?#))"
)
# The last four digits still identify someone next to a name: "last 4 of my social, which is 2179",
# "visa ending in 5867".
_SSN_LAST_FOUR = re.compile(
    r"last (?:4|four)(?: digits)?(?: of| on| for)?(?: my| the| his| her)? (?:social|ssn|ss#?)"
    r"\D{0,25}?(?<!\d)(\d{4})(?!\d)"
)
_CARD_ENDING = r"(?:ending|ends|termina(?:da)?|last (?:4|four)(?: digits)?)"
# "visa ending in 5867", "last four of my card are 4242", "cvv 123".
_CARD_LAST_FOUR = re.compile(
    rf"{_CARDS}\b[^\d\n]{{0,25}}?"
    rf"\b{_CARD_ENDING}(?: in| en| with| of| is| are)?[ :#-]{{0,3}}(\d{{4,5}})(?!\d)"
    # "the last 4 digits of the card I used are 6249": a few words may stand between the card and its digits.
    rf"|last (?:4|four)(?: digits)?(?: of| on| for)?(?: my| the)? {_CARDS}(?: card)?(?: number)?"
    r"[^\d\n]{0,20}?(?:are|is|:|were|was)[ :#-]{0,3}"
    r"(\d{4})(?!\d)"
    r"|(?:cvv2?|cvc|csc|security code)(?: is| code)?[ :#-]{0,3}(\d{3,4})(?!\d)"
    # "my card 7846 was declined", "my debit card (7720)": four digits right after the card word stand for it.
    rf"|(?:{_CARDS}) (?:card )?(?:number |no\.? |#)?(?:is |was )?\(?(\d{{4}})(?![\d/.,:-]|\s?\d)"
    # "from 5521 (mastercard) to the new one", "4410 (expired, visa)": four digits, then a bracket naming the card.
    rf"|(?<![\d-])(\d{{4}}) ?\((?:[a-z]{{1,10}},? )?{_CARDS}\)"
    # "ending in 4455 on my mastercard": the number first, the card just after.
    rf"|(?:ending|ends)(?: in| with)? (\d{{4,5}})(?!\d)(?= (?:on|of|for) (?:my|the|a) {_CARDS})"
)
_CASE_SHAPE = re.compile(
    r"(?<![A-Za-z0-9])(?=([A-Za-z]{3}(?:-[A-Za-z0-9]{3}-| [A-Za-z0-9]{3} |[A-Za-z0-9]{3})[A-Za-z0-9]{3})(?![A-Za-z0-9]))"
)
# A cue for an identity document or a utility account, then within a short window the first token that holds
# digits: letters and digits, with up to three dashes or spaces ("DL S52 460 2556", "acct no. 34463-87099").
# "license" followed by "plate" is a vehicle, not an ID.
_CUED_NUMBERS = re.compile(
    "|".join(
        f"(?:{pattern.pattern})"
        for pattern in (
            _SSN_BARE, _SSN_LAST_FOUR, _SSN_ENDING, _LAST_FOUR_THEN_SSN, _CARD_LAST_FOUR
        )
    )
)
_CUED_KINDS = (PiiKind.SSN,) * 4 + (PiiKind.CARD,) * _CARD_LAST_FOUR.groups
_ID_CUE = re.compile(
    r"(?:driver'?s?'? ?(?:licen[cs]e|lic\.?)|licen[cs]e(?! ?plate)|licencia(?: de conducir)?|d\.?l\.?#?"
    r"|passport|pasaporte|state id|id card|(?:photo|state|student|member|resident) id|id|i\.d\.|identification"
    r"|green card|alien|a-number|a#|uscis|itin|medicaid|medicare|permanent resident card|acct|account|cuenta"
    r"|learner'?s?'? permit|library card|(?:employee|member|membership|patient|badge|customer|client|voter"
    r"|ebt|snap|wic|benefits?|policy|meter|tenant|student|claim|file|expediente) (?:card )?"
    r"(?:number|num|no|#|id|numero)"
    # A benefits case ("my case # for SNAP benefits is 1234567", "my caseworker said ... my case number is
    # 0408143"); a case number alone is the city's work order and survives. A document with a number on it.
    r"|snap|ebt|tanf|ssi|ssdi|wic|benefits|caseworker|assistance|asistencia|placard|credencial|voucher|parcel|pin"
    # A utility's bill carries the account's number ("water bill W5920164"); a bill alone may be the council's.
    r"|apn|tax id|(?:water|sewer|gas|electric|electricity|utility|trash|tax|excise) (?:bill|account|acct))(?:\b|(?<=#))"
)
_ID_WINDOW = 60
_ID_TOKEN = re.compile(
    # Up to ten letters before the first digit: a licence spells its holder's surname and initials first
    # ("KOWALSJ287QT", "WDLMRTNZ504KX").
    r"(?<![\w/.$,:)-])(?:[A-Za-z]{1,6}-){0,2}[A-Za-z]{0,10}-?\d[A-Za-z0-9]{0,17}"
    r"(?:[ -](?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{1,8}){0,5}(?:-[A-Za-z]{1,3})?(?![\w/-]|[.,:]\d)"  # "4412-09918-B"
)
# Capitals written before a number are part of it ("A# 195023847", "HPL 2290 0113 8847", "DTA 0447-8812"),
# unless they are the cue itself ("DL S88241196").
_PREFIX = re.compile(r"(?<![\w#-])[A-Z]{1,5}(?:#|-)?[ \t]?\Z")
# Digits that go on from a phone number's first groups are no ID ("1 (203) 847 1975").
_PHONE_BEFORE = re.compile(r"(?:\(\d{3}\)|\b\d{3}[-.])[ \t]?\Z")
_ZIP = re.compile(r"\d{5}")
# A token that is a date or a time, not a number ("03/14/2025", "2025-03-14", "7:30").
_DATE_LIKE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|\d{4})|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}:\d{2}")
_MIN_ID_DIGITS = 5
# Or fewer digits in a longer code of letters and digits ("WDLABC123XY", as Washington writes licences).
_MIN_MIXED_DIGITS, _MIN_MIXED_LENGTH = 3, 8
# Hostile text repeats the same shapes ("apt apt apt"): each is checked once.
_parse_reference = lru_cache(maxsize=1024)(references.parse)


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # each digit doubled, its two digits summed


def _luhn_ok(digits: str) -> bool:
    kept = sum(map(int, digits[-1::-2]))
    doubled = sum(_DOUBLED[int(char)] for char in digits[-2::-2])
    return (kept + doubled) % 10 == 0


def _grouped_like_card(written: str) -> bool:
    """Whether the groups are a card's (one run, fours, or Amex's 4-6-5): "48207 248-575-2360", a ZIP code then a
    phone number, is no card even when its digits pass the Luhn check."""
    groups = re.split(r"[ \n-]", written)
    lengths = [len(group) for group in groups]
    return len(groups) == 1 or all(n == 4 for n in lengths[:-1]) or lengths[:2] == [4, 6]


def without_left_out(written: str) -> str:
    """A run of digits without a last group of one to three digits that a card's grouping leaves out, when
    13 digits or more stay ("4111 1111 1111 1111 2 times"); the run itself otherwise."""
    cut = max(written.rfind(" "), written.rfind("-"))
    if cut > 0 and len(written) - cut <= _LEFT_OUT and sum(char.isdigit() for char in written[:cut]) >= 13:
        return written[:cut]
    return written


_LEFT_OUT = 4  # a separator and up to three digits after a card's last group


def _card_length(written: str) -> int:
    """How much of a run of digits is a card number (Luhn and grouping checked): all of it, or all but a last
    group its grouping leaves out; 0 when neither."""
    for candidate in dict.fromkeys((written, without_left_out(written))):
        digits = re.sub(r"[ \n-]", "", candidate)
        if 13 <= len(digits) <= 19 and _luhn_ok(digits) and _grouped_like_card(candidate):
            return len(candidate)
    return 0


def cards(text: str) -> list[Span]:
    spans = []
    for match in _CARD.finditer(text):
        length = _card_length(match.group(0))
        if length:
            spans.append(Span(PiiKind.CARD, match.start(), match.start() + length))
    return spans + [span for span in _cued_numbers(text) if span.kind is PiiKind.CARD]


def ssns(text: str) -> list[Span]:
    spans = [Span(PiiKind.SSN, m.start(), m.end()) for m in _SSN_FORMATTED.finditer(text)]
    return spans + [span for span in _cued_numbers(text) if span.kind is PiiKind.SSN]


@lru_cache(maxsize=1)
def _cued_numbers(text: str) -> tuple[Span, ...]:
    """Numbers after an SSN or card cue, found in one pass over the lower-cased text for both detectors."""
    spans = []
    lowered = ascii_lower(text)
    for match in _CUED_NUMBERS.finditer(lowered):
        if not starts_word(lowered, match.start()):
            continue
        group = match.lastindex or 0
        spans.append(Span(_CUED_KINDS[group - 1], match.start(group), match.end(group)))
    return tuple(masked_numbers(text) + spans + last_fours(lowered))


def id_numbers(text: str) -> list[Span]:
    """The first number within a few words after an identity-document or account cue ("DL# D1234567",
    "passport, name Dawit Girma, number C87356829", "acct 11354-74631").

    One pass finds the cues and one the number-like tokens; a token is an ID when the nearest cue before it is
    close enough and has not already claimed an earlier token. This keeps "id id id ..." and pages of numbers
    linear.
    """
    lowered = ascii_lower(text)
    cue_ends = [cue.end() for cue in _ID_CUE.finditer(lowered) if starts_word(lowered, cue.start())]
    if not cue_ends:
        return []
    spans: list[Span] = []
    previous = -1
    for token in _ID_TOKEN.finditer(text):
        written = token.group(0).rstrip()
        if _ZIP.fullmatch(written) or calendar_date(written) or not _enough_digits(written):
            continue
        nearest = bisect.bisect_right(cue_ends, token.start()) - 1
        if _PHONE_BEFORE.search(text, max(0, token.start() - 6), token.start()):
            continue
        if nearest >= 0 and token.start() - cue_ends[nearest] <= _ID_WINDOW and previous < cue_ends[nearest]:
            start = _with_prefix(text, lowered, token.start())
            spans.append(Span(PiiKind.ID, start, token.start() + len(written)))
        previous = token.start()
    return spans


def calendar_date(written: str) -> bool:
    """A date or a time, not "22-99-1044": a day and a month that calendars hold, in either order."""
    if not _DATE_LIKE.fullmatch(written):
        return False
    first, second = (int(part) for part in re.split(r"[/.:-]", written)[:2])
    if ":" in written or first > _MONTH_DAYS:  # a time, or year first ("2025-03-14")
        return True
    return second <= _MONTH_DAYS and min(first, second) <= _MONTHS


_MONTH_DAYS, _MONTHS = 31, 12


def _with_prefix(text: str, lowered: str, start: int) -> int:
    """Where a number starts with the capitals written before it: one letter always ("A# 195023847"), more
    unless they are a cue or an ordinary word ("DL S88241196" starts at the S)."""
    prefix = _PREFIX.search(text, max(0, start - 8), start)
    if prefix is None:
        return start
    letters = lowered[prefix.start() : start].rstrip(" \t#-")
    if len(letters) > 1 and (_ID_CUE.fullmatch(letters) or letters in common_words()):
        return start
    return prefix.start()


def _enough_digits(written: str) -> bool:
    digits = len(DIGIT.findall(written))
    compact = sum(char.isalnum() for char in written)
    return digits >= _MIN_ID_DIGITS or (digits >= _MIN_MIXED_DIGITS and compact >= _MIN_MIXED_LENGTH)


def case_references(text: str) -> list[Span]:
    """Valid references, and dashed ones with a digit that fail their check (a mistyped reference still
    points at a resident's case)."""
    spans = []
    for match in _CASE_SHAPE.finditer(text):
        written = match.group(1)
        dashed_with_digit = "-" in written and re.search(r"\d", written)
        if " " in written and not re.search(r"\d", written):
            continue  # "the Amy Yee": three words, not a reference read out
        if dashed_with_digit or _parse_reference(written):
            spans.append(Span(PiiKind.CASE_REF, match.start(1), match.end(1)))
    return spans
