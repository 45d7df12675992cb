"""SMS segment counting: what a reply costs the city."""

from __future__ import annotations

import pytest

from bot.messaging.segments import is_gsm7, segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("{" * 80, 1),  # extension characters count twice: 160 septets
        ("{" * 81, 2),
        ("é" * 160, 1),  # é is in the GSM-7 basic set
        ("a" * 69 + "’", 1),  # a curly apostrophe forces UCS-2
        ("a" * 70 + "’", 2),
        ("a" * 133 + "’", 2),
        ("a" * 134 + "’", 3),
        ("🙂" * 35, 1),  # an emoji is two UTF-16 code units
        ("🙂" * 36, 2),
    ],
)
def test_segments_count_what_the_carrier_bills(text: str, expected: int) -> None:
    assert segments(text) == expected


def test_plain_english_with_a_link_and_a_phone_number_is_gsm7() -> None:
    assert is_gsm7("Call (555) 010-0130 or see https://harborview.example/pickup-day.")


def test_a_curly_quote_is_not_gsm7() -> None:
    assert not is_gsm7("It’s")
