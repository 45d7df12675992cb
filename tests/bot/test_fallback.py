from __future__ import annotations

import pytest

from bot.fallback import FallbackReply, choose


@pytest.mark.parametrize(
    ("text", "misses", "expected"),
    [
        ("blorp fnord", 1, FallbackReply.REPHRASE),
        ("blorp fnord", 2, FallbackReply.CONTACT_CENTER),
        ("blorp fnord", 5, FallbackReply.CONTACT_CENTER),
        ("", 1, FallbackReply.UNREADABLE),
        (None, 1, FallbackReply.UNREADABLE),
        ("😀😀😀", 1, FallbackReply.UNREADABLE),
        ("😀😀😀", 3, FallbackReply.UNREADABLE),
        ("word " * 1000, 1, FallbackReply.TOO_LONG),
    ],
)
def test_choose_puts_readability_before_misses(
    text: str | None, misses: int, expected: FallbackReply
) -> None:
    assert choose(text, misses) is expected
