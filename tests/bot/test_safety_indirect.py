"""Danger said sideways or happening now, and ordinary requests by their shape (bot/danger_phrases_indirect.py).

Every example here is written for the family it stands for, not taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from bot.safety import Danger, calmed_intent, detect, urgent_intent


@pytest.mark.parametrize(
    "text",
    [
        # Farewells and the means.
        "tell my brother i'm sorry for everything",
        "this is goodbye, thank you for trying",
        "this is my last message.",
        "i won't be around much longer",
        "i left notes for my kids on the counter",
        "i keep counting my pills",
        "got a rope.",
        "she swallowed the whole bottle of her sleeping pills",
        "we made a pact to end it",
        "i searched ways to die last night",
        # Despair said plainly.
        "feeling completely hopeless",
        "hopeless",
        "honestly i'm not okay.",
        "why should i keep going?",
        "i have no idea how to keep living",
        "i need help before i do something drastic",
        "i can't do this anymore.",
        "since the flood i don't want to go on",
        "the voices keep telling me to hurt myself",
        # Someone else at the edge.
        "my roommate says he's going to jump",
        "a man is standing on the edge of the parking garage roof",
        "he keeps thinking about steering the car off the pier",
        "my son has been cutting himself",
        "the neighbour beats his wife every weekend",
        # Spanish.
        "ya no le veo sentido a nada", "estoy harta de la vida", "antes de hacer una locura quiero hablar",
        "dejé cartas para mis hijos", "mi primo dice que se va a tirar del puente",
        "mi abuelo dice que se quiere ir con dios",
        "oigo voces que me dicen que me mate",
        # An ordinary shape does not hide danger said beside it.
        "help me find a shelter, my husband beats me",
    ],
)
def test_crisis_said_without_its_plain_words_is_heard(text: str) -> None:
    assert detect(text) is Danger.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "help help help",
        "please hurry!",
        "pls send an ambulance",
        "auxilio",
        "the co alarm just went off and we all have headaches",
        "manden ayuda, ayuda, ayuda",
        "fuego en el segundo piso",
        "an armed robbery is in progress at the pharmacy",
        "there's been a home invasion two doors down",
        "someone is breaking in to the house behind mine right now",
        "están golpeando a un muchacho en el parque",
        "están asaltando la farmacia ahorita",
        "there's a tiroteo by the school",
        "the van is on fire in the lot",
        "a worker is pinned under the forklift",
        "she's face down on the path and not moving",
        "my aunt has dementia and walked out an hour ago",
        "a suspicious package by the front entrance",
        "the crew hit the gas main and it's hissing",
        "he's gonna kill me",
        "my 6 year old is missing from the playground",
        "un tipo armado entró a la farmacia",
        # An ordinary shape does not hide danger said beside it.
        "the car is trapped in the flood water with my kids inside",
        "the shop had a fire last year and there is a fire again right now",
    ],
)
def test_danger_happening_now_is_heard(text: str) -> None:
    assert detect(text) is Danger.EMERGENCY


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("public_transit_info", "the bus is on fire on 5th avenue"),
        ("street_tree_service", "a tree fell and my neighbor is pinned beneath it"),
        ("non_emergency_police", "burglary in progress at the hardware store"),
        ("emergency_shelter", "a man is unresponsive in the shelter doorway"),
        ("park_maintenance", "a girl fell through the ice at the reservoir"),
    ],
)
def test_danger_happening_now_outranks_the_service_heard(intent: str, text: str) -> None:
    assert urgent_intent(intent, text) == "emergency"


def test_a_preparedness_question_about_danger_now_stays_preparedness() -> None:
    assert urgent_intent("emergency_preparedness", "what do i do if someone is not breathing") is None


@pytest.mark.parametrize(
    "text",
    [
        "our garage had a fire last year, do we need a permit to rebuild it",
        "i was mugged a few months ago, can you add lights on my block",
        "the fireworks every night sound like gunshots",
        "they're not gunshots, it's just fireworks",
        "when is the fire truck open house",
        "is a smoke shop allowed near a school",
        "can we shoot a music video on the bridge",
        "i almost had a heart attack when i saw the water bill",
        "you're a lifesaver",
        "kill me now, the permit office line is endless",
        "my husband will kill me if i get another parking ticket",
        "i'm drowning in paperwork for this license",
        "the smoke from the wildfires up north is making my eyes water",
        "the neighbour keeps burning brush and the smoke fills our yard",
        "how do we get ready if there's an earthquake",
        "my truck is stuck in the impound lot",
        "when does the gas main replacement on oak street end",
        "el ruido de la obra me está matando",
        "los cohetes suenan como disparos",
        "choque chiquito, nadie salió herido",
        "se metió una ardilla a la casa",
        "help me find my polling place",
        "this is my last message about the pothole, fix it",
        "i can't do this anymore, the trash was skipped again",
        "my rent is going to jump next year",
        "i don't want to go on the waiting list again",
        "the basement flooded but we're fine, who cleans the street drain",
        "when are the school lockdown drills this year",
    ],
)
def test_ordinary_requests_by_their_shape_are_no_danger(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ther is a fier in the laundry room", Danger.EMERGENCY),
        ("he pulled a gunn on me", Danger.EMERGENCY),
        ("i keep thinking about suicidl stuff", Danger.CRISIS),
        ("she took an ovrdose", Danger.EMERGENCY),
        ("i want to hire a plumber", None),
        ("the fir tree on my curb is dying", None),
        ("gum on the bench", None),
    ],
)
def test_short_danger_words_are_heard_through_a_swap_or_a_doubled_letter_only(
    text: str, expected: Danger | None
) -> None:
    assert detect(text) is expected


RANKING = [("emergency", 0.6), ("noise_complaint", 0.25), ("animal_control", 0.1)]


def test_a_danger_heard_in_an_ordinary_request_is_set_aside_for_the_next_intent() -> None:
    ranking = [("emergency", 0.5), ("noise_complaint", 0.4)]
    assert calmed_intent("emergency", "fireworks going off every night on my street", ranking, 0.3) == (
        "noise_complaint"
    )


def test_a_calmed_request_below_the_threshold_gets_the_rephrase_prompt() -> None:
    assert calmed_intent("emergency", "fireworks going off every night", RANKING, 0.3) == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "fireworks, and now the house is on fire",  # an ordinary shape beside danger's words
        "i feel like nobody would care",  # danger heard without any words for it: never calmed
    ],
)
def test_a_danger_heard_stands_unless_the_request_is_ordinary_by_its_shape(text: str) -> None:
    assert calmed_intent("crisis", text, RANKING, 0.3) is None


def test_only_a_danger_heard_is_ever_calmed() -> None:
    assert calmed_intent("noise_complaint", "fireworks every night", RANKING, 0.3) is None



@pytest.mark.parametrize("text", ["se permite hacer fuego en el parque?", "quiero hacer fuego en la parrilla del parque"])
def test_fire_as_a_word_in_a_spanish_question_is_no_emergency(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", ["¡FUEGO!", "hay fuego en la cocina", "fuego en casa del vecino"])
def test_fire_shouted_or_in_a_home_is_an_emergency_in_spanish(text: str) -> None:
    assert detect(text) is Danger.EMERGENCY
