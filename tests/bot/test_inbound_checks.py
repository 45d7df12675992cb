"""The checks before NLU, in order: sanitise, then length, then rate limit, the first refusal ending them."""

from __future__ import annotations

import uuid

import pytest

from bot.inbound_checks import Inbound, InboundChecks, Verdict, sanitise
from bot.messaging.notices import Notice
from bot.rate_limits import Limit, RateLimits

MAX_CHARS = 40


def checks(sender: str = "2/minute", address: str = "3/minute") -> InboundChecks:
    windows = {Limit.SENDER: sender, Limit.ADDRESS: address, Limit.NOTICE: "1/minute"}
    return InboundChecks(MAX_CHARS, RateLimits("memory://", windows, f"test-{uuid.uuid4().hex}"))


def message(text: str = "pothole on Elm Street", sender: str = "resident-a", address: str | None = None) -> Inbound:
    return Inbound("webchat", sender, text, address)


def test_the_steps_run_in_the_documented_order() -> None:
    pipeline = checks()
    assert [getattr(step, "__name__", "") for step in pipeline.steps] == ["sanitise", "length", "rate_limit"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  pothole\x00 on Elm\x1b[31m  ", "pothole on Elm[31m"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("caf\u00e9 \u202eabc", "caf\u00e9 \u202eabc"),  # letters and format characters stay
        ("\x85\x9f\x7f", ""),
        ("/affirm", "/affirm"),  # button payloads pass unchanged
    ],
)
def test_sanitise_drops_control_characters_and_outer_space(text: str, expected: str) -> None:
    inbound = message(text)
    assert sanitise(inbound) is None
    assert inbound.text == expected


def test_a_message_within_the_limits_is_accepted_sanitised() -> None:
    inbound = message("  where do I pay a parking ticket\x07 ")
    assert checks().run(inbound) is Verdict.ACCEPTED
    assert inbound.text == "where do I pay a parking ticket"


def test_a_message_over_the_length_limit_is_refused_with_the_too_long_notice() -> None:
    pipeline = checks()
    assert pipeline.run(message("x" * MAX_CHARS)) is Verdict.ACCEPTED
    verdict = pipeline.run(message("x" * (MAX_CHARS + 1)))
    assert verdict is Verdict.TOO_LONG and verdict.notice is Notice.MESSAGE_TOO_LONG


def test_length_is_measured_after_sanitising() -> None:
    assert checks().run(message(" " * 100 + "hello" + "\x00" * 100)) is Verdict.ACCEPTED


def test_a_refused_long_message_is_not_counted_against_the_rate_limit() -> None:
    pipeline = checks(sender="1/minute")
    assert pipeline.run(message("x" * 100)) is Verdict.TOO_LONG
    assert pipeline.run(message()) is Verdict.ACCEPTED


def test_a_fast_sender_is_told_once_then_refused_quietly() -> None:
    pipeline = checks(sender="2/minute")
    verdicts = [pipeline.run(message()) for _ in range(5)]
    assert verdicts == [
        Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.RATE_LIMITED,
        Verdict.RATE_LIMITED_QUIETLY, Verdict.RATE_LIMITED_QUIETLY,
    ]
    assert Verdict.RATE_LIMITED.notice is Notice.RATE_LIMITED
    assert Verdict.RATE_LIMITED_QUIETLY.notice is None and Verdict.ACCEPTED.notice is None
    # Someone else is not held up by it.
    assert pipeline.run(message(sender="resident-b")) is Verdict.ACCEPTED


def test_many_senders_from_one_address_meet_the_address_limit() -> None:
    pipeline = checks(sender="10/minute", address="3/minute")
    verdicts = [pipeline.run(message(sender=f"session-{n}", address="203.0.113.5")) for n in range(4)]
    assert verdicts == [Verdict.ACCEPTED] * 3 + [Verdict.RATE_LIMITED]
    assert pipeline.run(message(sender="session-9", address="198.51.100.1")) is Verdict.ACCEPTED
    # With no address (SMS, Telegram) only the sender is counted.
    assert pipeline.run(message(sender="session-10")) is Verdict.ACCEPTED


def test_a_refusal_is_logged_without_text_sender_or_address(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO")
    pipeline = checks(sender="1/minute")
    pipeline.run(message("my number is 555 0100", sender="resident-secret", address="203.0.113.5"))
    pipeline.run(message("my number is 555 0100", sender="resident-secret", address="203.0.113.5"))
    pipeline.run(message("y" * 100, sender="resident-secret"))
    assert "inbound.refused channel=webchat verdict=rate_limited" in caplog.text
    assert "inbound.refused channel=webchat verdict=too_long" in caplog.text
    for secret in ("555 0100", "resident-secret", "203.0.113.5", "yyyy"):
        assert secret not in caplog.text
