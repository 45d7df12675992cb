"""Redaction finishes hostile input in linear time, and 100 kB of it in under 100 ms (issue 9, item 1).

The detectors read at most `MAX_READ_CHARS` (four channel messages); each hostile shape at that length must take
under 100 ms, which a quadratic pattern misses by far (at 16,000 characters the old e-mail pattern took seconds; at 8,000 a quarter of that).
A longer text is withheld whole, unread, so 100 kB of any shape costs almost nothing. The learned tagger reads
texts up to a channel message (`tagger.MAX_TAGGED_CHARS`) and at most `tagger.MAX_TAGGED_TOKENS` tokens of them:
each shape at that length, rules and tagger together (the model built into build/ when present), is timed too.
The gazetteer is loaded by a warm-up call first; each input is timed five times in the thread's CPU time and the
best run counts: the bound is on the work `find` does, not on what else the machine is doing.
"""

from __future__ import annotations

import time

import pytest

from bot import pii
from bot.pii import tagger

SIZE = pii.MAX_READ_CHARS
LIMIT_SECONDS = 0.1


def _repeat(piece: str) -> str:
    return (piece * (SIZE // len(piece) + 1))[:SIZE]


HOSTILE = {
    "repeated name cue": _repeat("my name is "),
    "repeated capitalised cue": _repeat("My name is Maria "),
    "one long word": "a" * SIZE,
    "long word runs": _repeat("lorem ipsum dolor sit amet "),
    "one long digit run": "1" * SIZE,
    "digits with separators": _repeat("12-34 56/78.9 "),
    "phone numbers": _repeat("555-123-4567 "),
    "letter and dot": _repeat("a."),
    "at signs": "@" * SIZE,
    "letter and at sign": _repeat("a@"),
    "hyphens": "-" * SIZE,
    "nested punctuation": _repeat("([{<") [: SIZE // 2] + _repeat(">}])")[: SIZE // 2],
    "capitalised words": _repeat("Maria Gonzalez Washington Park "),
    "capitalised names": _repeat("Olga Lin Jamal Brown Thanks Here "),
    "capitals": _repeat("MARIA GONZALEZ "),
    "lower-case names": _repeat("maria gonzalez "),
    "birth cue": _repeat("born "),
    "dates after a birth cue": _repeat("dob 01/02/1990 "),
    "id cue": _repeat("id "),
    "account numbers": _repeat("account 12345-67890 "),
    "plate cue": _repeat("plate "),
    "cars and plates": _repeat("white honda civic ABC1234 "),
    "addresses": _repeat("1234 Elm Street Apt 4B, Springfield 12345 "),
    "house numbers": _repeat("1 "),
    "spelled e-mail": _repeat("a at b dot "),
    "units": _repeat("apt "),
    "plus signs and digits": _repeat("+1 "),
    "sign-off dashes": _repeat("\n- "),
    "thanks cue": _repeat("thanks, "),
    "titles": _repeat("Mr. "),
    "card numbers": _repeat("4111 1111 1111 1111 "),
    "last four cue": _repeat("visa ending last 4 of my social "),
    "apostrophes": "'" * SIZE,
    "particles": _repeat("de la "),
    "home cue and numbers": _repeat("i live at 1 A "),
    "card cues": _repeat("last four of my card are cvv "),
    "dialled from abroad": _repeat("0033 6 "),
    "greeting cues": _repeat("regards - its reply to "),
    "masked ssn": _repeat("ssn ***-**-"),
    "spelled at": _repeat("x at y. "),
    "names between bars": _repeat("Ahanu Redcloud | 505 555 0143 | "),
    "signatures after data": _repeat("fix it. ray 312-555-0199 Bill "),
    "families": _repeat("the Nguyens the Okafor family "),
    "ssn endings": _repeat("ssn ending 1234 last 4 is 5678 social "),
    "four digits called the last four": _repeat("card 1234 last 4 "),
    "spanish streets": _repeat("22 calle Maple apt 3 "),
    "plate after a phrase": _repeat("the plate on the letter is ABC 123 "),
    "titles before particles": _repeat("Mr. de la "),
    "lower-case self-introductions": _repeat("faadumo warsame here "),
    "grid addresses": _repeat("at 1 N Main "),
    "initials": _repeat("R.J. van Alvarez A. B. C. "),
    "vanity plates": _repeat("tag BIGDAWG is the plate "),
    "rural routes": _repeat("12 Rural Route 3 Box 14, "),
    "fractions and plural units": _repeat("361 1/2 S. 112th Loop, Units 1-12, "),
    "phone cue and long numbers": _repeat("mi numero es 52 1 55 4412 8890 "),
    "spelled digits": _repeat("nine one nine four oh two "),
    "last-digit words and masks": _repeat("card ending xxxx-1234 not 5678 ssn "),
    "lone first names and joins": _repeat("Diego and Mateo y Gabriela & "),
    "capitals after vehicle words": _repeat("my car GO BUCKS towed BIG RED "),
    "dated names": _repeat("Aiyana (6/14/2017) and "),
    "units after capitalised words": _repeat("12 GRAND CONCOURSE APT 6D "),
    "county roads": _repeat("0 County Road 410 Box 4 "),
    "other scripts": _repeat("Ольга Смирнова 我叫王小明 "),
    "nicknames and family words": _repeat("Big Dre my neighbor April tío Memo "),
    "signatures of ordinary words": _repeat("it leaks. Baker Summer Holt. "),
    "brackets after data": _repeat("12 Elm St (Nizhoni) "),
    "households": _repeat("the Kings at 1 los Treviño "),
    "lower-case titles and openings": _repeat("ms. adebayo jt - T.J. from "),
    "saints between names": _repeat("Marie St. Fleur St. Casimir's "),
    "initials before any surname": _repeat("R. T. Green P. Rose "),
    "prefixed and spaced numbers": _repeat("A# 204118733 9 3 2 - 7 1 "),
    "models and vanity plates": _repeat("Mazda 3 BMW RUNFAST RAV4 "),
    "pets and place nouns": _repeat("cat named Coco el parque Benito "),
    "floors and states": _repeat("12 Vine St, segundo piso, Millbrook, Vermont 05401 "),
    "surnames written first": _repeat("Pham, Lan, Del Valle, Rigoberto. Li, "),
    "shouted openings and suffixes": _repeat("LE NGOC ANH here. Lionel Batiste Jr. "),
    "initials before particles": _repeat("G. Del Valle X. de la "),
    "plate words before verbs": _repeat("placas de atras, adelante dice FX 90318 "),
    "plates in lower case": _repeat("plate pe 25588 tag in 2019 "),
    "corners": _repeat("at Addison and Harlem, 71st & "),
    "civic buildings": _repeat("the senior center at 2102 W Ogden Ave "),
    "corrected birth dates": _repeat("DOB 3/12/1999 but its 12/3/1999 "),
    "provider handles and spoken local parts": _repeat("my gmail is a.b a punto b arroba "),
    "texted names": _repeat("my name hunter page its will again "),
    "addresses at a provider": _repeat("a.b at gmail c(dot)d(at)yahoo "),
}


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    pii.find("thanks, Maria Gonzalez 555-123-4567")


def _best_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.thread_time()
        pii.find(text)
        best = min(best, time.thread_time() - started)
    return best


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_longest_text_read_of_each_hostile_shape_takes_under_100_ms(text: str) -> None:
    assert len(text) == pii.MAX_READ_CHARS
    best = _best_seconds(text)
    assert best < LIMIT_SECONDS, f"{best * 1000:.0f} ms"


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_100_kb_of_each_hostile_shape_is_withheld_whole_in_under_100_ms(text: str) -> None:
    longer = (text * (100_000 // len(text) + 1))[:100_000]
    assert pii.find(longer) == [pii.Span(pii.PiiKind.WITHHELD, 0, 100_000)]
    assert _best_seconds(longer) < LIMIT_SECONDS


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_channel_message_of_each_hostile_shape_with_the_tagger_takes_under_100_ms(text: str) -> None:
    message = text[: tagger.MAX_TAGGED_CHARS]
    best = _best_seconds(message)
    assert best < LIMIT_SECONDS, f"{best * 1000:.0f} ms"
