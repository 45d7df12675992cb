"""E-mail addresses and telephone numbers.

Telephone numbers are found by Google's libphonenumber (the `phonenumbers` package): every region's formats,
extensions and odd separators such as `240/665-3866`. Numbers written without a leading `+` are read as
United States numbers; with a `+`, any country's. Leniency is `POSSIBLE` (right length for the region), not
`VALID`, because residents and examples use unassigned ranges such as 555 that are still someone's number.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, NumberParseException, PhoneNumberMatcher

from bot.pii.gazetteer import common_words
from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, spans_of, starts_word

# A left boundary and bounded parts keep this linear: a run of word characters can only start a match once.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Phone-shaped runs (digits with separators, an optional extension) that the library then checks. Bounded so
# that a long digit run yields one short candidate, never a quadratic scan.
_CANDIDATE = re.compile(
    r"(?<![\w+/.,$-])\+?\(?\d[\d ().\-/_]{5,22}\d"
    r"(?:,? ?(?:x|ext\.?|extension|#) ?\d{1,6}\b)?",
    re.IGNORECASE,
)
# A number after one of these words is a reference, not a phone number ("case 2024-001234").
_REFERENCE_CUE = re.compile(
    # "just in case +52 ...", "in order to": idioms, not references.
    r"(?i)\b(?<!in )(?:case|ticket|permit|request|order|account|acct|ref(?:erence)?|confirmation|conf|invoice|claim"
    r"|tracking|receipt|parcel|docket|citation|violation|sr|report|file|policy|application|routing|notice|serial"
    # The same in Spanish: "el número de la multa es 9921883017", "multa número 5481682273".
    r"|multa|boleta|caso|folio|reporte|solicitud|orden|expediente)"
    r"(?: number| no\.?| #| num| n[uú]mero)?(?: is| was| es| era)?(?:[ :#]{0,3}|\.)$"
)
DEFAULT_REGION = "US"
# libphonenumber costs about 35 µs per candidate; past this many candidates (hostile input, never a real
# message) every remaining run of seven or more digits is redacted without asking it or checking for a
# reference cue: past the budget, redaction errs towards removing too much.
_LIBRARY_BUDGET = 100
_MIN_DIGITS = 7
_NATIONAL_DIGITS = 10
_MAX_DIGITS = 15  # E.164
_DIALLED_ABROAD = re.compile(r"(?:00|011)(?=[1-9])")
_EXTENSION = re.compile(r"(?i),? ?(?:x|ext\.?|extension|#) ?\d{1,6}$")
_LOCAL = re.compile(r"\d{3}[-.]\d{4}")
# Written-out addresses ("tking85 AT hotmail DOT com", "ana dot m at gmail dot com", "name (at) mail (dot) com",
# "ana arroba correo punto mx", "jo @ gmail . com"): the top-level domain must end it, so that "meet at the park"
# never counts.
_SPELLED_AT = r"(?: ?[(\[{<](?:at|arroba)[)\]}>] ?| at | arroba | ?@ ?)"
_SPELLED_DOT = r"(?: ?[(\[{<](?:dot|punto|\.)[)\]}>] ?| dot | punto |\.| \. )"  # "[.]" too
# Words that join a local part read out: "ana punto belen", "jay underscore kim", "rosa(dot)m".
_LOCAL_JOIN = r"(?: (?:dot|punto|underscore|guion bajo) | ?[(\[{<](?:dot|punto)[)\]}>] ?)"
# Top-level domains: generic ones and the countries residents write from most.
_TOP_LEVEL = (
    r"(?:com|net|org|edu|gov|us|io|co|info|biz|me|uk|ca|mx|es|ar|br|de|fr|ph|pe|cl|ve|gt|sv|hn|ni|cr|pa|pr|ec|bo"
    r"|py|uy|ng|ke|gh|za|ru|ua|pl|cn|jp|kr|vn|au|nz|ie)\b"
)
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{1,64}}(?:{_LOCAL_JOIN}[\w+-]{{1,64}}){{0,3}}{_SPELLED_AT}"
    rf"[\w-]{{1,63}}(?:{_SPELLED_DOT}[\w-]{{1,63}}){{0,3}}{_SPELLED_DOT}{_TOP_LEVEL}"
)
# An address left without its domain's end, at a webmail provider: "rosa.m@gmail", "rosam (at) gmail".
_AT_PROVIDER = re.compile(
    rf"(?<![\w.+-])([\w.+-]{{1,64}}){_SPELLED_AT}"
    r"(?:gmail|yahoo|hotmail|outlook|icloud|aol|live|msn|comcast|sbcglobal|protonmail|proton)\b(?![.@]\w)"
)


# An address given by its provider alone: "my gmail is kateoneil88", "mi hotmail es lupe.r".
_PROVIDER_NAME = re.compile(
    r"(?:gmail|yahoo|hotmail|outlook|icloud|aol|proton ?mail)(?: (?:account|address|username|user))?"
    r" (?:is|es|=|:) ?([\w.+-]{3,64}?)(?=[\s,;!?)]|\.?\Z|\.\s)"
)


def emails(text: str) -> list[Span]:
    """E-mail addresses written out, read out, or left without their domain's end; the fuller reading first,
    since `find` keeps the first of overlapping spans."""
    found = spans_of(PiiKind.EMAIL, _EMAIL, text) if "@" in text else []
    lowered = ascii_lower(text)
    if "at" in lowered or "arroba" in lowered or "@" in lowered:
        found += spans_of(PiiKind.EMAIL, _SPELLED_EMAIL, lowered)
    found += [
        Span(PiiKind.EMAIL, m.start(), m.end())
        for m in _AT_PROVIDER.finditer(lowered)
        if m.group(1) not in common_words()  # "someone at yahoo said"
    ]
    found += [
        Span(PiiKind.EMAIL, *m.span(1))
        for m in _PROVIDER_NAME.finditer(lowered)
        if m.group(1) not in common_words()  # "my yahoo is down"
    ]
    return found


def _number_end(raw: str, start: int, end: int) -> int:
    """Where the number itself ends: an extension ("x204", "ext 12") identifies no one and is kept."""
    extension = _EXTENSION.search(raw)
    return start + extension.start() if extension else end


def _possible_whole(written: str) -> bool:
    """A candidate the matcher passed over that is still a number: "(801)4859958" (no space after the area
    code), or one written with `+` (an old mobile prefix such as "+52 1 33 9430 4864", a typo)."""
    digits = sum(char.isdigit() for char in written)
    if written.startswith("+"):
        return digits >= _MIN_DIGITS + 1
    abroad = _DIALLED_ABROAD.match(written)  # "0033 6 12 34 56 78"
    if abroad:
        written, digits = "+" + written[abroad.end() :], _NATIONAL_DIGITS
    try:
        number = phonenumbers.parse(written, DEFAULT_REGION)
    except NumberParseException:
        return False
    return digits >= _NATIONAL_DIGITS and phonenumbers.is_possible_number(number)


# After a word for a phone, eleven to fifteen digits are an international number written without its `+`
# ("mi número es 52 1 55 4412 8890", an old Mexican mobile prefix the library rejects).
_PHONE_CUE = re.compile(
    r"(?i)\b(?:phone|number|n[uú]mero|cell|cel|celular|mobile|m[oó]vil|tel[eé]fono|tel|whatsapp|call|text)\b"
    r"[^\d\n]{0,12}$"
)


def _international_after_cue(text: str, start: int, written: str) -> bool:
    digits = sum(char.isdigit() for char in written)
    return _NATIONAL_DIGITS < digits <= _MAX_DIGITS and _PHONE_CUE.search(text, max(0, start - 30), start) is not None


def _plausible(raw: str) -> bool:
    """A number without `+` is a US one: ten digits (eleven with the 1), or the local 555-0134 form."""
    digits = sum(char.isdigit() for char in raw)
    return raw.startswith("+") or digits >= _NATIONAL_DIGITS or _LOCAL.fullmatch(raw) is not None

def follows_reference(text: str, start: int) -> bool:
    """Whether a number at `start` follows a reference cue ("case", "permit #", "ticket no.")."""
    return _REFERENCE_CUE.search(text, max(0, start - 30), start) is not None

# "call me back about the permit: 503-441-2290": a word for calling earlier in the sentence makes a phone-shaped
# number after a reference cue the caller's number.
_CALL_BACK = re.compile(r"(?i)\b(?:call|text|phone|reach|contact|llam[aeo]\w{0,4})\b[^\d\n.!?]{0,50}$")


def called_back(text: str, start: int) -> bool:
    """Whether a word for calling stands earlier in the sentence of a number at `start`."""
    return _CALL_BACK.search(text, max(0, start - 60), start) is not None


def _add_or_join(spans: list[Span], start: int, end: int) -> None:
    """Past the budget, one span per run of back-to-back numbers (fewer spans for `find` to merge)."""
    if spans and start - spans[-1].end <= 1:
        spans[-1] = Span(PiiKind.PHONE, spans[-1].start, end)
    else:
        spans.append(Span(PiiKind.PHONE, start, end))


_DIGIT_WORD = (
    r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho"
    r"|nueve)"
)
# "nine one nine, four four two, seven seven zero one": seven to eleven digit words in a row.
_SPELLED_PHONE = re.compile(rf"{_DIGIT_WORD}(?:[ ,.-]{{1,3}}{_DIGIT_WORD}){{6,10}}\b")
# Seven, ten or eleven digits are a telephone number, nine a social security number.
_SPELLED_KINDS = {7: PiiKind.PHONE, 9: PiiKind.SSN, 10: PiiKind.PHONE, 11: PiiKind.PHONE}


def spelled_phones(text: str) -> list[Span]:
    """Telephone and social security numbers written out digit by digit, as a voicemail transcript gives them."""
    lowered = ascii_lower(text)
    spans = []
    for match in _SPELLED_PHONE.finditer(lowered):
        kind = _SPELLED_KINDS.get(len(re.findall(_DIGIT_WORD, match.group())))
        if kind is not None and starts_word(lowered, match.start()):
            spans.append(Span(kind, match.start(), match.end()))
    return spans


def phones(text: str) -> list[Span]:
    """Telephone numbers, each checked by libphonenumber, except those written after a reference cue.

    A number written with `+` that the library rejects (an old mobile prefix, a typo) still counts: a wrong
    guess there costs a redacted number, a miss leaks one.
    """
    spans: list[Span] = []
    for count, candidate in enumerate(_CANDIDATE.finditer(text)):
        if count >= _LIBRARY_BUDGET:
            if len(DIGIT.findall(candidate.group(0))) >= _MIN_DIGITS:
                _add_or_join(spans, candidate.start(), candidate.end())
            continue
        if follows_reference(text, candidate.start()) and not called_back(text, candidate.start()):
            continue
        written = candidate.group(0).replace("_", "-")  # "410_848_8258"; the same length keeps the offsets
        if _international_after_cue(text, candidate.start(), written):
            start = candidate.start()
            spans.append(Span(PiiKind.PHONE, start, start + _number_end(written, 0, len(written))))
            continue
        matches = [
            match
            for match in PhoneNumberMatcher(written, DEFAULT_REGION, leniency=Leniency.POSSIBLE)
            if _plausible(match.raw_string)
        ]
        start = candidate.start()
        spans += [
            Span(PiiKind.PHONE, start + m.start, start + _number_end(m.raw_string, m.start, m.end)) for m in matches
        ]
        if not matches and _possible_whole(written):
            spans.append(Span(PiiKind.PHONE, candidate.start(), candidate.end()))
    return spans
