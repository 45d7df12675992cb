"""Sending SMS through twilio's own client to the fake Twilio API over real HTTP, and what the channel does
with opt-outs, keywords, pictures and numbered choices before the assistant is involved."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from rasa.core.channels.channel import UserMessage

from bot import migrate
from bot.attachments import Attachment, AttachmentKind
from bot.cases import CaseStore, NewCase
from bot.db import Database, make_engine, utc_now
from bot.messaging.contacts import Choice
from bot.messaging.delivery import PermanentFailure, TemporaryFailure
from bot.messaging.notices import Notice, render
from bot.messaging.outbox import Delivery, Outgoing
from bot.settings import Settings, get_settings
from channels.sms import InboundSms, Media, TwilioSms
from channels.twilio_provider import TwilioSender, Unsubscribed
from tests.fakes.disclosure import disclosed
from tests.fakes.twilio import FROM_NUMBER, FakeTwilio

PHONE = "+15550100002"
CITY = "City of Harborview"
PICTURE = Media("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1", "image/jpeg")


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio() as fake:
        yield fake


def sender_for(twilio: FakeTwilio, timeout: float = 2.0, service: str = "") -> TwilioSender:
    return TwilioSender(twilio.account_sid, twilio.auth_token, FROM_NUMBER, service, twilio.url, timeout)


def test_a_message_reaches_the_api_with_to_from_and_body(twilio: FakeTwilio) -> None:
    sid = sender_for(twilio).send(PHONE, "Your case HVX-4KT-7QM is open.")
    [sent] = twilio.messages()
    assert (sent.sid, sent.to, sent.from_, sent.body) == (sid, PHONE, FROM_NUMBER, "Your case HVX-4KT-7QM is open.")
    assert sent.account_sid == twilio.account_sid


def test_a_messaging_service_sends_instead_of_a_number(twilio: FakeTwilio) -> None:
    sender_for(twilio, service="MG" + "1" * 32).send(PHONE, "hello")
    [sent] = twilio.messages()
    assert (sent.from_, sent.messaging_service_sid) == ("", "MG" + "1" * 32)


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (500, 20500, TemporaryFailure),
        (503, 20503, TemporaryFailure),
        (429, 20429, TemporaryFailure),
        (400, 21211, PermanentFailure),
        (400, 21610, Unsubscribed),
        (404, 20404, PermanentFailure),
    ],
)
def test_twilio_errors_are_sorted_into_temporary_and_permanent(
    twilio: FakeTwilio, status: int, code: int, expected: type[Exception]
) -> None:
    twilio.fail(status, code, times=1)
    with pytest.raises(expected) as raised:
        sender_for(twilio).send(PHONE, "hello")
    assert type(raised.value) is expected
    assert str(raised.value) == f"twilio status={status} code={code}"  # no number, no text
    assert twilio.messages() == []


def test_wrong_credentials_wait_for_the_operator_rather_than_dropping_messages(twilio: FakeTwilio) -> None:
    wrong = TwilioSender(twilio.account_sid, "not-the-token", FROM_NUMBER, "", twilio.url, 2.0)
    with pytest.raises(TemporaryFailure, match="status=401"):
        wrong.send(PHONE, "hello")


def test_a_hanging_api_is_given_up_on_after_the_timeout(twilio: FakeTwilio) -> None:
    twilio.hang(seconds=2.0, times=1)
    started = time.monotonic()
    with pytest.raises(TemporaryFailure, match="twilio unreachable: ReadTimeout"):
        sender_for(twilio, timeout=0.5).send(PHONE, "hello")
    assert time.monotonic() - started < 1.5
    sender_for(twilio).send(PHONE, "hello again")
    assert [m.body for m in twilio.messages()] == ["hello again"]


def test_an_api_that_is_not_there_is_a_temporary_failure() -> None:
    with FakeTwilio() as gone:
        url = gone.url
    with pytest.raises(TemporaryFailure, match="twilio unreachable: ConnectionError"):
        TwilioSender("AC" + "0" * 32, "token", FROM_NUMBER, "", url, 1.0).send(PHONE, "hello")


# The channel, with a real database and the fake API, but no Rasa.


class Recorder:
    """Stands in for Rasa: keeps the messages the channel hands over."""

    def __init__(self) -> None:
        self.messages: list[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.messages.append(message)


@pytest.fixture
def channel(tmp_path: Path, twilio: FakeTwilio) -> TwilioSms:
    url = f"sqlite:///{tmp_path / 'onedoor.db'}"
    migrate.upgrade(url)
    settings = Settings(
        database_url=url, outbox_retry_seconds=0.1, pseudonym_key=SecretStr("test key"),
        twilio_account_sid=twilio.account_sid, twilio_auth_token=SecretStr(twilio.auth_token),
        twilio_from_number=FROM_NUMBER, twilio_api_url=twilio.url,
        provider_timeout_seconds=2.0,
    )
    return TwilioSms(settings)


async def receive(channel: TwilioSms, rasa: Recorder, text: str, media: tuple[Media, ...] = ()) -> str:
    """Let the channel handle one inbound message; returns the sender id it used."""
    inbound = InboundSms(f"SM{time.monotonic_ns()}", PHONE, text, media)
    senders: list[str] = []

    async def handle(sender_id: str) -> None:
        senders.append(sender_id)
        await channel._handle(inbound, rasa, sender_id)

    assert await channel.runtime.receive(inbound.message_sid, inbound.sender, handle)
    return senders[0]


async def send_due(channel: TwilioSms) -> None:
    await channel.runtime.loop.run_once()


async def test_help_is_answered_by_the_channel(channel: TwilioSms, twilio: FakeTwilio) -> None:
    rasa = Recorder()
    await receive(channel, rasa, " help ")
    await send_due(channel)
    assert [m.body for m in twilio.messages()] == [render(Notice.SMS_HELP, CITY)]
    assert rasa.messages == []


async def test_a_number_twilio_says_unsubscribed_is_opted_out(channel: TwilioSms, twilio: FakeTwilio) -> None:
    sender = await receive(channel, Recorder(), "hello")
    twilio.fail(400, 21610, times=1)
    await channel.runtime.enqueue(sender, Outgoing("hello"))
    [delivery] = channel.runtime.outbox.lease("sms", utc_now())
    with pytest.raises(Unsubscribed):
        await channel.deliver(delivery)
    assert channel.runtime.contacts.is_opted_out(sender)


async def test_a_recipient_with_no_address_is_a_permanent_failure(channel: TwilioSms) -> None:
    with pytest.raises(PermanentFailure, match="no address"):
        await channel.deliver(Delivery(1, "sms", "sms-unknown", Outgoing("hi"), 1))


async def test_a_picture_alone_is_kept_for_the_case_without_asking_the_assistant(
    channel: TwilioSms, twilio: FakeTwilio, tmp_path: Path
) -> None:
    rasa = Recorder()
    sender = await receive(channel, rasa, "", (PICTURE,))
    await receive(channel, rasa, "it is on Elm Street", (PICTURE,))
    await send_due(channel)
    assert [m.body for m in twilio.messages()] == [disclosed("sms", render(Notice.PHOTO_KEPT, CITY))]
    assert [m.text for m in rasa.messages] == ["it is on Elm Street"]
    store = CaseStore(Database(make_engine(f"sqlite:///{tmp_path / 'onedoor.db'}")))
    store.create(NewCase("pothole_report", "public_works", "sms", sender))
    [case] = store.for_conversation(sender)
    assert case.attachments == [
        Attachment(AttachmentKind.PHONE, PHONE, "sms"), Attachment(AttachmentKind.PHOTO, PICTURE.url, "sms"),
    ]


async def test_media_that_is_not_a_picture_gets_a_polite_answer(channel: TwilioSms, twilio: FakeTwilio) -> None:
    rasa = Recorder()
    await receive(channel, rasa, "", (Media("https://api.twilio.com/x/ME2", "audio/amr"),))
    await send_due(channel)
    assert [m.body for m in twilio.messages()] == [disclosed("sms", render(Notice.UNSUPPORTED_CONTENT, CITY))]
    assert rasa.messages == []


async def test_a_number_picks_the_offered_choice_and_words_stay_words(channel: TwilioSms, twilio: FakeTwilio) -> None:
    rasa = Recorder()
    sender = await receive(channel, rasa, "blorp")
    choices = [Choice("Potholes", "/pothole_report"), Choice("Trash", "/missed_collection")]
    await channel.runtime.enqueue(sender, Outgoing("Did you mean", choices))
    await send_due(channel)
    assert twilio.messages()[0].body.endswith("1. Potholes\n2. Trash\nReply with a number.")
    for reply in ("2", "potholes", "3", "the second one", "/restart"):
        await receive(channel, rasa, reply)
    expected = ["/missed_collection", "/pothole_report", "3", "the second one", "restart"]
    assert [m.text for m in rasa.messages][1:] == expected

    await channel.runtime.enqueue(sender, Outgoing("Where is it?"))  # a reply without choices forgets them
    await send_due(channel)
    await receive(channel, rasa, "2")
    assert rasa.messages[-1].text == "2"



async def test_a_failed_message_is_retried_when_a_fixed_clock_is_set(
    channel: TwilioSms, twilio: FakeTwilio, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Demonstrations and end-to-end tests fix the clock for office hours; retries must still come due.
    monkeypatch.setenv("ONE_DOOR_CLOCK", "2026-11-23T18:00:00+00:00")
    get_settings.cache_clear()
    try:
        sender = await receive(channel, Recorder(), "hello")
        twilio.fail(500, times=1)
        await channel.runtime.enqueue(sender, Outgoing("after the outage"))
        await send_due(channel)
        time.sleep(0.2)
        await send_due(channel)
    finally:
        get_settings.cache_clear()
    assert [m.body for m in twilio.messages()] == [disclosed("sms", "after the outage")]


async def test_only_the_first_reply_to_a_resident_carries_the_disclosure(channel: TwilioSms, twilio: FakeTwilio) -> None:
    sender = await receive(channel, Recorder(), "hello")
    for text in ("first answer", "second answer"):
        await channel.runtime.enqueue(sender, Outgoing(text))
        await send_due(channel)
    assert [m.body for m in twilio.messages()] == [disclosed("sms", "first answer"), "second answer"]


async def test_the_answer_to_help_is_not_given_the_disclosure_but_counts_as_the_first_message(
    channel: TwilioSms, twilio: FakeTwilio
) -> None:
    sender = await receive(channel, Recorder(), "HELP")
    await channel.runtime.enqueue(sender, Outgoing("an answer"))
    await send_due(channel)
    await send_due(channel)
    assert [m.body for m in twilio.messages()] == [render(Notice.SMS_HELP, CITY), "an answer"]
