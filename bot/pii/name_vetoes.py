"""What a name, once found by any rule, may not be: a title or role before it ("Fr.", "Coach", "Doña": the
labelling convention keeps them outside), a saint's church or school ("St. Casimir's"), a place a Spanish place
noun names ("el parque Benito Juárez"), a pet ("my cat Coco"), a country ("from Eritrea", "de El Salvador"), a
car make ("a grey Hyundai"), a contraction ("We'd"), a verb asking a question ("Can I ...").

Why here and not in each rule: a dozen rules find names, and each of these mistakes is made by several of them.
One pass over the names found removes a class of mistakes wherever it comes from.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.pii import gazetteer
from bot.pii.address_parts import STATE_NAMES
from bot.pii.name_words import CAR_MAKES, NOT_NAMES, PLACE_FIRST_NAMES
from bot.pii.spans import PiiKind, Span

# Titles and roles written before a name; the name starts after them.
_TITLES = re.compile(
    r"(?:(?:mr|mrs|ms|miss|mx|dr|fr|father|rev|reverend|pastor|coach|owner|doña|dona|sr|sra|srta|señor|señora"
    r"|t[ií]o|t[ií]a|auntie|aunty|uncle|officer|sgt|ssgt|cpl|pvt|pfc|lt|capt|maj|col|gen|cmdr|adm|prof|deputy"
    r"|judge|sister|brother)\.?(?:[ \t]{1,3}\(ret(?:ired|\.)?\))?(?:[ \t]{1,3}|\Z))+",
    re.IGNORECASE,
)
# The words before a name that make it no person's, read from the last few words before it (set look-ups, not
# backward searches, which would cost a scan per name on a page of names).
_SAINTS = frozenset("st st. ste ste. saint san santa sta sta.".split())
# Pets are named like people and are no one's personal data: "lost cat named Coco", "my pup Mr. Biscuit".
_PETS = frozenset(
    "dog dogs cat cats pup puppy kitten pet lab terrier retriever shepherd pit chihuahua parrot bird rabbit bunny "
    "horse perro perrito gato gatito mascota".split()
)
_NAMING = frozenset("named called llamado llamada name:".split())
_NAMING_PAIRS = frozenset({("name", "is"), ("se", "llama"), ("name", "was")})
_PET_TITLES = frozenset("mr mr. mrs mrs. miss ms ms. señor señora doña".split())
# Places Spanish names before the person they honour: "el parque Benito Juárez", "centro recreativo Cesar Chavez".
_PLACE_NOUNS = frozenset(
    "parque plaza escuela colegio biblioteca iglesia hospital centro recreativo comunitario calle avenida puente "
    "estadio mercado clínica clinica preparatoria secundaria primaria".split()
)
_PLACE_PREPOSITIONS = frozenset("from in to of de en desde visiting para a".split())
# A question's auxiliary at the start of a sentence is no first name ("Can Virginia residents ...?").
_OPENING_AUXILIARY = re.compile(r"(?:can|could|would|should|does|did|is|are|do)[ \t]", re.IGNORECASE)
_SENTENCE_ENDS = frozenset(".!?¿\n")
_CONTRACTION = re.compile(r"['’](?:d|ll|re|ve|m)\Z|n['’]t\Z", re.IGNORECASE)
# An auxiliary before a pronoun asks a question ("Can I", "Will you"): no name.
_AUXILIARIES = frozenset(
    "can could will would shall should may might must do does did is are was were have has".split()
)
_PRONOUN_AFTER = re.compile(r"[ \t](?:I|you|we|u|they|he|she|it|i)\b")
# A country's name that is also a common first name ("Jordan", "Chad") is a person unless a preposition
# precedes it; past this rank, even without one.
_COUNTRY_FIRST_NAME = 400
_STATE_FIRST_NAME = 1000


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Countries and territories in English and Spanish (from Babel's CLDR data), folded."""
    try:
        from babel import Locale
    except ImportError:  # Babel comes with the chat channels; without it countries are not told from names
        return frozenset()
    names = {name for code in ("en", "es") for name in Locale(code).territories.values()}
    return frozenset(gazetteer.fold(name) for name in names)


@lru_cache(maxsize=4096)  # hostile text repeats the same names
def _country_rank(written: str) -> int | None:
    """None when `written` is no country; else its rank as a first name (0 when none)."""
    key = gazetteer.fold(written)
    if key not in countries():
        return None
    return 10**9 if " " in key else getattr(gazetteer.names().get(key), "first", 0)


def _country(before: list[str], written: str) -> bool:
    """A country or a US state ("from Indiana", "(Nevada 5KRT22)"); one that is also a common first name
    ("Jordan", "Georgia", "Dakota") only after a preposition."""
    state = written.lower() in STATE_NAMES
    rank = getattr(gazetteer.names().get(gazetteer.fold(written)), "first", 0) if state else _country_rank(written)
    if rank is None:
        return False
    after_preposition = bool(before) and before[-1] in _PLACE_PREPOSITIONS
    limit = _STATE_FIRST_NAME if state else _COUNTRY_FIRST_NAME
    return after_preposition or not 0 < rank <= limit  # "El Salvador" ranks nowhere


def _pet(before: list[str]) -> bool:
    """"my cat Coco", "lab named Bella", "Dog's name is Biscuit", "my pup Mr. Whiskers"."""
    words = [word.removesuffix("'s").removesuffix("’s").strip(",") for word in before]
    while words and (words[-1] in _PET_TITLES or words[-1] in _NAMING or tuple(words[-2:]) in _NAMING_PAIRS):
        del words[-2 if tuple(words[-2:]) in _NAMING_PAIRS else -1 :]
    return bool(words) and words[-1] in _PETS


def _saint(text: str, start: int, before: list[str]) -> bool:
    """"at St. Casimir's": a name after "St." that no capitalised word or number precedes (after "Ashford St."
    the name starts a signature)."""
    if not before or before[-1] not in _SAINTS or not text[start : start + 1].isupper():
        return False
    words = text[max(0, start - 40) : start].split()
    previous = words[-2] if len(words) > 1 else ""
    return words[-1][:1].isupper() and not (previous[:1].isupper() or previous[:1].isdigit())


def _trimmed(text: str, span: Span) -> Span | None:
    """The span without the titles before it, or a question's auxiliary opening a sentence; None when nothing
    is left."""
    title = _TITLES.match(text, span.start, span.end)
    start = span.start if title is None else title.end()
    auxiliary = _OPENING_AUXILIARY.match(text, start, span.end)
    if auxiliary is not None and (start == 0 or text[max(0, start - 4) : start].rstrip()[-1:] in _SENTENCE_ENDS):
        start = auxiliary.end()
    return Span(PiiKind.NAME, start, span.end) if start < span.end else None


_SHORT_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DAY_AFTER = re.compile(r"\.?[ \t]{1,2}\d{1,2}(?!\d)")
# "at Addison and Harlem", "corner of Pulaski and Irving Park", "71st & Harlem": the second street of a corner.
_CORNER = re.compile(
    r"(?:\bat|\bof|\bon|\bnear|\bbetween|\bentre|\ben)[ \t]{1,2}([A-Z][\w'’-]{1,30}|\d{1,3}(?:st|nd|rd|th))"
    r"[ \t]{1,2}(?:and|&|y)[ \t]{1,2}\Z"
)
# What a car's make or model stands before: "white Mercedes sedan", "a Nissan Sentra".
_VEHICLE_AFTER = re.compile(
    r"[ \t]{1,2}(?:sedan|suv|truck|van|pickup|minivan|coupe|hatchback|wagon|convertible)\b", re.IGNORECASE
)


def _a_place(written: str) -> bool:
    return written.lower() in STATE_NAMES or _country_rank(written) is not None


def _not_a_person(text: str, start: int, end: int, written: str, kept: list[Span]) -> bool:
    """A date's month ("until Jan 15"), an office ("the Mayor's"), a corner's second street, or a car: a make
    and its model ("Hyundai Sonata") or a make before a body style ("white Mercedes sedan")."""
    first = written.split()[0].lower()
    key = first.removesuffix("'s").removesuffix("’s")
    if " " not in written and (key in NOT_NAMES or (key in _SHORT_MONTHS and _DAY_AFTER.match(text, end))):
        return True
    # A colour before a make is a car too ("Silver Toyota", "Tan Nissan Sentra").
    if any(part.lower() in CAR_MAKES for part in written.split()) or _VEHICLE_AFTER.match(text, end):
        return True
    after_number = text[max(0, start - 4) : start - 1].rstrip()[-1:].isdigit()
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and after_number and _a_place(written):
        return True  # "plate # HTR-5510 (Indiana)", "passport U18833042 (Turkey)": where a number is from
    if written.endswith(("'s", "’s")):
        return False  # "at Sam and Maria's house": a street owns nothing
    corner = _CORNER.search(text, max(0, start - 50), start)
    return corner is not None and not (kept and kept[-1].end >= corner.start(1))


def vetted(text: str, spans: list[Span]) -> list[Span]:
    """The names in `spans` with titles trimmed, and without saints, places, pets, countries, car makes,
    contractions and questions' verbs."""
    kept = []
    for span in spans:
        trimmed = _trimmed(text, span)
        if trimmed is None:
            continue
        start, end = trimmed.start, trimmed.end
        written = text[start:end]
        single = " " not in written
        before = text[max(0, start - 40) : start].lower().split()[-5:]
        if _saint(text, start, before) or _country(before, written) or _pet(before):
            continue  # "St. Casimir's", "from Eritrea", "my cat Coco"
        if before and (before[-1] in _PLACE_NOUNS):
            continue  # "el parque Benito Juárez"
        if single and written.lower() in PLACE_FIRST_NAMES and start != span.start:
            continue  # "Can Virginia residents ...": the state
        if single and (written.lower() in CAR_MAKES or _CONTRACTION.search(written)):
            continue
        if _not_a_person(text, start, end, written, kept):
            continue
        if single and written.lower() in _AUXILIARIES and _PRONOUN_AFTER.match(text, end):
            continue  # "Can I", "Will you"
        kept.append(trimmed)
    return kept
