"""Round 7 families (docs/adr/0010): how residents write data in forms, lists and texts, with cases written for
these tests (none taken from a corpus). Each table holds what must be redacted and what must survive."""

from __future__ import annotations

import pytest

from bot.pii import redact

# Each family's cases: what a resident writes, and what must be stored.
FAMILIES: dict[str, list[tuple[str, str]]] = {
    "plates_as_typed": [
        # Plates typed in lower case after a plate word, two or three letters then the digits.
        ("the plate is wr 40718, a white camry", "the plate is [PLATE], a white camry"),
        ("tag kzm 2290 on a gray van", "tag [PLATE] on a gray van"),
        # ... but a plate word before a preposition and a year or count is no plate.
        ("my plates expire in 2026, can I renew online?", "my plates expire in 2026, can I renew online?"),
        ("tags due 2025 but the DMV is closed", "tags due 2025 but the DMV is closed"),
        # After a plate word and a few words, a verb that introduces what is written, in English or Spanish.
        ("le quitaron las placas y eran TB 55120", "le quitaron las placas y eran [PLATE]"),
        ("the plates on that truck were KQ 31174", "the plates on that truck were [PLATE]"),
        ("la placa de enfrente dice RJ 60411", "la placa de enfrente dice [PLATE]"),
        # A state's name in lower case before the plate.
        ("plate: ohio 4471 KR, parked on the grass", "plate: ohio [PLATE], parked on the grass"),
        # A vanity plate in quotes.
        ('his tag says "GR8 DAD" on the back', 'his tag says "[PLATE]" on the back'),
        # Plate shapes near a word for parking or leaving a car.
        ("NBR 3310 has been parked across my driveway all week", "[PLATE] has been parked across my driveway all week"),
        # Illinois's two letters and five digits near a vehicle word; a state's code before a ZIP code is no plate.
        ("an old pickup, BK 72019, dumps trash in the alley", "an old pickup, [PLATE], dumps trash in the alley"),
        ("the van is always near Joliet IL 60435 on weekends", "the van is always near Joliet IL 60435 on weekends"),
    ],
    "last_digits_told_loosely": [
        # The last four told in the past tense, or a sentence after the card word.
        ("my debit card was stolen, it ended in 3307", "my debit card was stolen, it ended in [CARD]"),
        (
            "they asked for the last four of my visa so they could look it up. it's 8814",
            "they asked for the last four of my visa so they could look it up. it's [CARD]",
        ),
        # "last4" written as one word, one "x" as the mask.
        ("card last4: 7002", "card last4: [CARD]"),
        ("the refund should go to card x5561", "the refund should go to card x[CARD]"),
        # "end in" too, unless a year follows; "ss number" is an SSN word.
        ("paid with my debit, the digits end in 6610", "paid with my debit, the digits end in [CARD]"),
        ("the bus card discount will end in 2027", "the bus card discount will end in 2027"),
        ("my ss number ends with 3395", "my ss number ends with [SSN]"),
        # Four digits called the last four in brackets: the nearer card or SSN word decides the kind.
        ("the social security form, I wrote 2275 (last 4)", "the social security form, I wrote [SSN] (last 4)"),
        ("my card? 6120 (the last four)", "my card? [CARD] (the last four)"),
    ],
    "birth_dates_corrected_and_listed": [
        # A second date right after a birth date corrects it; a date in another sentence is another date.
        ("my DOB shows 2/9/1977 but it should be 9/2/1977", "my DOB shows [DOB] but it should be [DOB]"),
        ("born 03-04-1960 not 04-03-1960, please fix", "born [DOB] not [DOB], please fix"),
        # Spanish dates of birth with a two-digit year.
        ("naci el 9 de octubre del 68", "naci [DOB]"),
        ("nombre completo y nacimiento: Ana Prieto, 8/8/1988", "nombre completo y nacimiento: [NAME], [DOB]"),
        ("fecha de nacimiento: 30 de abril 91", "fecha de nacimiento: [DOB]"),
        ("her dob is 7 9 1951", "her dob is [DOB]"),
        # A first name that is an ordinary word, dated in a list.
        ("for lunch: Faith (4/2/2015), Journey (9/9/2017)", "for lunch: [NAME] ([DOB]), [NAME] ([DOB])"),
        ("the Hearing (5/20/2026) was moved", "the Hearing (5/20/2026) was moved"),
        # Other ways to write a birth date: a year with an apostrophe, a month in letters between digits, a month
        # and a year; a month and year after a name alone is no birth date.
        ("DOB Oct. 12, '58", "DOB [DOB]"),
        ("date of birth 12-Oct-1958", "date of birth [DOB]"),
        ("she was born in October 1958", "she was born in [DOB]"),
        ("Lena Vogt, May 2024 was when I applied", "[NAME], May 2024 was when I applied"),
    ],
    "spoken_email_local_parts": [
        # An e-mail address read out, its local part joined by "punto", "dot" or "underscore".
        ("mi correo: ana punto belen arroba hotmail punto com", "mi correo: [EMAIL]"),
        ("email me at jay underscore kim at gmail dot com", "email me at [EMAIL]"),
        ("meet me at the library dot", "meet me at the library dot"),
        # A bracketed "dot" inside the local part; a country's domain; an address at a webmail provider left
        # without its domain's end; someone "at yahoo" is no address.
        ("email: lu(dot)chen(at)gmail(dot)com", "email: [EMAIL]"),
        ("mi correo es paty.r arroba yahoo.es", "mi correo es [EMAIL]"),
        ("write me, omar.f@hotmail", "write me, [EMAIL]"),
        ("reach me at omarf88 (at) gmail", "reach me at [EMAIL]"),
        ("someone at yahoo told me to write here", "someone at yahoo told me to write here"),
        # An address given by its provider alone.
        ("my gmail is tomas.r1990, write there", "my gmail is [EMAIL], write there"),
        ("my yahoo is down again", "my yahoo is down again"),
    ],
    "city_numbers_are_no_phones": [
        # The city's own numbers after a notice or ticket word, in English and Spanish, are no phone number.
        ("the notice # 8823019922 says I owe $90", "the notice # 8823019922 says I owe $90"),
        ("la boleta es 5512093381 y ya la pagué", "la boleta es 5512093381 y ya la pagué"),
        ("mi multa número 6630021947", "mi multa número 6630021947"),
        # A sentence's end after such a word is no cue: the number after it is a phone.
        ("I got an eviction notice. 708-555-0139", "I got an eviction notice. [PHONE]"),
        # The city's prefix is part of its number.
        ("any news on SR26-00418812?", "any news on SR26-00418812?"),
        # A grouping no calendar holds is no date; a letter after the last group belongs to the number.
        ("state id # 31-40-2271", "state id # [ID]"),
        ("medicaid id 5520-10394-C", "medicaid id [ID]"),
        ("the id expires 04/30/2027", "the id expires 04/30/2027"),
        # Nine digits read out one by one are a social security number.
        ("my social is four one one, two two, six zero nine eight", "my social is [SSN]"),
    ],
    "public_and_private_addresses": [
        # A civic building's address, asked about, identifies no one.
        ("is the police station at 1718 S State St open?", "is the police station at 1718 S State St open?"),
        ("does the senior center at 3160 N Milwaukee Ave open", "does the senior center at 3160 N Milwaukee Ave open"),
        ("la biblioteca en 2708 S Pulaski Rd abre el sábado?", "la biblioteca en 2708 S Pulaski Rd abre el sábado?"),
        # A home, a building of unknown use or a possessive keeps the address.
        ("my mom's center at 410 W Elm St called", "my mom's center at [ADDRESS] called"),
        ("the building at 5511 N Winthrop Ave has no heat", "the building at [ADDRESS] has no heat"),
        ("I live at 6120 S Ingleside Ave", "I live at [ADDRESS]"),
        # A home typed in lower case after its cue, closed by punctuation or a unit; not a sentence going on.
        ("i live at 2207 w. farwell, 1st floor", "i live at [ADDRESS]"),
        ("my address is 65 east chestnut.", "my address is [ADDRESS]."),
        ("the house at 12 elm has like 9 dogs", "the house at 12 elm has like 9 dogs"),
        ("my uncle lives 5120 w. cornelia, 2nd floor", "my uncle lives [ADDRESS]"),
        ("we live 3 blocks from the school", "we live 3 blocks from the school"),
        # A grid address after "for" ("the bill for ...").
        ("the bill for 2716 N Sawyer is wrong", "the bill for [ADDRESS] is wrong"),
        # A grid address whose name ends in a place word, then a direction.
        ("our unit is at 1930 W Humboldt Park N, 2nd fl", "our unit is at [ADDRESS]"),
        # A street written first after an English address is no street: a name follows it.
        ("fix the light at 4410 S Lowe Ave. Tomasz Nowicki 872-555-0147", "fix the light at [ADDRESS] [NAME] [PHONE]"),
    ],
    "names_as_forms_and_texts_write_them": [
        # Surname first, set off by a comma, as forms and rosters write it.
        ("please update the file. Okonkwo, Chidi, 2201 W Touhy Ave", "please update the file. [NAME], [ADDRESS]"),
        ("my father Reyes, Tomas (born 2/2/1944) needs a ride", "my father [NAME] (born [DOB]) needs a ride"),
        ("still no refund. De la Rosa, Mariana", "still no refund. [NAME]"),
        ("Patient: OKAFOR, JOY N. DOB 1/2/1950", "Patient: [NAME] DOB [DOB]"),
        ("Nizhoni Yazzie, HC 63 Box 118, needs a ride", "[NAME], [ADDRESS], needs a ride"),
        # A name's first word opening the sentence before the rest: short surnames, shouted names.
        ("the alley is flooded. Vu Thanh Hai (773) 555-0166", "the alley is flooded. [NAME] [PHONE]"),
        ("DARNELL HOOKS here, my bin is missing", "[NAME] here, my bin is missing"),
        # ... but a sentence's verb before a name is no name.
        ("the form is ready. Can Priya call me?", "the form is ready. Can [NAME] call me?"),
        # A Spanish closing before a signature is no part of it.
        ("gracias por todo. Atte. Noemí Barrientos", "gracias por todo. Atte. [NAME]"),
        # A name after a cue ends at its possessive; ranks and kin titles stay outside the name.
        ("Hello, I'm Rosa Pineda's case manager", "Hello, I'm [NAME] case manager"),
        ("Cpl. Andre Whitlock, stationed overseas", "Cpl. [NAME], stationed overseas"),
        ("Uncle Desmond from the block club", "Uncle [NAME] from the block club"),
        # A plate word opening a sentence is no name.
        ("me siguen llegando cartas. Placa GTR 4410.", "me siguen llegando cartas. Placa [PLATE]."),
        # A one-digit count after a comma is no phone number a name would stand before.
        ("ayuda con la cuenta, tengo 2 recibos iguales", "ayuda con la cuenta, tengo 2 recibos iguales"),
        # A state or country in brackets after a number says where the number is from.
        ("my passport is G48812290 (Mexico)", "my passport is [ID] (Mexico)"),
        ("plate # RTW-4410 (Indiana) blocks the alley", "plate # [PLATE] (Indiana) blocks the alley"),
        # A label of other data is no name where a writer opens.
        ("dob - 4/4/1979, need a senior pass", "dob - [DOB], need a senior pass"),
        # Two given names before a surname, whatever stands before them; not a street after "on".
        ("I'm writing for the son of Ana Lucia Ferraz", "I'm writing for the son of [NAME]"),
        # Initials before a particle surname.
        ("please call my aunt R. De La Torre about it", "please call my aunt [NAME] about it"),
        ("I am J. van der Meer, owner of the lot", "I am [NAME], owner of the lot"),
        # A generational suffix at a signature goes with its name; a street's stays with the street.
        ("DOB 6/6/1961. Curtis Mayfield Sr.", "DOB [DOB]. [NAME]"),
        ("is the office on Martin Luther King Jr. Dr open", "is the office on Martin Luther King Jr. Dr open"),
        # Texted introductions without "is".
        ("my name bella santos, the bin is broken", "my name [NAME], the bin is broken"),
        ("my name will be on the lease", "my name will be on the lease"),
        ("hey its joy again, any update on the tree?", "hey its [NAME] again, any update on the tree?"),
        ("its cold again in the building", "its cold again in the building"),
        ("put the account in my name, Carol Temple please", "put the account in my name, [NAME] please"),
    ],
}
CASES = [(family, text, expected) for family, cases in FAMILIES.items() for text, expected in cases]


@pytest.mark.parametrize(
    ("family", "text", "expected"), CASES, ids=[f"{family}-{n}" for n, (family, _, _) in enumerate(CASES)]
)
def test_each_family_is_redacted_as_written(family: str, text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Dates, offices, corners, cars, woods and transit lines that look like names.
        "the leaf pickup ends Nov 20, right?",
        "Is the Governor's office in the Thompson Center?",
        "the light at Cermak and Kedzie, is it broken again?",
        "a red Nissan Altima keeps parking on the sidewalk",
        "a grey Mercedes wagon blocks the hydrant",
        "are dogs allowed in Schiller Woods?",
        "when is the Red Line Wilson stop reopening?",
    ],
)
def test_look_alikes_survive(text: str) -> None:
    assert redact(text) == text
