from __future__ import annotations

import pytest

from bot.safety import Danger, detect


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
        ("how do I pay my water bill", None),
        ("missed trash pickup", None),
        ("where is the fireworks show", None),
        ("my shotgun wedding needs a marriage license", None),
    ],
)
def test_detect_names_the_danger_in_the_words(text: str, expected: Danger | None) -> None:
    assert detect(text) is expected
