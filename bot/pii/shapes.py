"""Numbers redacted for their shape alone, without a cue: long digit runs and letter-digit codes (ID), masked
SSNs ("xxx-xx-1234"), card-length runs near a payment word or in fours (CARD), and phone-shaped groupings
(PHONE). (Any 3-2-4 grouping is an SSN in `bot.pii.identifiers`.)

Why: four rounds of cue rules gained about six points on the text they were tuned on and under two on unseen
text, because residents write numbers after cues no rule foresaw ("here's mine:", "the one on file"). A resident
asking a city question rarely writes a six-digit number that is not someone's; the ones that are not (amounts,
dates, ZIP codes, years, the city's own ticket, permit and case numbers after their cue) are left, and the rest
is redacted whatever stands before it. `find` runs this after the cued detectors, so a number they labelled
keeps their kind; what is left is redacted here.
"""

from __future__ import annotations

import bisect
import re

from bot.pii.contact import called_back
from bot.pii.identifiers import calendar_date, without_left_out
from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, starts_word

# A run of digits and letters that starts with a digit or a short letter prefix, with up to seven more groups
# joined by one dash or space; each later group starts with a digit, so a number never swallows the next word.
_TOKEN = re.compile(
    r"(?<![\w$€£#.,/:@+-])(?:[A-Za-z]{1,4}-?)?\d[A-Za-z\d]{0,20}(?:[- ]\d[A-Za-z\d]{0,20}){0,7}(?:-[A-Za-z]{1,3})?"
    r"(?![\w@-]|[.,/:]\d)"
)
# Digits written one by one ("9 3 2 - 7 1 - 5 5 0 8"), as a number read out or typed apart.
_SPACED = re.compile(r"(?<![\w-])\d(?:(?: - | |-)\d){6,18}(?![\w-])")
# A licence spelled from its holder's surname and initials, then digits and a check pair ("KOWALSJ287QT",
# "WDLBKRRS629TY"): capitals, digits, capitals, ten characters or more; no word or model number is written so.
_LETTERED = re.compile(r"(?<![\w-])(?=[A-Z\d]{10})[A-Z]{4,10}\d{2,5}[A-Z][A-Z\d]{0,3}(?![\w-])")
_MIN_RUN_DIGITS = 6  # one unbroken group: "0012345678", "A12345678"
_MIN_JOINED_DIGITS = 7  # groups joined by dashes or spaces: "D1234-5678-9012", "11-4420773"
_MIN_MIXED_DIGITS = 5  # letters with digits: "A12345"
_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_ZIP_PLUS_FOUR = re.compile(r"\d{5}(?:-\d{4})?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)", re.I)
_AMOUNT_AFTER = re.compile(r" ?(?:dollars|usd|bucks|pesos|k\b|%|percent|sq|square|feet|ft|miles|gallons)", re.I)
# The city's own numbers after their cue: "ticket #20240311", "permit BLD-2024-001234", "SR 1234567".
_CITY_CUE = re.compile(
    r"(?:case|ticket|permit|citation|confirmation|conf|work order|service request|request|sr|order|invoice"
    r"|reference|ref|tracking|receipt|docket|violation|complaint|incident|report|application|bill|ordinance"
    r"|resolution|route|bus|flight|room|suite|unit|lot|model|serial|version|item|form|notice|multa|boleta|aviso"
    r"|folio|caso|permiso"
    r"|reporte|solicitud|orden)(?:\b|(?<=#))"
)
_CITY_REACH = 30
_BENEFITS = re.compile(
    r"\b(?:snap|ebt|tanf|wic|medicaid|masshealth|ssi|ssdi|benefits?|beneficios|food stamps|cupones)\b"
)
_PAYMENT = re.compile(
    r"(?:card|visa|mastercard|master card|amex|discover|debit|credit|tarjeta|pay|paid|payment|pago|charge|billing"
    r"|cc)\b"
)
_PAYMENT_REACH = 60
_CARD_RUN = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_FOURS = re.compile(r"\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}")
_SSN_MASKED = re.compile(r"(?<![\w*#•])[x*#•]{3}[- .]?[x*#•]{2}[- .]?\d{4}(?!\d)")
# Ten or eleven digits grouped as a phone number, area code checked by no one ("123-456-7890", "(012) 345 6789").
_PHONE_SHAPE = re.compile(
    r"(?<![\w$.-])(?:\+?1[-. ]?)?(?:\(\d{3}\) ?|\d{3}[-. ]?)\d{3}[-. ]?\d{4}(?![\w-]|[.,]\d)"
)
# The same with a letter typed for a digit ("(415) 88O-2291", "206-55l-0912"): O for zero, l or I for one; read on
# the lower-cased text, at most two such letters.
_PHONE_TYPED = re.compile(
    r"(?<![\w$.-])(?:\(\d{3}\) ?|\d{3}[-. ])(?=[\d. -]{0,8}[oli])[\doli]{3}[-. ][\doli]{4}(?![\w-])"
)
_MAX_TYPED = 2
# Seven digits after a word for calling: "text me 867-5309", "cell: 555 0134".
_LOCAL_PHONE = re.compile(
    r"(?:call|text|cell|cel|phone|tel|mobile|llama|llamar)[^\d\n]{0,20}?(?<![\d-])(\d{3}[-. ]\d{4})(?![\d-]|[.,]\d)"
)


def shaped_numbers(text: str) -> list[Span]:
    """Every number redacted for its shape: cards and SSNs first, then phones, then IDs (`find` keeps the
    first of overlapping spans, so the more specific kind wins)."""
    lowered = ascii_lower(text)
    city_ends = [m.end() for m in _CITY_CUE.finditer(lowered) if starts_word(lowered, m.start())]
    spans = _cards(lowered)
    spans += [Span(PiiKind.SSN, m.start(), m.end()) for m in _SSN_MASKED.finditer(lowered)]
    spans += [
        Span(PiiKind.PHONE, m.start(), m.end())
        for m in _PHONE_SHAPE.finditer(lowered)
        if not _after_city_cue(lowered, m.start(), city_ends) or called_back(lowered, m.start())
    ]
    spans += [
        Span(PiiKind.PHONE, m.start(), m.end())
        for m in _PHONE_TYPED.finditer(lowered)
        if sum(char in "oli" for char in m.group(0)) <= _MAX_TYPED
    ]
    spans += [
        Span(PiiKind.PHONE, m.start(1), m.end(1))
        for m in _LOCAL_PHONE.finditer(lowered)
        if starts_word(lowered, m.start())
    ]
    spans += [Span(PiiKind.ID, m.start(), m.end()) for m in _SPACED.finditer(text)]
    spans += [Span(PiiKind.ID, m.start(), m.end()) for m in _LETTERED.finditer(text)]
    return spans + _uncued_ids(text, city_ends)


def _cards(lowered: str) -> list[Span]:
    """Card-length runs in fours anywhere, or any grouping within reach of a payment word (Luhn unchecked: a
    mistyped card number is still one)."""
    payments = [m.start() for m in _PAYMENT.finditer(lowered) if starts_word(lowered, m.start())]
    spans = []
    for run in _CARD_RUN.finditer(lowered):
        near = _near(payments, run.start(), _PAYMENT_REACH) or _near(payments, run.end(), _PAYMENT_REACH)
        written = without_left_out(run.group(0))
        if near or _FOURS.fullmatch(written):
            spans.append(Span(PiiKind.CARD, run.start(), run.start() + len(written)))
    return spans


def _near(positions: list[int], at: int, reach: int) -> bool:
    index = bisect.bisect_left(positions, at - reach)
    return index < len(positions) and positions[index] <= at + reach


def _uncued_ids(text: str, city_ends: list[int]) -> list[Span]:
    spans = []
    for token in _TOKEN.finditer(text):
        written = token.group(0).rstrip(" -")
        if _long_enough(written) and not _looks_harmless(text, token.start(), written, city_ends):
            spans.append(Span(PiiKind.ID, token.start(), token.start() + len(written)))
    return spans


def _long_enough(written: str) -> bool:
    digits = len(DIGIT.findall(written))
    if any(char.isalpha() for char in written):
        return digits >= _MIN_MIXED_DIGITS
    joined = "-" in written or " " in written
    return digits >= (_MIN_JOINED_DIGITS if joined else _MIN_RUN_DIGITS)


def _looks_harmless(text: str, start: int, written: str, city_ends: list[int]) -> bool:
    """A date, a ZIP code, years in a row, an amount, or the city's own number after its cue."""
    if (_DATE.fullmatch(written) and calendar_date(written)) or _ZIP_PLUS_FOUR.fullmatch(written):
        return True
    groups = re.split(r"[- ]", written)
    if all(_YEAR.fullmatch(group) or _ZIP_PLUS_FOUR.fullmatch(group) for group in groups):
        return True  # "2023-2024", "2019 2020 2021", "60623 60624"
    if any(_ORDINAL.fullmatch(group) for group in groups):
        return True  # "June 14th 2025"
    if _CITY_CUE.fullmatch(ascii_lower(written).split("-")[0].rstrip("0123456789")):
        return True  # "SR25-99263214", "CASE-20418": the city's cue is the number's own prefix
    return _AMOUNT_AFTER.match(text, start + len(written)) is not None or _after_city_cue(text, start, city_ends)


def _after_city_cue(text: str, start: int, city_ends: list[int]) -> bool:
    """Whether a city cue ends shortly before `start` with no other number between ("ticket # 20240311"); a
    case in a message about benefits is the resident's benefits case, not the city's work order."""
    index = bisect.bisect_right(city_ends, start) - 1
    if index < 0 or start - city_ends[index] > _CITY_REACH:
        return False
    cue = ascii_lower(text)[max(0, city_ends[index] - 5) : city_ends[index]]
    if cue.endswith(("case", "caso")) and _BENEFITS.search(ascii_lower(text)):
        return False
    return DIGIT.search(text, city_ends[index], start) is None
