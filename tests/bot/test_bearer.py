"""Bearer credentials are read from the header's scheme and compared exactly."""

from __future__ import annotations

import pytest

from bot.bearer import bearer_token, carries


@pytest.mark.parametrize(
    ("header", "expected"),
    [("Bearer abc", "abc"), ("bearer abc ", "abc"), ("Basic abc", ""), ("abc", ""), ("", ""), (None, ""),
     ("Bearer", "")],
)
def test_bearer_token_reads_only_the_bearer_scheme(header: str | None, expected: str) -> None:
    assert bearer_token(header) == expected


def test_carries_is_exact_and_never_true_for_an_empty_secret() -> None:
    assert carries("Bearer s3cret", "s3cret")
    assert not carries("Bearer s3cret!", "s3cret")
    assert not carries("Bearer s3cre", "s3cret")
    assert not carries("Bearer ", "")
    assert not carries(None, "")
