"""Round 9 families (docs/adr/0010): shapes of writing that eight rounds of rules missed on an unseen author, and
their neighbours no author has written yet. Every case is written for this test (none taken from a corpus): each
table holds what must be redacted, and the look-alikes below must survive."""

from __future__ import annotations

import pytest

from bot.pii import redact

FAMILIES: dict[str, list[tuple[str, str]]] = {
    "lettered_licences": [
        # Licences written as a surname's letters, initials, digits and a check pair (Washington's old and new
        # forms, and codes like them): more letters before the digits than a prefix.
        ("my driver's license is KOWALSJ287QT, can you check", "my driver's license is [ID], can you check"),
        ("DL: WDLMRTNZ504KX expires next year", "DL: [ID] expires next year"),
        ("State ID WDLHRRSN318PD. Need a replacement", "State ID [ID]. Need a replacement"),
        ("mi licencia es GRNWLDE442NB y la perdí", "mi licencia es [ID] y la perdí"),
        ("ID number: PTRSNMK731LZ\nExp: 2030", "ID number: [ID]\nExp: 2030"),
        ("my old one was QUINTAR118MB and the new one is WDLQNTR902XC", "my old one was [ID] and the new one is [ID]"),
        ("lost wallet with WDLBKRRS629TY inside, at the bus stop", "lost wallet with [ID] inside, at the bus stop"),
    ],
    "short_numbers_after_personal_cues": [
        # Four or five digits right after "my ... number/id is": a personal account's number, even ZIP-shaped.
        ("my library card number is 29918", "my library card number is [ID]"),
        ("my employee number is 88415, I work at the parks dept", "my employee number is [ID], I work at the parks dept"),
        ("mi número de estudiante es 55120", "mi número de estudiante es [ID]"),
        ("my badge number is 44127", "my badge number is [ID]"),
        ("his student id: 4471", "his student id: [ID]"),
        ("su número de Medicaid es 77120", "su número de Medicaid es [ID]"),
        ("my voter id # is 30918", "my voter id # is [ID]"),
    ],
    "form_name_fields": [
        # A form's name field, filled in lower case or with words the lists lack.
        ("Name: harmony lee\nPhone: 206-443-1180", "Name: [NAME]\nPhone: [PHONE]"),
        ("Nombre: estrella ruiz\nTeléfono: 206-448-2291", "Nombre: [NAME]\nTeléfono: [PHONE]"),
        ("name: tupac yupanqui\nissue: broken light", "name: [NAME]\nissue: broken light"),
        ("Resident name: brightwater okoye\nUnit: 4", "Resident name: [NAME]\nUnit: 4"),
    ],
    "speaker_opening_a_message": [
        # A name that opens a message as the one who said, asked or called, ordinary word or not.
        ("Autumn told me the form was wrong, still nothing.", "[NAME] told me the form was wrong, still nothing."),
        ("Destiny called about the water shutoff yesterday", "[NAME] called about the water shutoff yesterday"),
        ("Hope said the crew comes monday", "[NAME] said the crew comes monday"),
        ("Tallulah asked me to report the swing", "[NAME] asked me to report the swing"),
        ("Misty mentioned you have free compost", "[NAME] mentioned you have free compost"),
    ],
    "lower_case_name_at_a_signature": [
        # A lower-case name and an initial or an unlisted surname where a writer signs: at the start before
        # "from", a slash or a comma, or after a sentence before other data.
        ("kofi b from the 2nd floor says the heat is off", "[NAME] from the 2nd floor says the heat is off"),
        ("Applying for rent help. pearl odukoya, DOB 3/4/1981", "Applying for rent help. [NAME], DOB [DOB]"),
        ("ivy nakashima / 206-551-0193 / renewal", "[NAME] / [PHONE] / renewal"),
        ("hana p from unit 4 says the door is broken", "[NAME] from [ADDRESS] says the door is broken"),
    ],
    "lower_case_surname_after_kin": [
        # After a family word, a lower-case first name goes on into a surname no list or dictionary knows.
        ("My uncle rodrigo blackfeather lives alone", "My uncle [NAME] lives alone"),
        ("my cousin miguel stonechild needs a ride", "my cousin [NAME] needs a ride"),
        ("mi abuela carmen quispehuaman no puede caminar", "mi abuela [NAME] no puede caminar"),
    ],
    "initial_after_unlisted_name_before_data": [
        ("Reyansh P., rp@mail.com", "[NAME], [EMAIL]"),
        ("Please refund the card. Oluwaseun K., 206-551-2290", "Please refund the card. [NAME], [PHONE]"),
        ("thanks! Tekle W. 206-881-4410", "thanks! [NAME] [PHONE]"),
    ],
    "opening_run_before_a_dash": [
        # A message that opens with a name before a dash: an unlisted first word, then any capitalised words.
        ("Tamsin Running Deer - question about the pow wow permit", "[NAME] - question about the pow wow permit"),
        ("Wapun Little Elk - is the pool open", "[NAME] - is the pool open"),
        ("Chayton Red Hawk — need a burn permit", "[NAME] — need a burn permit"),
    ],
    "surname_first_before_a_found_name": [
        ("Account under Adeyemi, Tunde, 4410 Rainier Ave S", "Account under [NAME], [ADDRESS]"),
        ("billing name Nakamura-Ellis, Priya", "billing name [NAME]"),
        ("the bill is under Oyelaran, Bisi.", "the bill is under [NAME]."),
    ],
    "title_before_a_place_word_surname": [
        ("please thank Ms. Field at the library desk", "please thank Ms. [NAME] at the library desk"),
        ("Dr. Park said I need a note", "Dr. [NAME] said I need a note"),
        ("Mrs. Wood from the front office helped", "Mrs. [NAME] from the front office helped"),
    ],
    "unlisted_name_joined_to_kin": [
        ("Taini and his grandma Ruth Begay live alone", "[NAME] and his grandma [NAME] live alone"),
        ("Nayeli and her mom need a ride", "[NAME] and her mom need a ride"),
    ],
    "hyphenated_households": [
        ("the Okafor-Lindqvist family moved in next door", "the [NAME] family moved in next door"),
        ("the Gutierrez-Lopez family needs a bin", "the [NAME] family needs a bin"),
    ],
    "particle_names_before_a_label": [
        ("Client Rosa de la Vega, DOB 1/2/1980", "Client [NAME], DOB [DOB]"),
        ("Patient Juan del Castillo, DOB 5/6/1977", "Patient [NAME], DOB [DOB]"),
    ],
    "phones_typed_with_letters_or_a_country_code": [
        ("home phone (415) 88O-2291", "home phone [PHONE]"),
        ("call me 206-55l-0912", "call me [PHONE]"),
        # "in case" is an idiom, not a case number's cue.
        ("my cell in Mexico, just in case +52 (33) 1456 7780", "my cell in Mexico, just in case [PHONE]"),
        ("in case the line drops: +57 (1) 744 2190", "in case the line drops: [PHONE]"),
        ("Please call me back about the permit: 503-441-2290", "Please call me back about the permit: [PHONE]"),
        ("text me about the ticket at 412-881-0021", "text me about the ticket at [PHONE]"),
    ],
    "bracketed_email_dots": [
        ("email me at kofi[at]gmail[.]com", "email me at [EMAIL]"),
        ("mi correo es ana(at)yahoo(.)com", "mi correo es [EMAIL]"),
    ],
    "card_last_four_told_with_a_brand": [
        ("I need to update my billing card from 5521 (mastercard) to a new one", "I need to update my billing card from [CARD] (mastercard) to a new one"),
        ("change my card on file from 4410 (visa) please", "change my card on file from [CARD] (visa) please"),
    ],
    "units_named_by_position": [
        ("I rent the basement apt at 4410 Fremont Ave N", "I rent the [ADDRESS] at [ADDRESS]"),
        ("we live in the garden unit of 221 Oak St", "we live in the [ADDRESS] of [ADDRESS]"),
    ],
    "spanish_words_after_an_email_are_no_name": [
        ("mi correo es ana.r@mail.com y nací el 14/09/1951. gracias", "mi correo es [EMAIL] y nací el [DOB]. gracias"),
    ],
    "town_and_state_without_zip": [
        ("I live at 4410 Fremont Avenue North, Seattle WA and the trash was missed", "I live at [ADDRESS] and the trash was missed"),
        ("my address is 88 Pine Street, Tacoma WA and it floods", "my address is [ADDRESS] and it floods"),
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
def test_round_nine_families_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


LOOK_ALIKES = [
    # The city's own numbers after their cue, counts and years after personal words, and words that stand where
    # names stand without being one.
    "my case number is 2024-00123, any update?",
    "my permit number is 44127, when is the inspection",
    "my ticket # is 88415",
    "my zip is 98118, is that in the district?",
    "my building has 12 units and 4410 sq ft",
    "my order number is 55120",
    "our house number is 4410",
    "Summer camp sign-ups open when?",
    "Nobody told me the form was wrong",
    "Parks said the field is closed",
    "Silver Toyota Corolla parked on my street for 9 days",
    "Tan Nissan Altima blocking the alley",
    "the Bobby Morris Playfield lights stay on",
    "hay un bache en la Avenida Rainier cerca del parque",
    "Does the Amy Yee Tennis Center offer lessons?",
    pytest.param(
        "How big can my sign be?",
        marks=pytest.mark.xfail(reason="a lower-case pair read as a name since round 8; not fixed in round 9", strict=True),
    ),
    "Is the basement of City Hall open?",
    "the 2nd floor bathrooms at the library are closed",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_round_nine_look_alikes_are_left_whole(text: str) -> None:
    assert redact(text) == text
