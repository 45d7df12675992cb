"""Words as name detection sees them, and the fixed word lists that tell a person from a place."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.pii.gazetteer import fold

# Letters in bounded runs, so a long run is one token; an apostrophe or hyphen joins parts (O'Brien, Hye-jin).
# A word inside an e-mail address or user name ("Khalid_saleh@", "Haoran.zhou@") is no token.
_TOKEN = re.compile(r"(?<![\w@.])[^\W\d_]{1,30}(?:['’-][^\W\d_]{1,30}){0,2}(?![\w@]|\.\w)")

NOT_NAMES = frozenset(
    "a an the and or but from with at in on about calling writing here trying looking not so very just really "
    "still also sorry new having going getting to for my your our their this that it is was mr mrs ms miss mx dr "
    "sir madam i i'm im it's its he she her him his they them we us you who ok okay lol pls plz thx asap "
    "officer ofc det detective sgt sergeant deputy inspector judge pastor rev councilman councilwoman "
    "councilmember alderman alderwoman apt rm ste bldg fl mayor governor senator commissioner superintendent "
    # Greetings and farewells, which stand where names stand ("Hiya, ...", "ok thanks. Bye").
    "bye hi hello hey hiya thanks regards cheers salam bonjour hola saludos gracias ciao sup "
    "atte atentamente cordialmente sinceramente sincerely respectfully "
    # Contractions, card brands and car makes that the name lists hold ("I'd", "Amex", "Chevy").
    "i'd i'll i've amex visa chevy tesla kia don doña sr sra srta señor señora "
    # Labels of contact details, which stand right before the data as a name does ("Cel 617-...").
    "tel cel cell phone ph fax email correo whatsapp movil móvil celular telefono teléfono "
    # ... and of other data ("dob - 11/02/1990").
    "dob ssn addr acct plate plates placa placas tag "
    # Job titles, which follow a name in a signature ("Kwame Asante | Tenant Organizer").
    "organizer coordinator director manager assistant specialist president secretary treasurer chair chairperson "
    "volunteer advocate analyst consultant representative liaison administrator clerk captain lieutenant "
    "medicaid medicare passport "
    # Spanish words of birth, which stand between an e-mail and a date ("... y nací el 14/09/1951").
    "naci nacio nacido nacida".split()
)
MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
# Car makes and models the name lists hold ("Toyota Camry", "a grey Hyundai"); Ford, Lincoln and Mercedes are
# people too and are left out.
CAR_MAKES = frozenset(
    "honda toyota chevrolet nissan hyundai subaru mazda dodge jeep lexus audi benz buick chrysler cadillac acura "
    "infiniti volvo mitsubishi volkswagen porsche camry corolla accord altima prius silverado tahoe sienna odyssey "
    "civic malibu".split()
)
# Place words that are also frequent surnames: "Jennifer Park" is a person, "Lincoln Park" a place.
SURNAME_PLACES = frozenset("park hall field fields lane woods line".split())
# People many places are named after; "Lincoln Park" stays a place even where "Jennifer Park" is a person.
NAMESAKES = frozenset(
    "washington lincoln jefferson jackson grant franklin kennedy roosevelt madison monroe adams wilson king "
    "hyde central chavez douglass tubman parks carver garfield lafayette hamilton union liberty".split()
)
# States and large cities that are also first names: alone, they are the place ("visiting from Georgia").
PLACE_FIRST_NAMES = frozenset(
    "alabama alaska arizona arkansas california carolina colorado dakota florida georgia indiana kansas kentucky "
    "louisiana maine maryland montana nevada virginia washington wyoming texas tennessee utah vermont austin "
    "dallas houston phoenix denver orlando aurora savannah charlotte madison jackson cleveland memphis "
    "nashville tucson mesa raleigh omaha tulsa wichita fresno sacramento reno boise tacoma paris london "
    "santiago lima sofia florence victoria regina georgetown".split()
)
# Parts of a surname written in lower case or capitalised: "de la Cruz", "Van Der Berg", "bin Laden", "Ó Súilleabháin"
# (folded to "o").
PARTICLES = frozenset(
    "de del la las los van der den von da das do dos di du le bin ibn al el o ni mac nic ben bat bint ap ter zu".split()
)
PLACE_PREPOSITIONS = frozenset("on at near off along onto past across via of the".split())
# Before a first name and surname, or a name after a cue, only these mark a place: "on behalf of Irene Lo" and
# "the guardian of Ana Ruiz" are people, "on Maria Street" and "the Will Rogers park" are not.
STREET_PREPOSITIONS = frozenset("on at near off along onto past across via the".split())
# A run of capitalised words holding one of these names a place, a body, an event, a holiday or a business.
PLACE_WORDS = frozenset(
    "street st avenue ave av road rd boulevard blvd drive dr lane ln way court ct place pl plaza square sq "
    "parkway pkwy highway hwy bridge tunnel trail park parks garden gardens playground field fields pool beach "
    "woods forest preserve line "
    "lake river creek center centre hall library school elementary middle high academy college university "
    "institute hospital clinic church chapel temple mosque synagogue cemetery memorial museum stadium arena "
    "station terminal airport market mall tower building apartments homes village heights estates manor "
    "department dept office agency authority board bureau commission council committee services service "
    "administration division program fund foundation association society county city town district "
    "day eve week month holiday parade festival act law award prize scholarship jr sr pizza cafe restaurant deli "
    "bar grill store shop bakery salon pharmacy bank motors auto construction roofing plumbing inc llc co "
    "playfield avenida calle paseo statue monument mural baptist methodist lutheran catholic episcopal presbyterian pentecostal adventist".split()
)


@lru_cache(maxsize=16384)
def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[0].isupper():
        return "title"
    return "lower" if text.islower() else "other"


@lru_cache(maxsize=16384)
def _key(text: str) -> str:
    folded = text.lower() if text.isascii() else fold(text)
    return folded[:-2] if folded.endswith("'s") else folded


class Word(NamedTuple):
    """A word and where it is, its gazetteer key (folded, without a possessive "'s") and its shape: "title"
    (Maria, O'Brien), "upper" (MARIA), "lower" (maria) or "other" (iPhone). Key and shape are computed once per
    distinct word and stored, because name detection reads them many times per word."""

    text: str
    start: int
    end: int
    key: str
    shape: str
    capitalised: bool
    place: bool


@lru_cache(maxsize=16384)
def _describe(text: str) -> tuple[str, str, bool, bool]:
    key, shape = _key(text), _shape(text)
    return key, shape, shape in ("title", "upper"), key.rstrip(".") in PLACE_WORDS


def words_of(text: str) -> list[Word]:
    """The words of `text`; built with `tuple.__new__`, which skips the named tuple's argument handling (the
    cost that counts on 100 kB of words)."""
    build = tuple.__new__
    return [build(Word, (m.group(), *m.span(), *_describe(m.group()))) for m in _TOKEN.finditer(text)]


def adjacent(text: str, left: Word, right: Word) -> bool:
    """Whether two words sit next to each other in a name: one or two spaces, or an initial's full stop."""
    gap = text[left.end : right.start]
    return gap in (" ", "  ") or (len(left.text) == 1 and gap in (". ", "."))
