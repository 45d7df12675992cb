"""Redaction by policy and family (round 6): each case is written for this test, not taken from any corpus, and
stands for a family of phrasings; each family has look-alikes its rule must leave alone."""

from __future__ import annotations

import pytest

from bot.pii import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Initials before a surname, whatever the surname is: an ordinary word, a particle, capitals.
        ("Account holder: P. Rose", "Account holder: [NAME]"),
        ("please mail the form to R. T. Green at the office", "please mail the form to [NAME] at the office"),
        ("the contractor said B. van Houten would call", "the contractor said [NAME] would call"),
        ("MY NAME IS K. OYELARAN AND I NEED A RIDE", "MY NAME IS [NAME] AND I NEED A RIDE"),
        ("Signed, Darius Q. Bell", "Signed, [NAME]"),
        ("the bill is still in D. L. Moss's name", "the bill is still in [NAME] name"),
    ],
)
def test_initials_make_a_name_of_any_surname(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the W. Main St bridge is icy",
        "are the U.S. Army recruiting hours posted?",
        "the stop on E. Pine is closed",
        "the Cesar E. Chavez Park fountain is dry",
    ],
)
def test_initials_in_places_survive(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The last words of a message, set apart by a sentence's end: a signature, even of ordinary words.
        ("The hydrant on Ash Ave is leaking again. Carter", "The hydrant on Ash Ave is leaking again. [NAME]"),
        ("why is my permit still pending? Baker", "why is my permit still pending? [NAME]"),
        ("nobody came for the bulky pickup. Summer Holt", "nobody came for the bulky pickup. [NAME]"),
        ("trash cans blown all over the road. chase", "trash cans blown all over the road. [NAME]"),
        ("The sidewalk by the school is cracked. Zephyrine Oduya", "The sidewalk by the school is cracked. [NAME]"),
        ("the swings are broken! Marisol de la Vega", "the swings are broken! [NAME]"),
        ("dog barking all night. Hollis at 14 Quarry Rd", "dog barking all night. [NAME] at [ADDRESS]"),
        # Initials alone where a writer signs.
        ("streetlight out by the school. JW", "streetlight out by the school. [NAME]"),
        ("DJ here, the bus stop sign fell over", "[NAME] here, the bus stop sign fell over"),
        ("the crosswalk paint is gone - RB", "the crosswalk paint is gone - [NAME]"),
    ],
)
def test_signatures_are_names_whatever_their_words(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The pool is closed today. Why",
        "I paid it twice. Refund please",
        "Same problem as last week. Thanks",
        "can you check the drain? Urgent",
        "the bin was not emptied. Again",
        "It is flooding. Help!",
        "we pay taxes here. SMH",
        "is the library open on the 4th? TY",
        "the mower is loud. Every Sunday",
        "Resident here, is the pool open?",
        "New here - how do I get a bin?",
        "Nothing changed since I called. FYI",
        "How much is the permit? Thank you",
        "the park closes at dusk. Good to know",
        "Who fixes potholes on Birch Lane? Public Works?",
        "Please call the DPW. ASAP",
    ],
)
def test_closing_words_are_no_signature(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nicknames: "Big", "Lil", "Little" before a first name.
        ("Big Dre says the hydrant has been open since noon", "[NAME] says the hydrant has been open since noon"),
        ("tell lil marco the court closes at dusk", "tell [NAME] the court closes at dusk"),
        # Self-introductions: "it's X from", "X here".
        (
            "hey it's Cricket from Juniper Ct, the streetlight is out",
            "hey it's [NAME] from Juniper Ct, the streetlight is out",
        ),
        ("Moss here, the gutter on Tern St is clogged", "[NAME] here, the gutter on Tern St is clogged"),
        # After a family or neighbour word, a capitalised word is a name even if it is a month or ordinary word.
        ("my neighbor April keeps blocking the driveway", "my neighbor [NAME] keeps blocking the driveway"),
        ("mi tío Chucho no tiene luz desde ayer", "mi tío [NAME] no tiene luz desde ayer"),
        ("my grandma Pearl needs a ride to the clinic", "my grandma [NAME] needs a ride to the clinic"),
        # "St." between a first name and a surname.
        ("my aunt Marie St. Fleur lives alone", "my aunt [NAME] lives alone"),
        ("please ask Gerald St. Amand to call", "please ask [NAME] to call"),
        # Names in capitals after a plate word and a full stop.
        ("THE TRUCK HAD NO PLATE. MARCO DIAZ 312 555 0188", "THE TRUCK HAD NO PLATE. [NAME] [PHONE]"),
    ],
)
def test_names_by_structure(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "is the Big Lots on Route 9 open late?",
        "Little League signups are when?",
        "my neighbor in April said the pipe burst",
        "my neighbor Tuesday night blasted music",
        "it's Thursday again and no pickup",
        "is the Ward 5 meeting at St. Casimir's?",
        "are the lights on at Luis Aparicio Field tonight",
        "the pool at Ernesto Ramos Park is dirty",
        "I moved here from Eritrea last year",
        "soy de Honduras y necesito ayuda con la renta",
        "a grey Hyundai was parked there all week",
        "Hi! Can I pay the ticket online?",
        "We'd like a permit for a block party",
        "I'm renewing my parking permit",
        "I AM APPLYING FOR A PERMIT. NOBODY CALLED ME BACK",
        "we worship at Grace Lutheran on Sundays",
        "is martin luther king jr park open",
    ],
)
def test_places_verbs_and_words_survive(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Titles and roles stay outside the name.
        ("Fr. Tomasz Nowak asked for the permit", "Fr. [NAME] asked for the permit"),
        ("the field is booked by Coach Dana Whitley", "the field is booked by Coach [NAME]"),
        ("la vecina, Doña Rosario, se cayó", "la vecina, Doña [NAME], se cayó"),
        # Labels of contact details are no names.
        ("Su correo es lili.m@example.org", "Su correo es [EMAIL]"),
        ("cita para el lunes. Cel 617 442 9081", "cita para el lunes. Cel [PHONE]"),
    ],
)
def test_titles_and_labels_stay_outside_names(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Floors and slips as units, in English and Spanish.
        ("45 Orchard St, 3er piso", "[ADDRESS]"),
        ("vivo en 12 Vine St, segundo piso", "vivo en [ADDRESS]"),
        ("22 Ash St, second floor has no heat", "[ADDRESS] has no heat"),
        ("my boat is at 9 Dock Rd, Slip 14", "my boat is at [ADDRESS]"),
        # A state written out between the town and the ZIP code.
        ("send it to 77 Cedar Rd, Millbrook, Vermont 05401", "send it to [ADDRESS]"),
        ("send it to 77 cedar rd, millbrook, vermont 05401", "send it to [ADDRESS]"),
        # Street types outside the USPS list.
        ("the office at 2 Commercial Wharf floods", "the office at [ADDRESS] floods"),
        ("I live at 14 Kings Quay", "I live at [ADDRESS]"),
    ],
)
def test_address_grammar(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A letter prefix is part of the number.
        ("my alien number is A# 204118733", "my alien number is [ID]"),
        ("A-number: A 204-118-733", "A-number: [ID]"),
        ("benefits ID MHD 4471-0092 please check", "benefits ID [ID] please check"),
        ("WIC case WIC-NE-0044128 is closed", "WIC case [ID] is closed"),
        # A utility bill's number is an account.
        ("paying water bill 0038812277 today", "paying water bill [ID] today"),
        ("gas bill W441207, why so high", "gas bill [ID], why so high"),
        # A number right before a house number keeps its ID.
        ("acct no. 558120334 12 Birch Rd", "acct no. [ID] [ADDRESS]"),
        # Digits written one by one.
        ("my ITIN is 9 4 1 - 7 2 - 3 3 0 6", "my ITIN is [ID]"),
    ],
)
def test_identifiers_by_shape(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plates never take a phone number's digits, nor a model; IDs never take a phone's.
        ("SEE THE VAN? MY PHONE IS 401 775 2281", "SEE THE VAN? MY PHONE IS [PHONE]"),
        ("green card question. Paulo 1 (415) 882 0193", "green card question. [NAME] [PHONE]"),
        ("a red Mazda 6 8KLM221 hit the hydrant", "a red Mazda 6 [PLATE] hit the hydrant"),
        ("white Ford F-250 plate TRX 4410 on the lawn", "white Ford F-250 plate [PLATE] on the lawn"),
        # Vanity plates right after a make written in capitals.
        ("a silver BMW RUNFAST parked on the curb", "a silver BMW [PLATE] parked on the curb"),
        ("grey RAV4 LOLMOM blocks the ramp", "grey RAV4 [PLATE] blocks the ramp"),
        # A card number ends where its groups end.
        ("they charged 4111 1111 1111 1111 2 times", "they charged [CARD] 2 times"),
        # Dots spelled out in the local part of an e-mail.
        ("email is jo dot ann at yahoo dot com", "email is [EMAIL]"),
    ],
)
def test_numbers_keep_their_own_shape(text: str, expected: str) -> None:
    assert redact(text) == expected


# The families below were found in the tuning sets' misses and over-redaction after the rules above were
# written; their cases were written afterwards, so they document the rules rather than test them blind.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Households: a plural surname where a household stands, "los" before a surname, a name in brackets.
        ("the Foxes next door let their dog run loose", "the [NAME] next door let their dog run loose"),
        (
            "our neighbours the Bakers have a tree over the fence",
            "our neighbours the [NAME] have a tree over the fence",
        ),
        ("los Quintero de la esquina tiran basura", "los [NAME] de la esquina tiran basura"),
        ("the house at 40 Elm St (Odalys) has rats", "the house at [ADDRESS] ([NAME]) has rats"),
        ("call 617 555 0134 (Cell) after 5", "call [PHONE] (Cell) after 5"),
        # The word a message opens with, before a colon, a dash, "here" or "from".
        ("nadia: the bus stop sign is down", "[NAME]: the bus stop sign is down"),
        ("kb - the hydrant on Oak is leaking", "[NAME] - the hydrant on Oak is leaking"),
        ("Tater here, the streetlight is out", "[NAME] here, the streetlight is out"),
        ("R.K. from the corner store, the meter is broken", "[NAME] from the corner store, the meter is broken"),
        # Lower case: a title before a surname, a signature of a first name and surname.
        ("is ms. okafor still the caseworker?", "is ms. [NAME] still the caseworker?"),
        ("the crosswalk light is broken. imani okoro", "the crosswalk light is broken. [NAME]"),
        ("cant pay online. thuy le", "cant pay online. [NAME]"),
        # A name at the end of a fragment in capitals; Irish particles; a Spanish self-introduction.
        (
            "STREET LIGHT OUT ON MY BLOCK. ANGRY TAXPAYER FRANK OSEI",
            "STREET LIGHT OUT ON MY BLOCK. ANGRY TAXPAYER [NAME]",
        ),
        ("I'm Siobhán Ní Bhriain, new on Elm", "I'm [NAME], new on Elm"),
        ("les escribe Yesenia, la del puesto de flores", "les escribe [NAME], la del puesto de flores"),
        ("her name is Clementine I believe", "her name is [NAME] I believe"),
        ("my son Dante Jr. lost his bus pass", "my son [NAME] lost his bus pass"),  # a suffix goes with its name
        ("any update? April, 22 Fern Rd", "any update? [NAME], [ADDRESS]"),
        ("Dog's name is Tofu, owner is Ray Okafor", "Dog's name is Tofu, owner is [NAME]"),
        # Numbers: a benefits case, a plate code no unit may start.
        ("my SNAP case is 44-1290387, it was closed", "my SNAP case is [ID], it was closed"),
        ("lic # 72B-440 on the dump truck", "lic # [PLATE] on the dump truck"),
    ],
)
def test_households_openings_and_lower_case_names(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Greens were muddy after the rain",
        "note: the office is closed",
        "the dr. office is closed",
        "my case is 44-1290387 about the pothole",
        "lost dog named Pepper near Elm Park",
        "my cat Mr. Mittens got out",
        "¿El parque Rigoberta Menchú tiene baños?",
        "the fair is in town. June, July and August",
        "bulk pickup for ZIP 60624?",
        "my pole tag says ST-4410",
        "the dog's tag # is 18-2204",
        "hay un bache en Route 9 cerca de Elm Way",
        "Can Oregon residents apply?",
        "the Rosa Parks statue was tagged again",
    ],
)
def test_pets_places_and_city_numbers_survive(text: str) -> None:
    assert redact(text) == text
