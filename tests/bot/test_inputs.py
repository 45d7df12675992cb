from __future__ import annotations

import pytest

from bot.inputs import MAX_CHARS, Readability, readability


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("missed pickup", Readability.OK),
        ("¿Dónde pago mi multa?", Readability.OK),
        ("市政厅在哪里", Readability.OK),
        ("", Readability.EMPTY),
        ("   \n\t", Readability.EMPTY),
        (None, Readability.EMPTY),
        ("👍🏽🎉", Readability.NO_WORDS),
        ("\x00\x01\x02 !!! ???", Readability.NO_WORDS),
        ("a" * (MAX_CHARS + 1), Readability.TOO_LONG),
        ("a" * MAX_CHARS, Readability.OK),
    ],
)
def test_readability(text: str | None, expected: Readability) -> None:
    assert readability(text) is expected
