"""Redaction by shape without a cue (round 5): each policy on examples written for this test, not taken from any
corpus, with the look-alikes each must leave alone."""

from __future__ import annotations

import pytest

from bot.pii import PiiKind, find, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ID: six or more digits, or letters with five or more digits, wherever they stand.
        ("here's mine: A12345678, is that enough?", "here's mine: [ID], is that enough?"),
        ("the one on file is D1234-5678-9012", "the one on file is [ID]"),
        ("they said quote 00412345 when I call back", "they said quote [ID] when I call back"),
        ("number on the letter: XK-449021", "number on the letter: [ID]"),
        ("my VA number 648-97-0082V", "my VA number [ID]"),
        ("EIN 11-4420773 for the shop", "EIN [ID] for the shop"),
        ("write down 7731 0294 556 for me", "write down [ID] for me"),
        ("it's 30491827.", "it's [ID]."),
        # SSN: any 3-2-4 grouping, issued range or not; a mask keeps its last four.
        ("mine is 912-34-5678", "mine is [SSN]"),
        ("ssn 123.45.6789 thanks", "ssn [SSN] thanks"),
        ("nine digits 078 05 1120 on the form", "nine digits [SSN] on the form"),
        ("xxx-xx-4821 is what the letter shows", "[SSN] is what the letter shows"),
        ("***-**-7710 on my paystub", "[SSN] on my paystub"),
        ("soc sec 123456789", "soc sec [SSN]"),
        ("ssn 000-12-3456 was on the old form", "ssn [SSN] was on the old form"),
        ("número de seguro 321-54-9876", "número de seguro [SSN]"),
        # CARD: card-length runs near a payment word (Luhn unchecked), or in fours anywhere.
        ("I paid with 4111 1111 1111 1112 and it failed", "I paid with [CARD] and it failed"),
        ("card 4111 1111 1111 1112 is not a valid number", "card [CARD] is not a valid number"),
        ("the charge went on 5500000000000005 twice", "the charge went on [CARD] twice"),
        ("numbers are 1234-5678-9012-3456", "numbers are [CARD]"),
        # PHONE: ten digits grouped as a phone, area code unchecked; seven after a word for calling.
        ("reach me on 123-456-7890 after 5", "reach me on [PHONE] after 5"),
        ("(012) 345-6789 is the house line", "[PHONE] is the house line"),
        ("text me 867-5309 tonight", "text me [PHONE] tonight"),
        ("cell: 555 0134", "cell: [PHONE]"),
        # EMAIL: written out, with spaces, in Spanish or in brackets.
        ("email me at jo.smith @ gmail . com", "email me at [EMAIL]"),
        ("ana.lucia arroba correo punto mx", "[EMAIL]"),
        ("write to kim{at}example{dot}org", "write to [EMAIL]"),
        ("reach k.lee at yahoo dot com", "reach [EMAIL]"),
        # NAME: two capitalised words, either listed as a name, neither ordinary.
        ("I met Tamsin Okafor at the library", "I met [NAME] at the library"),
        ("ask whether Zorbeth Lindqvist signed it", "ask whether [NAME] signed it"),
        ("my son Dashiell broke his arm on the slide", "my son [NAME] broke his arm on the slide"),
        ("my landlord Bexley refuses to fix the heat", "my landlord [NAME] refuses to fix the heat"),
    ],
)
def test_shaped_data_is_redacted_without_a_cue(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the budget is $1,250,000 for 2024",
        "they approved 1250000 dollars last year",
        "we moved here in 2019, the bus was late at 7:45",
        "Route 66 and Highway 101 both closed",
        "I called 311 twice",
        "is ZIP 60623 in the zone? what about 60623-1234?",
        "school year 2023-2024 enrollment",
        "paperwork from 2019 2020 2021 still pending",
        "the hearing was on 03/14/2025 and 2025-03-21",
        "ticket # 20240311 still open",
        "permit BLD-2024-001234 was approved",
        "citation 88120045 says I owe",
        "confirmation number: 4471920563",
        "work order 5512340 is closed",
        "SR 1234567 about the pothole",
        "número de multa 8812-40451",
        "the party is on June 14th 2025 at the park",
        "about 3.14159 percent of the total",
        "Lincoln Park and Humboldt Park need lights",
        "Cesar Chavez Day parade route",
        "the Toyota Camry is blocking the hydrant",
    ],
)
def test_look_alikes_survive(text: str) -> None:
    assert redact(text) == text


def test_street_number_in_an_address_is_an_address_not_an_id() -> None:
    spans = find("the leak is at 104522 Old Mill Road, Springfield")
    assert [span.kind for span in spans if span.kind is PiiKind.ID] == []


def test_a_case_reference_is_a_case_reference_not_an_id() -> None:
    assert [span.kind for span in find("my case reference is KYV-DRF-KJ6")] == [PiiKind.CASE_REF]


def test_a_number_after_an_id_cue_keeps_its_cued_kind() -> None:
    spans = find("passport C87356829 and SSN 912-34-5678")
    assert [span.kind for span in spans] == [PiiKind.ID, PiiKind.SSN]
