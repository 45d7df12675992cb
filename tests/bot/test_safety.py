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
