"""Licence plates, recognised only after a vehicle cue: plates look like any short code, so the cue decides.

Cues are the words for a plate ("plate", "tag", "lic plate", "license plate number") and a description of a
car ("a silver Honda Civic", "white van", "the truck"); after a description the plate must mix letters and
digits, after a plate word a digit is enough.
"""

from __future__ import annotations

import re

from bot.pii.address_parts import STATE_NAMES
from bot.pii.contact import follows_reference
from bot.pii.gazetteer import common_words
from bot.pii.plate_shapes import STATE, near_cues, plate_like
from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, shouting, starts_word

_FILLER = (
    r"(?:[ :#.,-]{1,3}(?:number|num|no|is|was|were|are|read|reads|reading|says|say|of|#|it's|its|tag|plate|plates"
    r"|de|from|es|era|eran|son|dice|dec[ií]a)\b\.?)"
    r"{0,3}"
)
# A state before the plate: its code is read as part of the plate ("plate WV 3KT990"), a state written out
# ("placas de Texas DPL-8830", one capitalised word, or a state's name in any case: "plate: illinois 8845 QW")
# is not.
_STATE_NAMES = "|".join(sorted(STATE_NAMES, key=len, reverse=True))
_STATE_BEFORE = rf"(?:(?P<state>{STATE}) |[A-Z][a-z]{{3,12}} |(?i:{_STATE_NAMES}) )"
# Up to three groups ("7ABC123", "ABC 1234", "7 ABC 123"); a following ordinary word is never one of them.
_PLATE_SHAPE = (
    r"([A-Za-z0-9]{1,4}(?:[ -]?(?!(?:and|or|the|on|in|at|is|was|it|to|for|but|near|by)\b)[A-Za-z0-9]{1,4})?"
    r"(?:[ -]?\d[A-Za-z0-9]{0,3}|-[A-Za-z0-9]{1,3})?)(?![A-Za-z0-9-])"
)
# Cue words are found on the lower-cased copy; what follows them is read, case and all, from the cue's end.
_PLATE_WORD = re.compile(
    r"(?:licen[cs]e ?plates?|lic\.? ?plates?|plates?|tags?|reg(?:istration)?|placas?|matr[ií]cula)"
)
_AFTER_PLATE_WORD = re.compile(
    r"(?i:" + _FILLER + r")[ :#.,-]{1,3}" + _STATE_BEFORE + r"?" + _PLATE_SHAPE  # "plate VA XYZ-1234"
)
# "the plate on the letter is RRG 860", "placas de atras, adelante dice FX 90318": a few lower-case words, then
# a verb that introduces what is written ("is", "were", "dice", "eran") or a colon, then a plate written in
# capitals with letters and digits.
_AFTER_PLATE_WORDS = re.compile(
    r"(?:[ ,!]{1,3}[a-zñáéíóú]{1,10}){1,5}(?: is| was| were| are| reads| says| dice| es| era| eran| son|:)[ :#]{1,3}"
    r"((?=[A-Z0-9 -]{0,8}[A-Z])(?=[A-Z0-9 -]{0,8}\d)[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,4}){0,2})(?![A-Za-z0-9-])"
)
# Both in one pattern, the phrase first, so that each cue costs one match.
_AFTER_PLATE = re.compile(f"{_AFTER_PLATE_WORDS.pattern}|{_AFTER_PLATE_WORD.pattern}")
_MAKES = (
    r"(?:honda|toyota|ford|chevy|chevrolet|nissan|bmw|tesla|jeep|dodge|hyundai|kia|subaru|mazda|vw|volkswagen"
    r"|gmc|ram|lexus|audi|mercedes|benz|buick|chrysler|cadillac|acura|infiniti|volvo|mitsubishi|lincoln|civic"
    r"|camry|corolla|accord|altima|prius|f-?150|silverado|tahoe|explorer|escape|rav4|cr-v|odyssey|sienna"
    r"|escalade|camaro|mustang|corvette|impala|malibu|equinox|wrangler|cherokee|durango|charger|challenger|sentra"
    r"|elantra|sonata|jetta|outback|forester|highlander|tacoma|tundra|yukon|suburban|navigator|town car"
    r"|car|truck|van|suv|sedan|pickup|minivan|carro|camioneta|vehicle|hatchback|coupe|motorcycle|bike|scooter|rv"
    r"|trailer)"
)
_VEHICLE_WORD = re.compile(rf"{_MAKES}\b")
# After a make, a few filler words or model names ("Malibu", not "LCL"), then the plate.
_AFTER_VEHICLE = re.compile(
    r"(?:[ ,]{1,2}(?:(?i:with|w/|plates?|tags?|lic|licen[cs]e|#|number|no\.?|is|was|parked|in|and|the|a)"
    r"|[A-Za-z][a-z-]{1,12}|" + STATE + r")\b\.?){0,3}[ :#.,(-]{1,3}" + _PLATE_SHAPE
)
# A model's number right after its make ("Mazda 3", "Ford F-150", "BMW X5", "Mazda CX-5"): never the plate.
_MODEL = r"[A-Z]{0,2}-?\d{1,3}"
_IS_MODEL = re.compile(_MODEL)
_MODEL_AFTER_MAKE = re.compile(r" " + _MODEL + r"(?=[ ,.])")
_GENERIC = frozenset("car truck van suv sedan pickup minivan carro camioneta vehicle hatchback coupe".split())
# Makes written in capitals: after them capitals are a vanity plate ("BMW BIGBOSS"); after "VAN" in a
# shouted name ("TALA VAN DYKE") they are not.
_CAPITAL_MAKES = frozenset("bmw gmc vw rav4 cr-v".split())


_VANITY = re.compile(r"[A-Z]{4,8}")
# Letters alone are read as a plate only in the plate word's own sentence: "I GOT THE PLATE. TANYA YOUNG".
_SENTENCE_END = re.compile(r"[.!?]\s")
# "LUVMYKS is the plate on the bmw": a plate first, the plate word just after. The phrase is found first and
# the plate read backwards from it, so that text without the phrase costs one scan.
_IS_THE_PLATE = re.compile(r" (?:is|was|=) (?:the|my|his|her|their|our) (?:licen[cs]e )?(?:plate|tag)\b")
_ENDS_WITH_PLATE = re.compile(r"(?<![A-Za-z0-9-])([A-Z0-9]{2,8}(?:[ -][A-Z0-9]{1,4})?)\Z")


# Text without a digit can hold only a vanity plate: this short pattern replaces `_AFTER_PLATE` there, so that
# "plate plate plate ..." costs what it did when such text skipped plates altogether.
_VANITY_AFTER = re.compile(r"[ :#.,-]{1,3}(?:(?i:is|was|reads?|says|number|#):? )?([A-Z]{4,8})(?![A-Za-z0-9-])")


def _vanity(token: str) -> bool:
    """A plate of capitals alone ("BIGDAWG", "TXLADY") after a plate word, unless it is a shouted word."""
    return bool(_VANITY.fullmatch(token)) and token.lower() not in common_words()


# Tags that are no plate ("pole tag", "his rabies tag # is 22-1187"), and pickups that are no truck ("bulk
# pickup"): the word before the cue, or an animal shortly before a tag, decides.
_NOT_VEHICLE_BEFORE = frozenset(
    "pole dog cat pet rabies price name luggage ear id bulk trash garbage recycling yard curbside compost leaf "
    "brush item furniture".split()
)
_ANIMAL = re.compile(r"\b(?:dog|cat|pet|puppy|kitten|perro|gato)\b")


_MORE = re.compile(r"(?i)(?: ?[,&/] ?| and | y ){1}" + _PLATE_SHAPE)


def _and_more(text: str, end: int) -> list[Span]:
    """Plates listed after the first ("plates HVN-6759 & 5BFA579"), up to three more."""
    spans = []
    for _ in range(3):
        more = _MORE.match(text, end)
        if more is None or not plate_like(more.group(1), needs_letter=False):
            break
        spans.append(Span(PiiKind.PLATE, more.start(1), more.end(1)))
        end = more.end()
    return spans


# Capitals after a plate or vehicle word, with or without digits: "GO BUCKS", "NURSE 4U", "BIGDADDY", "WV 3KT990".
_CAPITALS = re.compile(
    r"[ :#.,(-]{1,3}(?:(?i:is|was|es|reads?|says|number|plate|tag|con placas?):? )?[\"“']?"  # quoted: "H8 TRAFIC"
    r"([A-Z0-9]{1,8}(?: [A-Z0-9]{1,8})?)(?![\w'’-])"
)


# Words that tell of a vehicle without naming it: what is done to a car, or the pass it carries.
_VEHICLE_VERB = re.compile(
    r"(?:ticket(?:ed|ing)|tow(?:ed|ing)|boot(?:ed|ing)|clamped|parking (?:pass|permit) for|parked|abandoned)\b"
)


def _capitals(text: str, end: int, shouted: bool) -> Span | None:
    """A plate in capitals right after a cue, unless the message is written in capitals throughout."""
    match = _CAPITALS.match(text, end) if not shouted else None
    if match is None:
        return None
    plate = match.group(1)
    compact = plate.replace(" ", "")
    if not 2 <= len(compact) <= 8 or not any(char.isalpha() for char in compact):
        return None
    if " " not in plate and compact.isalpha() and not _vanity(compact):
        return None  # "my car DIED": a shouted word
    return Span(PiiKind.PLATE, match.start(1), match.end(1))


def _not_a_vehicle(lowered: str, cue: re.Match[str]) -> bool:
    """"pole tag", "bulk pickup", "his rabies tag": a cue word that names no vehicle here."""
    previous = lowered[max(0, cue.start() - 20) : cue.start()].rstrip(" '’s").rpartition(" ")[2]
    if previous in _NOT_VEHICLE_BEFORE:
        return True
    return cue.group().startswith("tag") and _ANIMAL.search(lowered, max(0, cue.start() - 80), cue.start()) is not None


def plates(text: str) -> list[Span]:
    """Plates after a plate word (a digit is enough, or capitals), just before "is the plate", after a
    vehicle (letters and digits, five or more, or capitals), and plate-shaped codes near either."""
    lowered, spans = ascii_lower(text), []
    has_digit = DIGIT.search(text) is not None
    shouted = shouting(text)
    cues: list[int] = []
    for cue in _PLATE_WORD.finditer(lowered):
        if not starts_word(lowered, cue.start()) or _not_a_vehicle(lowered, cue):
            continue
        cues.append(cue.start())
        plate = (_AFTER_PLATE if has_digit else _VANITY_AFTER).match(text, cue.end())
        group = plate.lastindex if plate is not None else None
        if plate is None or group is None:
            capitals = _capitals(text, cue.end(), shouted)
            spans += [capitals] if capitals else []
            continue
        vanity = _vanity(plate.group(group)) and not _SENTENCE_END.search(text, cue.end(), plate.start(group))
        if plate_like(plate.group(group), needs_letter=False) or vanity:
            start = plate.start("state") if "state" in plate.groupdict() and plate.group("state") else plate.start(group)
            spans += [Span(PiiKind.PLATE, start, plate.end(group)), *_and_more(text, plate.end())]
        elif capitals := _capitals(text, cue.end(), shouted):
            spans.append(capitals)
    for phrase in _IS_THE_PLATE.finditer(lowered):
        start = max(0, phrase.start() - 14)
        before = _ENDS_WITH_PLATE.search(text, start, phrase.start())
        if before is not None and (plate_like(before.group(1), needs_letter=False) or _vanity(before.group(1))):
            spans.append(Span(PiiKind.PLATE, before.start(1), before.end(1)))
    last_end = 0
    for cue in (*_VEHICLE_WORD.finditer(lowered), *_VEHICLE_VERB.finditer(lowered)):
        if cue.start() < last_end or not starts_word(lowered, cue.start()) or _not_a_vehicle(lowered, cue):
            continue  # "Honda Civic ABC1234": the make already found the plate the model would
        cues.append(cue.start())
        model = _MODEL_AFTER_MAKE.match(text, cue.end()) if cue.group() not in _GENERIC else None
        plate = _AFTER_VEHICLE.match(text, model.end() if model else cue.end()) if has_digit else None
        if plate is not None and _IS_MODEL.fullmatch(plate.group(1)):
            plate = None  # "Ford F-150 parked": the model, no plate
        if plate is not None and plate_like(plate.group(1), needs_letter=True) and len(plate.group(1)) >= 5:
            if not follows_reference(text, plate.start(1)):  # "... got ticketed, permit B24-4496"
                spans.append(Span(PiiKind.PLATE, plate.start(1), plate.end(1)))
            last_end = plate.end(1)
        elif text[cue.start() : cue.end()].isupper() and cue.group() not in _CAPITAL_MAKES:
            continue  # "TALA VAN DYKE": a name in capitals, not a van
        elif capitals := _capitals(text, cue.end(), shouted):
            spans.append(capitals)
            last_end = capitals.end
    return spans + (near_cues(text, sorted(cues)) if cues and has_digit else [])
