"""Round three of issue 10 item 4: ordinary requests that borrow danger's words by family, and the danger that the
earlier rules missed when a service or nothing was heard (bot/danger_lookalikes.py, bot/danger_phrases_indirect.py,
bot/danger_phrases_es.py).

Every example is written for the family it stands for, in words of its own, not taken from an evaluation set.
Each family of look-alikes has a danger twin beside it: the look-alike rule must not hide danger said next to it.
"""

from __future__ import annotations

import pytest

from bot.safety import Danger, calmed_intent, detect, urgent_intent


def _calmed(text: str, heard: str = "crisis") -> str | None:
    return calmed_intent(heard, text, [(heard, 0.55), ("rent_assistance", 0.35)], 0.3)


# Hyperbole: a thing, not a person, "is killing us"; "dying to know"; "me muero de hambre" as a food need.
HYPERBOLE = [
    "these sewer rates are going to kill us",
    "my landlord says the parking fee is gonna kill us",
    "the heat in our unit is killing me, when does the ac get fixed",
    "the property tax hike will be the death of me",
    "i'm dying to know when the splash pad opens",
    "the tamales at the night market are to die for, is it on this week",
    "we're starving, is the food pantry open saturday",
    "la renta nos va a matar este año",
    "casi me da un infarto cuando vi la multa del estacionamiento",
    "the new assessment gave me a heart attack when i opened it",
    "estos recibos de luz nos están matando",
    "me muero por probar los tacos de la feria, ¿qué día es?",
    "me muero de hambre, ¿dónde dan despensas?",
]

# Danger's words in their ordinary senses: tools, idioms, sports, the law.
ORDINARY_SENSES = [
    "should i fire my roofing contractor",
    "is the rec center smoke-free",
    "can tenants smoke on their balconies",
    "where can i borrow a nail gun",
    "water gun fight at the park event",
    "how does a civil asset seizure hearing work",
    "adult swim stroke lessons",
    "burning question: when is bulk pickup",
    "choking hazard recall on toddler toys",
    "i feel trapped in my lease",
    "quedé atrapada en el estacionamiento, la pluma no se levanta",
    "our team is on fire this season, when are playoffs",
]

# Questions about rules, permits and events, whose subject is a weapon, a fire or a medical emergency.
RULES_AND_EVENTS = [
    "is it legal to carry a pistol in city parks?",
    "are knives allowed inside the stadium",
    "can we have a fire on the beach this weekend",
    "when is the next gun buyback",
    "free cpr class for heart attack and stroke?",
    "where do i sign up for narcan training for overdoses",
    "¿es legal tener un arma en la casa?",
    "¿qué dice el reglamento si un inquilino tiene un arma en el edificio?",
    "¿se permite llevar una navaja al parque?",
    "¿hay clases de primeros auxilios para infartos?",
]

# A past crime or crash asked about for its report.
PAST_FOR_A_REPORT = [
    "someone smashed my car window over the weekend, i need a report for my insurance",
    "we were mugged on saturday, how do i get the incident report number",
    "my shop was burglarized in march, can i get a copy of the police report",
    "asaltaron mi tienda anoche, ¿cómo pido el reporte policial?",
    "me robaron la camioneta el sábado, necesito una copia del reporte para el seguro",
]


@pytest.mark.parametrize("text", HYPERBOLE + ORDINARY_SENSES + RULES_AND_EVENTS + PAST_FOR_A_REPORT)
def test_ordinary_requests_in_dangers_words_are_no_danger(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize("text", HYPERBOLE + ORDINARY_SENSES + RULES_AND_EVENTS + PAST_FOR_A_REPORT)
def test_a_danger_the_classifier_heard_in_them_is_set_aside(text: str) -> None:
    assert _calmed(text, "crisis") == "rent_assistance"
    assert _calmed(text, "emergency") == "rent_assistance"


def test_a_said_threat_is_still_a_crisis_when_a_person_makes_it() -> None:
    assert detect("the landlord said the fee is going to kill us") is None
    assert detect("my ex said he is going to kill us") is Danger.CRISIS
    assert detect("he keeps saying he will hurt the kids") is Danger.CRISIS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each look-alike family beside danger said in the same message.
        ("the rent is killing us and my husband beats me", Danger.CRISIS),
        ("i'm dying to know why my boyfriend hits me", Danger.CRISIS),
        ("is it legal to carry a gun? a man is pointing one at me", Danger.EMERGENCY),
        ("a man is pointing a gun at the cashier", Danger.EMERGENCY),
        ("someone smashed my car window and he is still here with a knife", Danger.EMERGENCY),
        ("i need a police report, someone is breaking into my car right now", Danger.EMERGENCY),
        ("me muero de hambre y ya no tengo ganas de vivir", Danger.CRISIS),
        ("¿es legal? mi vecino tiene una pistola y nos está amenazando", Danger.EMERGENCY),
        ("my dad is choking right now", Danger.EMERGENCY),
    ],
)
def test_a_look_alike_does_not_hide_danger_beside_it(text: str, expected: Danger) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "i don't want to live in this world anymore",
        "i don't want to be here for much longer",
        "i don't want to live here anymore",
    ],
)
def test_words_that_are_usually_ordinary_but_not_always_never_calm_a_crisis(text: str) -> None:
    assert _calmed(text) is None


# Danger happening now, in a service's setting: it outranks the service heard.
@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("missed_collection", "the dumpster behind the laundromat is on fire"),
        ("bin_request", "our recycling cart caught fire and it's spreading to the fence"),
        ("missed_collection", "thick smoke is pouring out of the garbage truck"),
        ("abandoned_vehicle", "a man is slumped over the wheel of a car that's been parked here all day"),
        ("abandoned_vehicle", "someone passed out in the driver's seat of a car on my street"),
        ("noise_complaint", "loud banging upstairs and it sounds like someone is getting attacked"),
        ("noise_complaint", "screaming next door, i think a woman is being hurt"),
        ("water_leak_report", "we smell gas in the basement"),
        ("park_maintenance", "a mi tío le está dando un infarto en la cancha"),
        ("emergency_shelter", "se está incendiando el edificio, ¿dónde vamos a dormir?"),
        ("emergency_shelter", "estamos atrapados en el sótano por el agua"),
        ("water_leak_report", "huele mucho a gas en el departamento"),
        ("street_light_out", "hay un incendio en el poste de la esquina"),
        ("park_maintenance", "mi papá está convulsionando en el parque"),
    ],
)
def test_danger_happening_now_outranks_the_service_heard(intent: str, text: str) -> None:
    assert urgent_intent(intent, text) == "emergency"


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("bin_request", "our cart caught fire last year, can we get a new one"),
        ("missed_collection", "the truck hasn't come and the bins smell like smoke from the bbq"),
        ("abandoned_vehicle", "a car has been parked here for two weeks with flat tires"),
        ("noise_complaint", "the neighbours are screaming at a football game every sunday"),
        ("emergency_shelter", "se incendió nuestro edificio el año pasado y seguimos sin casa"),
    ],
)
def test_the_same_services_without_danger_now_stand(intent: str, text: str) -> None:
    assert urgent_intent(intent, text) is None


@pytest.mark.parametrize(
    "text",
    [
        # Violence against the writer said in the past tense, or fled.
        "mi pareja me pegó anoche y no tengo a dónde ir",
        "me golpeó mi esposo y me sacó de la casa",
        "mi novio me empujó por las escaleras",
        "estoy huyendo de mi esposo, necesito refugio",
        "me escapé de mi pareja con mis hijos",
        "i'm fleeing my boyfriend and need somewhere safe tonight",
        "hiding from my husband at a friend's place, where can we go",
        # Despair without the plain words.
        "ya no tengo ganas de vivir",
        "quisiera dormirme y no despertar",
        "para qué seguir viviendo así",
        "siento que soy una carga para mi familia",
        "me tomé un frasco de pastillas",
        "i wish i was dead",
        "i just want to go to sleep and not wake up",
    ],
)
def test_crisis_said_in_the_past_or_without_its_plain_words_is_heard(text: str) -> None:
    assert detect(text) is Danger.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "ya no aguanto el ruido de la fiesta",
        "no vale la pena pagar esa multa",
        "me golpeé con la banca del parque",
        "me pegó el sol todo el día en la parada",
        "un carro me golpeó el espejo, ¿cómo hago el reporte?",
        "se me pegó chicle en la banca",
    ],
)
def test_spanish_ordinary_requests_near_those_words_are_no_crisis(text: str) -> None:
    assert detect(text) is not Danger.CRISIS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Someone else's despair, a farewell posted, life given up on.
        ("my cousin keeps saying she wants to die", Danger.CRISIS),
        ("my son put a goodbye video on tiktok and won't pick up", Danger.CRISIS),
        ("i lost everything and i'm done with life", Danger.CRISIS),
        ("ending it all feels like my only way out", Danger.CRISIS),
        ("mi hermana se está cortando las piernas", Danger.CRISIS),
        ("perdí a mi familia y ya no quiero seguir.", Danger.CRISIS),
        ("mi esposo me está ahorcando", Danger.CRISIS),
        # Violence or a threat heard now, next door or in the street.
        ("a man downstairs is screaming i'm gonna kill you", Danger.EMERGENCY),
        ("the house next door is empty and someone is smashing things inside", Danger.EMERGENCY),
        ("he's strangling her in the parking lot", Danger.EMERGENCY),
        ("i'm hiding in my closet, someone is walking around the house", Danger.EMERGENCY),
        ("a guy snatched a little girl and drove off in a gray sedan", Danger.EMERGENCY),
        ("el vecino le está pegando a su señora, se oye todo", Danger.EMERGENCY),
        ("se oyen balasos por la escuela", Danger.EMERGENCY),
        # Water or fire with people who cannot get out.
        ("a minivan is stranded with kids inside and the water is up to the doors", Danger.EMERGENCY),
        ("el humo ya llegó al pasillo y no podemos salir", Danger.EMERGENCY),
        ("the basement is filling with smoke and we can't get out", Danger.EMERGENCY),
        ("mi abuelo se desplomó y no reacciona", Danger.EMERGENCY),
        ("FUEGO en el callejón de atrás", Danger.EMERGENCY),
    ],
)
def test_danger_the_classifier_alone_was_hearing_is_heard_in_its_words(text: str, expected: Danger) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "my phone battery wants to die every afternoon",
        "the ivy is strangling the oak in the park",
        "ya no quiero seguir pagando esta multa",
        "no podemos salir del contrato de renta",
        "se inundó la calle y con tanta agua no podemos salir de la cochera",
        "el sitio web no reacciona cuando pago",
        "queremos hacer fuego en el patio del centro comunitario, ¿se puede?",
        "me está pegando la gripa, ¿hay vacunas?",
    ],
)
def test_the_same_words_in_ordinary_requests_stay_ordinary(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "un señor anda pateando a los perros callejeros",
        "están golpeando a la puerta del vecino desde hace rato, muy fuerte",
        "prendieron fuego en la esquina para asar carne, ¿es legal?",
    ],
)
def test_spanish_violence_words_aimed_at_animals_or_things_are_no_emergency(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mi perrita está sangrando de una pata, ¿hay veterinario de la ciudad?", None),
        ("a stray cat in the alley is bleeding and limping", None),
        ("our puppy is choking on something", None),
        ("el gato del vecino está convulsionando en mi patio", None),
        ("a dog bit my son and he is bleeding a lot", Danger.EMERGENCY),
        ("un perro atacó a mi hija, está sangrando", Danger.EMERGENCY),
    ],
)
def test_an_animal_hurt_is_animal_services_unless_it_hurt_a_person(text: str, expected: Danger | None) -> None:
    assert detect(text) is expected
