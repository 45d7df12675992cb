"""Replies on Telegram: splitting, inline keyboards, and sending through python-telegram-bot to the fake Bot API
over real HTTP, with Telegram's errors sorted for the outbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import SecretStr
from telegram.error import (
    BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut,
)

from bot import migrate
from bot.db import Database, make_engine
from bot.messaging.contacts import Choice, Contacts
from bot.messaging.delivery import DeliveryLoop, PermanentFailure, TemporaryFailure
from bot.messaging.outbox import Delivery, Outbox, OutboxStatus, Outgoing
from bot.settings import Settings
from channels.telegram_bot import make_bot
from channels.telegram_outbound import (
    MESSAGE_LIMIT,
    TelegramSender,
    callback_data,
    classify,
    keyboard,
    render_telegram,
    resolve,
)
from tests.fakes.telegram import FakeTelegram

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
CHAT_ID = "5123456780"
SENDER = "telegram-0123456789abcdef0123456789abcdef"
CONFIRM = [Choice("Yes, send it", "/affirm"), Choice("No, start again", "/deny")]
LONG_PAYLOAD = '/report{"location": "' + "x" * 80 + '"}'


def test_a_long_reply_is_split_at_telegrams_limit_with_the_buttons_on_the_last_part() -> None:
    sentence = "Your request goes to the agency that owns it, and they will tell you when it is done. "
    parts = render_telegram(Outgoing(sentence * 100, CONFIRM))
    assert len(parts) == 3
    assert all(len(part.text) <= MESSAGE_LIMIT for part in parts)
    assert [part.choices for part in parts] == [[], [], CONFIRM]
    assert " ".join(part.text for part in parts) == (sentence * 100).strip()


@pytest.mark.parametrize(
    ("message", "parts"),
    [(Outgoing(""), []), (Outgoing("  \n"), []), (Outgoing("Hello."), [Outgoing("Hello.")])],
    ids=["empty", "blank", "short"],
)
def test_nothing_is_queued_for_an_empty_reply(message: Outgoing, parts: list[Outgoing]) -> None:
    assert render_telegram(message) == parts


def test_buttons_become_an_inline_keyboard_one_button_a_row() -> None:
    markup = keyboard(CONFIRM)
    assert markup is not None
    assert markup.to_dict() == {"inline_keyboard": [
        [{"text": "Yes, send it", "callback_data": "/affirm"}],
        [{"text": "No, start again", "callback_data": "/deny"}],
    ]}
    assert keyboard([]) is None


def test_a_payload_over_64_bytes_is_sent_by_its_place_and_resolved_from_the_offer() -> None:
    choices = [Choice("Report it", LONG_PAYLOAD), *CONFIRM]
    [indexed, affirm, deny] = callback_data(choices)
    assert indexed.startswith("#0:") and len(indexed.encode()) <= 64
    assert (affirm, deny) == ("/affirm", "/deny")
    assert resolve(indexed, choices) == LONG_PAYLOAD
    assert resolve("/affirm", choices) == "/affirm"
    # The keyboard on record changed since: the tap is dropped rather than read as another choice.
    assert resolve(indexed, [Choice("Other", "/other" + "y" * 70)]) is None
    assert resolve(indexed, []) is None


@pytest.mark.parametrize(
    ("error", "expected", "text"),
    [
        (lambda: NetworkError("Internal Server Error"), TemporaryFailure, "NetworkError"),
        (TimedOut, TemporaryFailure, "TimedOut"),
        (lambda: RetryAfter(30), TemporaryFailure, "RetryAfter"),
        (lambda: InvalidToken("The token `123:ABC` was rejected by the server."), TemporaryFailure,
         "InvalidToken: check ONE_DOOR_TELEGRAM_BOT_TOKEN"),
        (lambda: Forbidden("Forbidden: bot was blocked by the user"), PermanentFailure,
         "Forbidden: bot was blocked by the user"),
        (lambda: BadRequest("Bad Request: chat not found"), PermanentFailure, "BadRequest: Chat not found"),
        (lambda: ChatMigrated(-100123), PermanentFailure, "ChatMigrated"),
    ],
    ids=["5xx", "timeout", "rate limit", "bad token", "blocked", "bad request", "migrated"],
)
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # RetryAfter's own constructor
def test_telegram_errors_are_sorted_into_temporary_and_permanent(
    error: Callable[[], TelegramError], expected: type[Exception], text: str
) -> None:
    failure = classify(error())
    assert (type(failure), str(failure)) == (expected, text)
    assert "123:ABC" not in str(failure)


# Sending through PTB to the fake Bot API.


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def database(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    return Database(make_engine(url))


@pytest.fixture
def contacts(database: Database) -> Contacts:
    contacts = Contacts(database)
    contacts.remember("telegram", SENDER, CHAT_ID)
    return contacts


def sender_for(telegram: FakeTelegram, contacts: Contacts, timeout: float = 1.0) -> TelegramSender:
    settings = Settings(
        telegram_bot_token=SecretStr(telegram.token), telegram_api_url=telegram.url, provider_timeout_seconds=timeout
    )
    return TelegramSender(make_bot(settings), contacts)


def delivery(message: Outgoing, recipient: str = SENDER) -> Delivery:
    return Delivery(id=1, channel="telegram", recipient=recipient, message=message, attempts=1)


async def test_a_reply_reaches_the_chat_with_its_keyboard(telegram: FakeTelegram, contacts: Contacts) -> None:
    await sender_for(telegram, contacts)(delivery(Outgoing("I'll send this to Public Works. Is that right?", CONFIRM)))
    [sent] = telegram.messages()
    assert (sent.chat_id, sent.text) == (CHAT_ID, "I'll send this to Public Works. Is that right?")
    assert sent.buttons == [{"text": "Yes, send it", "callback_data": "/affirm"},
                            {"text": "No, start again", "callback_data": "/deny"}]


async def test_a_keyboard_with_a_long_payload_is_remembered_before_it_is_sent(
    telegram: FakeTelegram, contacts: Contacts
) -> None:
    choices = [Choice("Report it", LONG_PAYLOAD)]
    await sender_for(telegram, contacts)(delivery(Outgoing("Shall I?", choices)))
    assert contacts.offered(SENDER) == choices
    [sent] = telegram.messages()
    assert resolve(sent.buttons[0]["callback_data"], contacts.offered(SENDER)) == LONG_PAYLOAD


async def test_a_server_error_is_temporary_and_keeps_no_content(telegram: FakeTelegram, contacts: Contacts) -> None:
    telegram.fail(500, times=1)
    with pytest.raises(TemporaryFailure) as failure:
        await sender_for(telegram, contacts)(delivery(Outgoing("private words")))
    assert CHAT_ID not in str(failure.value) and "private words" not in str(failure.value)
    assert telegram.messages() == []


async def test_a_hanging_api_is_given_up_on_after_the_timeout(telegram: FakeTelegram, contacts: Contacts) -> None:
    telegram.hang(seconds=5, times=1)
    with pytest.raises(TemporaryFailure, match="TimedOut"):
        await sender_for(telegram, contacts, timeout=0.5)(delivery(Outgoing("hello")))
    assert telegram.messages() == []


async def test_an_api_that_is_not_there_is_a_temporary_failure(contacts: Contacts) -> None:
    settings = Settings(telegram_bot_token=SecretStr("1:x"), telegram_api_url="http://127.0.0.1:9",
                        provider_timeout_seconds=1.0)
    with pytest.raises(TemporaryFailure, match="NetworkError"):
        await TelegramSender(make_bot(settings), contacts)(delivery(Outgoing("hello")))


async def test_a_resident_who_blocked_the_bot_is_opted_out(telegram: FakeTelegram, contacts: Contacts) -> None:
    telegram.block(CHAT_ID)
    with pytest.raises(PermanentFailure, match="blocked"):
        await sender_for(telegram, contacts)(delivery(Outgoing("hello")))
    assert contacts.is_opted_out(SENDER)


async def test_a_recipient_with_no_address_is_a_permanent_failure(telegram: FakeTelegram, contacts: Contacts) -> None:
    with pytest.raises(PermanentFailure, match="no address"):
        await sender_for(telegram, contacts)(delivery(Outgoing("hello"), recipient="telegram-unknown"))
    assert telegram.attempts == 0


async def test_flood_control_says_how_long_to_wait(telegram: FakeTelegram, contacts: Contacts) -> None:
    telegram.flood(retry_after=30)
    with pytest.raises(TemporaryFailure) as failure:
        await sender_for(telegram, contacts)(delivery(Outgoing("hello")))
    assert (str(failure.value), failure.value.wait) == ("RetryAfter", timedelta(seconds=30))


async def test_the_outbox_tries_again_exactly_when_telegram_said(
    telegram: FakeTelegram, contacts: Contacts, database: Database
) -> None:
    clock = [T0]
    outbox = Outbox(database, clock=lambda: clock[0])
    loop = DeliveryLoop(outbox, "telegram", sender_for(telegram, contacts), lambda: clock[0])
    outbox.enqueue("telegram", SENDER, Outgoing("after the flood"))
    telegram.flood(retry_after=45)
    assert await loop.run_once() == 1
    clock[0] = T0 + timedelta(seconds=44)  # the backoff alone (2 s) would have tried long before this
    assert await loop.run_once() == 0
    clock[0] = T0 + timedelta(seconds=45)
    assert await loop.run_once() == 1
    assert [sent.text for sent in telegram.messages()] == ["after the flood"]
    assert outbox.counts("telegram")[OutboxStatus.SENT] == 1
