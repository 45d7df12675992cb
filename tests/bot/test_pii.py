from __future__ import annotations

import io

import pytest

from bot.cli import main
from bot.pii import redact
from bot.references import new_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to john.doe@example.org please", "write to [EMAIL] please"),
        ("call 555-123-4567", "call [PHONE]"),
        ("call (555) 123 4567", "call [PHONE]"),
        ("call +1 555 123 4567", "call [PHONE]"),
        ("call 555.123.4567 or 5551234567", "call [PHONE] or [PHONE]"),
        ("my ssn is 123-45-6789", "my ssn is [SSN]"),
        ("social security number 123456789", "social security number [SSN]"),
        ("card 4111 1111 1111 1111 exp soon", "card [CARD] exp soon"),
        ("card 4111-1111-1111-1111", "card [CARD]"),
        ("amex 378282246310005", "amex [CARD]"),
        ("I live at 1234 Elm Street Apt 4B", "I live at [ADDRESS]"),
        ("leak at 56 W 3rd Ave near the school", "leak at [ADDRESS] near the school"),
        ("DOB 03/14/1985", "DOB [DOB]"),
        ("I was born March 14, 1985", "I was born [DOB]"),
        ("my name is Maria Gonzalez", "my name is [NAME]"),
        ("hi this is Pat from the school", "hi this is [NAME] from the school"),
    ],
)
def test_personal_data_is_replaced_by_its_kind(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call me at 240/665-3866 pls", "call me at [PHONE] pls"),
        ("my uk mobile is +44 20 7946 0958", "my uk mobile is [PHONE]"),
        ("cell (301)5550182 after 5", "cell [PHONE] after 5"),
        ("office 555-123-4567 ext. 12", "office [PHONE] ext. 12"),
        ("+52 1 33 9430 4864 is my mexican number", "[PHONE] is my mexican number"),
        ("reach me at zed.okafor (at) mail (dot) com", "reach me at [EMAIL]"),
        ("hi it's Maria Gonzalez, the heat is out", "hi it's [NAME], the heat is out"),
        ("thanks, Jamal Brown", "thanks, [NAME]"),
        ("Olga Lin here, is the pool open?", "[NAME] here, is the pool open?"),
        ("the light is out again. pls fix. Tyrone", "the light is out again. pls fix. [NAME]"),
        ("landlord is Mrs. Feldstein and she won't answer", "landlord is Mrs. [NAME] and she won't answer"),
        ("Mi nombre es José de la Cruz, vivo aquí", "Mi nombre es [NAME], vivo aquí"),
        ("i'm in apt 4B and unit 212 has no heat either", "i'm in [ADDRESS] and [ADDRESS] has no heat either"),
        ("leak at 88 Birch Rd, 2nd fl, Eastgate 48214", "leak at [ADDRESS]"),
        ("send it to PO Box 1123, Harborview 48207", "send it to [ADDRESS]"),
        ("blue Chevy Malibu 6TVX733 blocking the alley", "blue Chevy Malibu [PLATE] blocking the alley"),
        ("plates HVN-6759 & 5BFA579 double parked", "plates [PLATE] & [PLATE] double parked"),
        ("lic plate is 7XYZ123", "lic plate is [PLATE]"),
        ("DL# S52 460 2556, passport C87356829", "DL# [ID], passport [ID]"),
        ("water acct no. 34463-87099 is wrong", "water acct no. [ID] is wrong"),
        ("visa ending in 5867 was charged twice", "visa ending in [CARD] was charged twice"),
        ("last 4 of my social is 2179", "last 4 of my social is [SSN]"),
        ("nací el 16-10-1992", "nací el [DOB]"),
        ("call me back 0033 6 12 34 56 78", "call me back [PHONE]"),
        ("this is mrs delacroix, i called yesterday", "this is mrs [NAME], i called yesterday"),
        ("pls tell Officer Daniels the car is back", "pls tell Officer [NAME] the car is back"),
        ("I live at 4521 N. Kedzie, 2nd floor", "I live at [ADDRESS]"),
        ("SSN ***-**-1234 on file", "SSN [SSN] on file"),
        ("ROSA PEÑA 7388 PARK ST", "[NAME] [ADDRESS]"),
        ("yo its jaylen, bus 22 skipped my stop", "yo its [NAME], bus 22 skipped my stop"),
        ("regards - Tom", "regards - [NAME]"),
        ("Please reply to Jean-Baptiste at this number", "Please reply to [NAME] at this number"),
        ("my case number is 2025-118832, any update?", "my case number is 2025-118832, any update?"),
        ("my drivers license number: F255-921-50-094-0", "my drivers license number: [ID]"),
        ("ITIN 912-70-1234", "ITIN [SSN]"),  # an SSN's shape: any 3-2-4 grouping is redacted as one
        ("last four of my card are 4242, cvv 123", "last four of my card are [CARD], cvv [CARD]"),
        ("born in 1985 in Lagos", "born in [DOB] in Lagos"),
    ],
)
def test_real_phrasing_is_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pickup was missed on 03/14/2025",
        "the fine is $1,250.00 and due at 7:30pm",
        "bus route 12 runs every 20 minutes",
        "pothole at Elm Street and 3rd",
        "I'm calling about my trash",
        "this is ridiculous, 3 cars hit it",
        "pothole on Martin Luther King Jr Blvd near Washington Ave",
        "is trash pickup delayed for Columbus Day?",
        "the pool at Lincoln Park is closed",
        "who runs Harriet Tubman Elementary after school care?",
        "Public Works said case 2024-001234 is still open",
        "Will the Young St bridge be painted this summer?",
        "my car got a ticket for $60 during street cleaning",
        "when is bulk pickup for zone 4",
        "can i park on the street overnight on Christmas Eve?",
        "un carro sin placas lleva un mes en la calle",
        "I WILL BE HOME AFTER 5",
        "Does the Rosa Parks Transit Center have a lost and found?",
        "Officer Down memorial plaque is missing",
        "Where's the voter registration office? City Hall room 104?",
    ],
)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_case_references_are_redacted() -> None:
    reference = new_reference()
    assert redact(f"status of {reference.lower()}?") == "status of [CASE_REF]?"


def test_redact_command_cleans_each_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("call 555-123-4567\nnothing here\nmail a@b.example"))
    assert main(["redact"]) == 0
    assert capsys.readouterr().out == "call [PHONE]\nnothing here\nmail [EMAIL]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names told by where they stand: at the end, between other data, before a bar or "here".
        ("streetlight out again on my block. -- Wanbli Yellowhawk", "streetlight out again on my block. -- [NAME]"),
        ("need rent help. Kwame Mensah | 212 555 0188", "need rent help. [NAME] | [PHONE]"),
        ("sink hole by 4410 Birch Ln ray 505-555-0143", "sink hole by [ADDRESS] [NAME] [PHONE]"),
        ("ok the bin is fixed now, thank you. Bill", "ok the bin is fixed now, thank you. [NAME]"),
        ("Saludos, Xochitl", "Saludos, [NAME]"),
        ("oluwaseun adeyemi here, the alley light is out", "[NAME] here, the alley light is out"),
        ("my name tanvir rahman, the bus skipped my stop", "my name [NAME], the bus skipped my stop"),
        ("his name was Arlo and he took my bike", "his name was [NAME] and he took my bike"),
        ("the Okonkwos next door lost power too", "the [NAME] next door lost power too"),
        ("the Whitcombe family moved out last week", "the [NAME] family moved out last week"),
        ("Sincerely, THE OKAFOR FAMILY", "Sincerely, THE [NAME] FAMILY"),
        ("Ms. Okafor-Bright never called me back", "Ms. [NAME] never called me back"),
        ("ask for Mr. de la Fuente at the desk", "ask for Mr. [NAME] at the desk"),
        ("thanks, Siobhan O'Donovan", "thanks, [NAME]"),
        ("the gate is broken again - Darnell W.", "the gate is broken again - [NAME]."),
        ("my landlord Harold Quackenbush won't fix it", "my landlord [NAME] won't fix it"),
        ("Winona Little Thunder | 605 555 0183", "[NAME] | [PHONE]"),
        ("ask for Deshawn or Tricia at the desk", "ask for [NAME] or [NAME] at the desk"),
        ("my ex Kevin keeps parking in my spot", "my ex [NAME] keeps parking in my spot"),
        ("Rosa Parks Library, 312 555 0100", "Rosa Parks Library, [PHONE]"),
        # Numbers after their cue, however it is worded.
        ("my SSN ends in 4521, can you check", "my SSN ends in [SSN], can you check"),
        ("social security last four digits 8830", "social security last four digits [SSN]"),
        ("the last 4 are 2299 (ssn) if needed", "the last 4 are [SSN] (ssn) if needed"),
        ("My SS# 321549876 is on the form", "My SS# [SSN] is on the form"),
        ("my debit card 5521 got charged twice", "my debit card [CARD] got charged twice"),
        ("the last 4 digits on my visa are 1188", "the last 4 digits on my visa are [CARD]"),
        ("asked for my card, I read them 6613 as the last 4", "asked for my card, I read them [CARD] as the last 4"),
        ("A-number A087654321 for the renewal", "A-number [ID] for the renewal"),
        ("my learner's permit 84455102 expired", "my learner's permit [ID] expired"),
        ("library card no. 21234009876543", "library card no. [ID]"),
        ("WA DL WDLABC123XY please update", "WA DL [ID] please update"),
        ("my case # for SNAP benefits is 4471902", "my case # for SNAP benefits is [ID]"),
        ("ending in 4455 on my mastercard", "ending in [CARD] on my mastercard"),
        ("amex ending 31005", "amex ending [CARD]"),
        # Plates after a phrase, streets written the Spanish way, towns that are people.
        ("the plate on the ticket is KTX 4410 but not mine", "the plate on the ticket is [PLATE] but not mine"),
        ("hay basura en 415 Avenida Central desde el lunes", "hay basura en [ADDRESS] desde el lunes"),
        ("mi casa: Calle Ocho 1520, apt 2", "mi casa: [ADDRESS]"),
        ("se mojó el apartamento 4B otra vez", "se mojó el [ADDRESS] otra vez"),
        ("the house at 2250 W Fullerton has no heat", "the house at [ADDRESS] has no heat"),
        ("my address 6120 Kenmore, 3rd floor", "my address [ADDRESS]"),
        ("mi dirección es Av. Reforma 880", "mi dirección es [ADDRESS]"),
        ("the lady at 12 Elm St, Ingrid Solberg, needs a ride", "the lady at [ADDRESS], [NAME], needs a ride"),
        ("deliver to 77 Elm Street 60614 or call 773-555-0101", "deliver to [ADDRESS] or call [PHONE]"),
    ],
)
def test_classes_missed_by_the_first_round_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "When is the next council meeting? Thanks!",
        "Is City Hall open Friday? Help",
        "ok thanks. Bye",
        "pothole on Oak St, pretty bad",
        "sidewalk cracked near Jefferson Elementary. Urgent",
        "Where do I find the agenda for the Parks Board meeting?",
        "Trash day moved for Thanksgiving? - resident",
        "Is there parking near the Jackson Street garage | free?",
        "Love this city!! - a neighbor",
        "Missed recycling at the corner of Maple Dr. Bin was out",
        "street sweeping here today?",
        "my case number is 2025-118832, any update?",
        "I got a ticket though I had a valid permit. Plate shown was wrong",
        "pothole on calle Maple near the school",
        "Is Mayor Johnson holding a town hall?",
        "take the 147 N Sheridan bus downtown",
        "THE PARK FAMILY FUN RUN is on Saturday",
    ],
)
def test_new_rules_leave_look_alikes_alone(text: str) -> None:
    assert redact(text) == text


# Third round: families of phrasing, each case written for the family, none taken from a development set.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plates of every US shape after a plate cue; a state code before the plate is no part of it.
        ("tag QR 55120 expired", "tag [PLATE] expired"),
        ("plates read KLM-4402, gray sedan", "plates read [PLATE], gray sedan"),
        ("placa MXA-310-C de Sonora", "placa [PLATE] de Sonora"),
        ("placas de Arizona TRW-1204 en la calle", "placas de Arizona [PLATE] en la calle"),
        ("2012 Civic OR KPL4471 in my spot", "2012 Civic OR [PLATE] in my spot"),
        ("vanity plate ZOOMZM on the red car", "vanity plate [PLATE] on the red car"),
        ("GOFSTR is the tag on that truck", "[PLATE] is the tag on that truck"),
        # Addresses: USPS suffixes, fractions, routes and unit spellings.
        ("fence down at 88 Heron Trace", "fence down at [ADDRESS]"),
        ("bins missed at 19 Fox Hollow Loop, Fl 3rd", "bins missed at [ADDRESS]"),
        ("the owner of 220 1/2 Pecan Row, upstairs is away", "the owner of [ADDRESS] is away"),
        ("mail goes to RR 4 Box 211 now", "mail goes to [ADDRESS] now"),
        ("our lot is 7 Rural Route 9", "our lot is [ADDRESS]"),
        ("HC 61 Box 8 has no water", "[ADDRESS] has no water"),
        ("manager for 40 Quarry Rd, Units 2-14", "manager for [ADDRESS]"),
        ("vivo en 31 Aspen Ct apto 7", "vivo en [ADDRESS]"),
        # Names with initials.
        ("regards, M.T. Okonkwo", "regards, [NAME]"),
        ("my landlord P.J. de Vries never answers", "my landlord [NAME] never answers"),
        # A first name after a kinship or neighbour word, in English or Spanish.
        ("mi vecina Yolanda no tiene luz", "mi vecina [NAME] no tiene luz"),
        ("my nephew Dario lost his bus pass", "my nephew [NAME] lost his bus pass"),
        # Card and SSN last four in any order and in Spanish; masked cards.
        ("the last 4 of the card they charged were 8812", "the last 4 of the card they charged were [CARD]"),
        ("mi tarjeta que termina en 4471 fue rechazada", "mi tarjeta que termina en [CARD] fue rechazada"),
        ("charged on ****-****-****-9021 twice", "charged on [CARD] twice"),
        ("mi seguro social termina en 3108", "mi seguro social termina en [SSN]"),
        # IDs after cues naming a personal number.
        ("customer # 55102-004 shows a late fee", "customer # [ID] shows a late fee"),
        ("VA claim number Q44102938 is pending", "VA claim number [ID] is pending"),
        ("my caseworker says my case number is 7730211", "my caseworker says my case number is [ID]"),
        # Birth dates written year first, after "b." and in Spanish.
        ("DOB 1979/04/22 on the form", "DOB [DOB] on the form"),
        ("b. 06/30/1950 - needs a ride", "b. [DOB] - needs a ride"),
        # "el" goes with a Spanish date: one author labelled it inside the date, another outside.
        ("mi papá nació el 4 de mayo de 1941", "mi papá nació [DOB]"),
        # Phones with underscores, and international numbers without "+" after a phone cue.
        ("text me at 312_555_0147", "text me at [PHONE]"),
        ("my whatsapp is 34 612 44 90 17", "my whatsapp is [PHONE]"),
    ],
)
def test_third_round_families_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "case # 4471-2209 was closed without a fix",
        "the kids run and walk to Lincoln Park every day",
        "Is the 5 Points Station elevator fixed?",
        "Susan B. Anthony Elementary has a leak",
        "the U.S. Army reserve center lot is flooded",
        "plate B is the tag for the spare bin",
        "THE TAG IS EXPIRED, HOW DO I RENEW",
        "plan b. 2 options for the meeting",
        "call 311 or 911 please",
    ],
)
def test_third_round_look_alikes_are_left_alone(text: str) -> None:
    assert redact(text) == text
