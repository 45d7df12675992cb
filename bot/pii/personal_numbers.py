"""Short numbers a resident calls their own: "my library card number is 29918", "his student id: 4471", "mi
número de estudiante es 55120".

Why a policy, not more cues: residents hold numbers of many kinds (library, student, employee, voter, badge,
benefits, insurance) and name each in their own words, but they write them the same way: a possessive, a few words
naming the account, then "number", "#", "no." or "id" and the number. Longer numbers are redacted by their shape
(`bot.pii.shapes`); this catches four- and five-digit ones, which shapes leave for ZIP codes and counts, where the
possessive and the number word say whose they are. The city's own numbers ("my case number", "my permit #") and
a home's ("my house number", "my zip") are told by the words between and are left.
"""

from __future__ import annotations

import re

from bot.pii.spans import DIGIT, PiiKind, Span, ascii_lower, starts_word

# "my ... number is 29918", "her member id: 30918", "our account # 4471"; the words between are checked below.
_OWN = re.compile(
    r"(?:my|his|her|our|their|your)((?: [a-z'-]{1,20}){1,3}?) (?:number|num|no\.?|#|id|i\.d\.)"
    r"(?: (?:#|number|no\.?))?(?: is| was| es)?(?: ?[:#])? ?"
    r"([a-z]{0,3}-?\d[\da-z-]{2,15})(?![\w-]|[.,/:]\d)"
    # "mi número de estudiante es 55120", "su no. de cliente: 4471".
    r"|(?:mi|su|sus|nuestro) (?:n[uú]mero|no\.?|#) de((?: [a-z'-]{1,20}){1,3}?)(?: es| era)?(?: ?:)? ?"
    r"([a-z]{0,3}-?\d[\da-z-]{2,15})(?![\w-]|[.,/:]\d)"
)
# What the words between may not hold: the city's own numbers, a home's, a phone's, a count's.
_NOT_OWN = frozenset(
    "case ticket permit citation confirmation conf order request service sr reference ref tracking receipt "
    "docket violation complaint incident report application invoice work form notice bill route bus flight room "
    "suite unit apartment apt lot model serial version item house home street building zip postal phone cell "
    "telephone mobile fax contact extension ext tag plate license licence plates door gate box pin "
    "caso multa boleta folio permiso reporte solicitud orden casa calle apartamento tel teléfono telefono celular "
    "placa placas".split()
)
# Seven digits or more are a phone's or are redacted by their shape (`bot.pii.shapes`), which tells the kind.
_MIN_DIGITS, _MAX_DIGITS = 4, 6


def own_numbers(text: str) -> list[Span]:
    """Numbers of four to six digits after a possessive and a number word, unless the words between name the
    city's business, a home, a phone or a vehicle."""
    lowered = ascii_lower(text)
    spans = []
    for match in _OWN.finditer(lowered):
        between, group = (match.group(1), 2) if match.group(2) else (match.group(3), 4)
        if not starts_word(lowered, match.start()) or _NOT_OWN.intersection((between or "").split()):
            continue
        if _MIN_DIGITS <= len(DIGIT.findall(match.group(group))) <= _MAX_DIGITS:
            spans.append(Span(PiiKind.ID, match.start(group), match.end(group)))
    return spans
