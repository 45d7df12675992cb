from __future__ import annotations

import pytest

from bot.safety import Danger, detect, urgent_intent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HELP FIRE", Danger.EMERGENCY),
        ("i smell gas in the hallway", Danger.EMERGENCY),
        ("someone broke in and is still inside, breaking into the back", Danger.EMERGENCY),
        ("my dad collapsed and is not breathing", Danger.EMERGENCY),
        ("guy with a knife outside the store", Danger.EMERGENCY),
        ("I want to kill myself", Danger.CRISIS),
        ("thinking about suicide", Danger.CRISIS),
        ("my husband beats me", Danger.CRISIS),
        ("I don't want to live anymore", Danger.CRISIS),
        ("i have been cutting myself", Danger.CRISIS),
        ("carbon monoxide alarm going off and we feel dizzy", Danger.EMERGENCY),
        ("my child swallowed pills", Danger.EMERGENCY),
        ("someone collapsed on the sidewalk", Danger.EMERGENCY),
        ("everyone would be better off without me", Danger.CRISIS),
        ("i wrote a goodbye note", Danger.CRISIS),
        ("two cars crashed on elm st and one driver is injured", Danger.EMERGENCY),
        ("crash " * 20 + "the report says nobody was injured", Danger.EMERGENCY),
        ("crash at the corner last month, " + "then a long story " * 5 + "and someone got injured", None),
        ("how do I pay my water bill", None),
        ("missed trash pickup", None),
        ("where is the fireworks show", None),
        ("my shotgun wedding needs a marriage license", None),
    ],
)
def test_detect_names_the_danger_in_the_words(text: str, expected: Danger | None) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("goodbye", "i wrote a goodbye note", "crisis"),
        ("nlu_fallback", "gas smell in the hall", "emergency"),
        ("out_of_scope", "man drowning in the lake", "emergency"),
        (None, "help fire", "emergency"),
        ("greet", "hi there", None),
        ("water_leak_report", "fire hydrant is open and spraying", None),
        ("emergency", "fire", None),
        ("case_status", "status of my fire code complaint", None),
    ],
)
def test_urgent_intent_overrides_only_replies_that_ignore_danger(
    intent: str | None, text: str, expected: str | None
) -> None:
    assert urgent_intent(intent, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i keep thinking about sucide", Danger.CRISIS),
        ("i want to kill myslef", Danger.CRISIS),
        ("my son overdosd and wont wake up", Danger.EMERGENCY),
        ("hes unconsious on the floor", Danger.EMERGENCY),
        ("my neighbor is bleding a lot", Danger.EMERGENCY),
        ("theres a man with a waepon outside", Danger.EMERGENCY),
        ("an intruder is in the basement", Danger.EMERGENCY),
        ("a guy is attacking a woman at the bus stop", Danger.EMERGENCY),
        ("a kid got hit by a car on 5th", Danger.EMERGENCY),
        ("someone is inside my house right now", Danger.EMERGENCY),
    ],
)
def test_danger_is_heard_through_typos_and_plain_words(text: str, expected: Danger) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "the fire hydrant on my corner is leaking",
        "how do I get a fire pit permit",
        "my smoke detector keeps chirping, does the city give free ones",
        "which fire station is closest to me",
        "stop turning the water off every week",
        "the kids next door are always shouting",
        "this noise is killing me",
        "I'm dying to know when the pool opens",
    ],
)
def test_ordinary_requests_in_danger_like_words_are_no_danger(text: str) -> None:
    assert detect(text) is None


def test_crisis_words_win_over_a_service_and_emergency_words_do_not() -> None:
    assert urgent_intent("emergency_shelter", "my husband beats me and I need somewhere to sleep") == "crisis"
    assert urgent_intent("non_emergency_police", "there was a break-in at my garage last week") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("someone is following me and won't go away", Danger.EMERGENCY),
        ("he has a gun", Danger.EMERGENCY),
        ("shots fired on 5th and pine", Danger.EMERGENCY),
        ("heard gunshots behind the library", Danger.EMERGENCY),
        ("my house is on fire", Danger.EMERGENCY),
        ("flames shooting out the neighbours roof", Danger.EMERGENCY),
        ("she's not breathing", Danger.EMERGENCY),
        ("my baby isn't breathing", Danger.EMERGENCY),
        ("somebody is jiggling my door handle and it's 2am", Danger.EMERGENCY),
        ("a stranger is in our backyard peeking in", Danger.EMERGENCY),
        ("theres a toddler in that red car and it is so hot", Danger.EMERGENCY),
        ("grandma slipped in the kitchen and hit her head", Danger.EMERGENCY),
        ("a pitbull is mauling a jogger on the trail", Danger.EMERGENCY),
        ("the power lines are down across our driveway", Danger.EMERGENCY),
        ("it smells like gas in the laundry room", Danger.EMERGENCY),
        ("fender bender on 3rd, the other driver isn't moving", Danger.EMERGENCY),
        ("a guy is beating some kid up behind the gas station", Danger.EMERGENCY),
        ("my son drank bleach", Danger.EMERGENCY),
        ("the van went into the canal", Danger.EMERGENCY),
        ("I took too many pills", Danger.CRISIS),
        ("I'm going to jump", Danger.CRISIS),
        ("no one would miss me", Danger.CRISIS),
        ("he said he'd kill me", Danger.CRISIS),
        ("he touched my daughter", Danger.CRISIS),
        ("my dad hits my mom", Danger.CRISIS),
        ("my stepdad beats my little brother with a belt", Danger.CRISIS),
        ("i'm a burden to my family", Danger.CRISIS),
        ("what is the point of living", Danger.CRISIS),
        ("my girlfriend says she will stab me if i leave", Danger.CRISIS),
        ("the man i work for keeps my passport", Danger.CRISIS),
        ("i'm hiding in the closet from my boyfriend", Danger.CRISIS),
        ("the aides at the home are neglecting my grandfather", Danger.CRISIS),
        ("i cut my wrists", Danger.CRISIS),
        ("they won't let me leave the house", Danger.CRISIS),
    ],
)
def test_residents_own_words_for_danger_are_heard(text: str, expected: Danger) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("im thinkin of sucide", Danger.CRISIS),
        ("i wana die", Danger.CRISIS),
        ("i cant stop cuting myself", Danger.CRISIS),
        ("my stepdad tuches me", Danger.CRISIS),
        ("he choaked me", Danger.CRISIS),
        ("i smel gas", Danger.EMERGENCY),
        ("smok coming from the basement", Danger.EMERGENCY),
        ("powr line down", Danger.EMERGENCY),
        ("someone is trying to open my windw", Danger.EMERGENCY),
        ("car crsh ppl hurt", Danger.EMERGENCY),
    ],
)
def test_new_danger_words_are_heard_through_typos(text: str, expected: Danger) -> None:
    assert detect(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "stop texting me",
        "this is killing me, the noise",
        "the pothole nearly killed my tire",
        "my lawn is dying, is there a water restriction",
        "dead raccoon in the road",
        "I could kill for a parking spot",
        "smoke from the neighbour's grill every night",
        "I tripped on the cracked sidewalk and hurt myself",
        "I don't want to live here anymore, can I break my lease",
        "hit me up when the permit is ready",
        "beats me why the trash wasn't picked up",
        "where can I get a flu shot",
        "does the city hand out free carbon monoxide detectors",
        "a tree branch almost hit me on elm street",
        "my property taxes are going to jump next year",
        "I'm killing myself working two jobs and still behind on rent",
        "the suicide lane on route 9 needs new paint",
        "my landlord won't let me leave my lease early",
        "can't go on the website, it keeps crashing",
        "the bus is not moving, is there a detour",
        "five kms to the nearest recycling center?",
        "the clerk isn't responding to my emails",
    ],
)
def test_ordinary_requests_that_share_crisis_words_are_no_danger(text: str) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("abandoned_vehicle", "abandoned car that someone set on fire last month"),
        ("water_leak_report", "water is shooting out of the fire hydrant"),
        ("graffiti_removal", "graffiti of a gun on the school wall"),
        ("animal_control", "a dog bit my son last week and the owner won't show me its papers"),
    ],
)
def test_a_service_heard_in_emergency_words_stands(intent: str, text: str) -> None:
    assert urgent_intent(intent, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "me quiero morir", "ya no quiero vivir", "pienso en sucidarme", "nadie me extrañaría si me voy",
        "mi esposo me pega cuando toma", "me pega mi marido", "mi ex me sigue a todas partes",
        "nos tienen encerrados y no nos dejan salir", "abusaron de mí anoche", "violencia doméstica",
    ],
)
def test_spanish_crisis_words_are_heard(text: str) -> None:
    assert detect(text) is Danger.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "hay un incendio en el edificio", "huele a gas en la cocina", "mi papá no respira",
        "se cayó y no se puede levantar", "un hombre con una pistola en la esquina", "están forzando mi puerta",
    ],
)
def test_spanish_emergency_words_are_heard(text: str) -> None:
    assert detect(text) is Danger.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "disculpe la molestia, una pregunta", "me molesta el ruido del vecino", "fuegos artificiales toda la noche",
        "violación del código de vivienda en mi edificio", "me muero de frío, no hay calefacción",
        "el vecino me está matando con la música", "el landlord no me deja salir del contrato",
        "¿qué hago si hay un incendio? quiero un plan", "me lastimé en la banqueta rota",
        "la oficina no responde el teléfono",
    ],
)
def test_ordinary_spanish_in_danger_like_words_is_not_danger(text: str) -> None:
    assert detect(text) is None


def test_a_longer_text_than_any_message_is_read_only_as_far_as_a_message_goes() -> None:
    filler = " word" * 20_000  # 100 kB: more than any channel accepts
    assert detect("i want to kill myself" + filler) is Danger.CRISIS
    assert detect(filler + " i want to kill myself") is None  # past MAX_READ_CHARS: not a resident's message
