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
