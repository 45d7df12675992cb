from __future__ import annotations

import io

import pytest

from bot.cli import main
from bot.pii import redact
from bot.references import new_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to john.doe@example.org please", "write to [EMAIL] please"),
        ("call 555-123-4567", "call [PHONE]"),
        ("call (555) 123 4567", "call [PHONE]"),
        ("call +1 555 123 4567", "call [PHONE]"),
        ("call 555.123.4567 or 5551234567", "call [PHONE] or [PHONE]"),
        ("my ssn is 123-45-6789", "my ssn is [SSN]"),
        ("social security number 123456789", "social security number [SSN]"),
        ("card 4111 1111 1111 1111 exp soon", "card [CARD] exp soon"),
        ("card 4111-1111-1111-1111", "card [CARD]"),
        ("amex 378282246310005", "amex [CARD]"),
        ("I live at 1234 Elm Street Apt 4B", "I live at [ADDRESS]"),
        ("leak at 56 W 3rd Ave near the school", "leak at [ADDRESS] near the school"),
        ("DOB 03/14/1985", "DOB [DOB]"),
        ("I was born March 14, 1985", "I was born [DOB]"),
        ("my name is Maria Gonzalez", "my name is [NAME]"),
        ("hi this is Pat from the school", "hi this is [NAME] from the school"),
    ],
)
def test_personal_data_is_replaced_by_its_kind(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pickup was missed on 03/14/2025",
        "the fine is $1,250.00 and due at 7:30pm",
        "bus route 12 runs every 20 minutes",
        "card 4111 1111 1111 1112 is not a valid number",
        "ssn 000-12-3456 is never issued",
        "pothole at Elm Street and 3rd",
        "I'm calling about my trash",
        "this is ridiculous, 3 cars hit it",
    ],
)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_case_references_are_redacted() -> None:
    reference = new_reference()
    assert redact(f"status of {reference.lower()}?") == "status of [CASE_REF]?"


def test_redact_command_cleans_each_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("call 555-123-4567\nnothing here\nmail a@b.example"))
    assert main(["redact"]) == 0
    assert capsys.readouterr().out == "call [PHONE]\nnothing here\nmail [EMAIL]"
