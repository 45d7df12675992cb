"""Round 8 families (docs/adr/0010): shapes of writing that seven rounds of rules missed on unseen authors, and
shapes no author has written yet. Every case is written for this test (none taken from a corpus); each table
holds what must be redacted, and the look-alikes below must survive."""

from __future__ import annotations

import pytest

from bot.pii import redact

FAMILIES: dict[str, list[tuple[str, str]]] = {
    "birth_date_before_last_four": [
        # A date's year is never the last four of an SSN told just after it.
        (
            "checking on my renewal. Odette Marsh, born 4/19/2011, last 4 of ssn 5520.",
            "checking on my renewal. [NAME], born [DOB], last 4 of ssn [SSN].",
        ),
        ("dob 11-3-2012, last four of social 7781", "dob [DOB], last four of social [SSN]"),
        ("birthdate 6 August 1949, ssn last 4 3312", "birthdate [DOB], ssn last 4 [SSN]"),
        ("fecha de nacimiento 9/9/2013, últimos 4 del seguro 6610", "fecha de nacimiento [DOB], últimos 4 del seguro [SSN]"),
    ],
    "masked_numbers": [
        # A masked SSN or card is one item, mask and all.
        ("the form shows my ssn as xxx-xx-4471 is that right", "the form shows my ssn as [SSN] is that right"),
        ("SSN: XXX-XX-9023", "SSN: [SSN]"),
        ("my social ***-**-1180 was on the letter", "my social [SSN] was on the letter"),
        ("card XXXX-XXXX-XXXX-6604 was declined", "card [CARD] was declined"),
        ("charged to visa ************2297 twice", "charged to visa [CARD] twice"),
    ],
    "last_four_in_brackets": [
        # The last four of a card in brackets after the card word, or "at the end".
        ("my debit card (7720) got charged twice", "my debit card ([CARD]) got charged twice"),
        ("the visa (4409 at the end) was billed", "the visa ([CARD] at the end) was billed"),
        ("paid with my card, 6632 at the end, yesterday", "paid with my card, [CARD] at the end, yesterday"),
        ("my mastercard [ending 1145] is on file", "my mastercard [ending [CARD]] is on file"),
    ],
    "last_four_then_address": [
        # A last-four cue governs one number: a house number after it opens an address.
        (
            "ssn last 4 8812, 2240 W Maple Ave, Apt 3",
            "ssn last 4 [SSN], [ADDRESS]",
        ),
        ("last four of my social 4419, 77 Orchard Ln", "last four of my social [SSN], [ADDRESS]"),
    ],
    "streets_that_are_their_own_type": [
        # Streets whose name holds no usual street type: Broadway, a Concourse, an Esplanade.
        ("the light is out at 2210 Broadway, by the deli", "the light is out at [ADDRESS], by the deli"),
        ("I live at 915 W Broadway apt 2", "I live at [ADDRESS]"),
        ("my mom lives at 2480 Grand Concourse in the Bronx", "my mom lives at [ADDRESS] in the Bronx"),
        ("the store at 330 S Broadway got broken into", "the store at [ADDRESS] got broken into"),
        ("send it to 88 Riverside Esplanade please", "send it to [ADDRESS] please"),
    ],
    "plates_with_their_state": [
        # A state or province named before a plate, in brackets or not.
        ("a van with Oregon plates (Oregon 712 KZR) blocks the alley", "a van with Oregon plates (Oregon [PLATE]) blocks the alley"),
        ("my car is registered in Ontario (CBTR 118) and it was towed", "my car is registered in Ontario ([PLATE]) and it was towed"),
        ("a sedan from Texas, JXW4410, parks in the fire lane", "a sedan from Texas, [PLATE], parks in the fire lane"),
        ("the suv (Nevada 5KRT22) sits there all day", "the suv (Nevada [PLATE]) sits there all day"),
    ],
    "second_plate_in_a_list": [
        # A plate told after another: "old was", "the other one", "and".
        (
            "my new plate is 4RTY 118, the old one was 2KLM 904. please update",
            "my new plate is [PLATE], the old one was [PLATE]. please update",
        ),
        ("plates 8WQE 771 and 3HJK 220 both got tickets", "plates [PLATE] and [PLATE] both got tickets"),
        ("new tag LKP 4471, previous tag GHT 9920", "new tag [PLATE], previous tag [PLATE]"),
    ],
    "vanity_after_licence": [
        # A vanity plate in capitals after "license" or "tag".
        ("a white Tesla license GOFAST7 keeps speeding", "a white Tesla license [PLATE] keeps speeding"),
        ("red truck, tag LUVBUGZ, on the curb", "red truck, tag [PLATE], on the curb"),
        ("grey jeep licence plate 2COOL4U lol", "grey jeep licence plate [PLATE] lol"),
    ],
    "foreign_plate_shapes": [
        # Plate shapes of other countries and provinces near a plate word.
        ("plate is P72 KRW, a blue civic", "plate is [PLATE], a blue civic"),
        ("UK plate AB12 CDE on a rental", "UK plate [PLATE] on a rental"),
        ("placas de Jalisco JKL-44-12", "placas de Jalisco [PLATE]"),
    ],
    "name_after_a_role": [
        # A capitalised name right after a role noun: "my landlord Pete says".
        ("my landlord Rudy says the city must fix it", "my landlord [NAME] says the city must fix it"),
        ("our building super Sal told us to call you", "our building super [NAME] told us to call you"),
        ("the property manager Dawn never answers", "the property manager [NAME] never answers"),
        ("my caseworker Joy Pruitt said to write here", "my caseworker [NAME] said to write here"),
    ],
    "name_told_then_he_or_she": [
        # A listed first name set off by a comma before "he" or "she": a person described next.
        (
            "thanks to the park crew, especially Dominic, he fixed the gate",
            "thanks to the park crew, especially [NAME], he fixed the gate",
        ),
        ("shout out to Lorena, she was so kind at the desk", "shout out to [NAME], she was so kind at the desk"),
        ("the inspector, Gustavo, he came on Monday", "the inspector, [NAME], he came on Monday"),
    ],
    "nickname_inside_a_name": [
        # A nickname in quotes between given name and surname.
        ('Signed, Roberto "Beto" Salinas', "Signed, [NAME]"),
        ("the tenant is Margaret 'Peggy' Olson upstairs", "the tenant is [NAME] upstairs"),
        ('mail it to Anastasia "Stacy" Petrov.', "mail it to [NAME]."),
    ],
    "particles_of_other_languages": [
        # Lower-case particles inside names: ben, bin, ibn, bat, ap, ter, zu.
        ("please call Yosef ben Ami at 312-555-0187", "please call [NAME] at [PHONE]"),
        ("my neighbor Khalid bin Rashid has the key", "my neighbor [NAME] has the key"),
        ("written by Leah bat Sarah for her father", "written by [NAME] for her father"),
        ("owner Rhys ap Gwilym, 14 Quarry Rd", "owner [NAME], [ADDRESS]"),
    ],
    "rank_and_retired_titles": [
        # A rank, "(ret.)" and a given name that is also a title.
        ("someone should check the bridge. Lt. (ret.) Don Abernathy", "someone should check the bridge. Lt. (ret.) [NAME]"),
        ("signed Capt. (Ret.) Gus Whitfield", "signed Capt. (Ret.) [NAME]"),
        ("the hydrant is dry. Col. Don Merriweather", "the hydrant is dry. Col. [NAME]"),
    ],
    "signature_of_ordinary_words": [
        # Two capitalised words that end a message after a sentence or a comma: a signature, even when both are
        # ordinary words, when one of them is a listed name.
        ("Do I need a permit for a yard sale at 12 Pine Ct. Summer Brooks", "Do I need a permit for a yard sale at [ADDRESS] [NAME]"),
        ("please send the form to my email fern.w@example.org. Sky Holloway", "please send the form to my email [EMAIL]. [NAME]"),
        ("my dl is D4410-22913, Rusty Cobb", "my dl is [ID], [NAME]"),
        ("when is bulk pickup on my street? Misty Harlan", "when is bulk pickup on my street? [NAME]"),
        ("the ssn ends in 4410. Sunny Castellanos", "the ssn ends in [SSN]. [NAME]"),
    ],
    "lower_case_introductions": [
        ("hi this is tamika ford, my bin was not emptied", "hi this is [NAME], my bin was not emptied"),
        ("im raul mendez and i need a permit", "im [NAME] and i need a permit"),
    ],
    "job_title_signatures": [
        (
            "Please confirm the inspection date.\n\nOlusegun Adeyemi\nProperty Manager, Lakeview Homes",
            "Please confirm the inspection date.\n\n[NAME]\nProperty Manager, Lakeview Homes",
        ),
        (
            "Thanks,\nPriyanka Raghunathan | Tenant Organizer",
            "Thanks,\n[NAME] | Tenant Organizer",
        ),
    ],
    "birth_dates_in_words": [
        ("she was born the fourth of May, 1961", "she was born [DOB]"),
        ("date of birth: the 3rd of March 1990", "date of birth: [DOB]"),
        ("my dob is March third, 1987", "my dob is [DOB]"),
        ("born on the twenty-first of June 1975", "born on [DOB]"),
    ],
    "ids_of_other_programs": [
        ("my Medicaid ID is 88412093F", "my Medicaid ID is [ID]"),
        # An ITIN has an SSN's shape and is redacted as one.
        ("ITIN 912-78-4410 for my taxes", "ITIN [SSN] for my taxes"),
        ("student ID S00482291 for the bus pass", "student ID [ID] for the bus pass"),
        ("medicaid # QX44192207 for my son", "medicaid # [ID] for my son"),
    ],
    "card_numbers_over_lines": [
        ("card number 4532 0151\n1283 0366 for the fee", "card number [CARD] for the fee"),
    ],
    "addresses_of_other_shapes": [
        ("the leak is at 418 1/2 Oak St", "the leak is at [ADDRESS]"),
        ("I live at 2200 Elm St, Apt. B-12", "I live at [ADDRESS]"),
        ("mail goes to RR 2 Box 41, Hollins", "mail goes to [ADDRESS]"),
        ("my place is 4410 Rural Route 3", "my place is [ADDRESS]"),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{family}-{n}")
        for family, cases in FAMILIES.items()
        for n, (text, expected) in enumerate(cases)
    ],
)
def test_round_eight_families_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


LOOK_ALIKES = [
    # Dates, years and amounts near last-four words, roles and plates that look like data.
    "the 2019 report, last 4 pages are missing",
    "my landlord says the city must fix it",
    "thanks to the crew, especially the driver, he was great",
    "the Broadway bus stop moved to 5th",
    "is the Grand Concourse parade on Sunday?",
    "the building manager said the hydrant is fine",
    "the plates expire in 2026 and the old ones in 2024",
    "Happy Holidays to the sanitation team. Merry Christmas",
    "the bridge is closed until further notice. Thank You",
    "the 3rd of March is when the market opens",
    "is Rural Route 3 plowed yet?",
    "the Medicaid office hours changed?",
    "the ferry from Sao Paulo Ave is late",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_round_eight_look_alikes_are_left_whole(text: str) -> None:
    assert redact(text) == text
