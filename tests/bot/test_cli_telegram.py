"""`python -m bot telegram set-webhook` and `delete-webhook`, against the fake Bot API over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.cli import main
from bot.settings import get_settings
from tests.fakes.telegram import FakeTelegram

WEBHOOK_URL = "https://onedoor.example.gov/webhooks/telegram/webhook"
SECRET = "s3cret_token-for-tests"


@pytest.fixture
def telegram(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        for name, value in {**fake.settings(SECRET), "ONE_DOOR_TELEGRAM_WEBHOOK_URL": WEBHOOK_URL}.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        yield fake
    get_settings.cache_clear()


def test_set_webhook_registers_the_url_and_secret_for_messages_and_button_taps(
    telegram: FakeTelegram, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["telegram", "set-webhook"]) == 0
    [registered] = telegram.calls("setWebhook")
    assert registered.params == {
        "url": WEBHOOK_URL, "secret_token": SECRET, "allowed_updates": ["message", "callback_query"],
    }
    assert telegram.calls("getMe")  # the token was checked first
    output = capsys.readouterr()
    assert WEBHOOK_URL in output.out
    assert SECRET not in output.out + output.err and telegram.token not in output.out + output.err


def test_delete_webhook_removes_it(telegram: FakeTelegram) -> None:
    assert main(["telegram", "delete-webhook"]) == 0
    assert len(telegram.calls("deleteWebhook")) == 1


@pytest.mark.parametrize(
    ("unset", "named"),
    [
        ("ONE_DOOR_TELEGRAM_BOT_TOKEN", "ONE_DOOR_TELEGRAM_BOT_TOKEN"),
        ("ONE_DOOR_TELEGRAM_WEBHOOK_URL", "ONE_DOOR_TELEGRAM_WEBHOOK_URL"),
        ("ONE_DOOR_TELEGRAM_SECRET_TOKEN", "ONE_DOOR_TELEGRAM_SECRET_TOKEN"),
    ],
)
def test_set_webhook_names_what_is_not_set_and_calls_nobody(
    telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], unset: str, named: str
) -> None:
    monkeypatch.setenv(unset, "")
    get_settings.cache_clear()
    assert main(["telegram", "set-webhook"]) == 2
    assert named in capsys.readouterr().err
    assert telegram.attempts == 0


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("ONE_DOOR_TELEGRAM_SECRET_TOKEN", "has spaces!", "ONE_DOOR_TELEGRAM_SECRET_TOKEN"),
        ("ONE_DOOR_TELEGRAM_WEBHOOK_URL", "http://onedoor.example.gov/webhooks/telegram/webhook",
         "ONE_DOOR_TELEGRAM_WEBHOOK_URL"),
    ],
    ids=["secret Telegram refuses", "not https"],
)
def test_set_webhook_refuses_values_telegram_would_refuse(
    telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    variable: str, value: str, named: str,
) -> None:
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    assert main(["telegram", "set-webhook"]) == 2
    assert named in capsys.readouterr().err
    assert telegram.attempts == 0


def test_a_rejected_token_is_reported_without_printing_it(
    telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ONE_DOOR_TELEGRAM_BOT_TOKEN", "7000000001:WRONG")
    get_settings.cache_clear()
    assert main(["telegram", "set-webhook"]) == 1
    error = capsys.readouterr().err
    assert "ONE_DOOR_TELEGRAM_BOT_TOKEN" in error and "WRONG" not in error
    assert telegram.calls("setWebhook") == []


def test_telegram_down_is_reported_and_exits_1(telegram: FakeTelegram, capsys: pytest.CaptureFixture[str]) -> None:
    telegram.fail(500)
    assert main(["telegram", "set-webhook"]) == 1
    assert "not done" in capsys.readouterr().err
    assert telegram.calls("setWebhook") == []
