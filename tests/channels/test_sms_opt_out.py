"""Opting out by SMS: STOP, HELP and START as carriers require them, a request to stop put in words, and
which messages a number that opted out is still sent (by the message's kind, never its wording)."""

from __future__ import annotations

import pytest

from bot.messaging.notices import Notice, render
from bot.messaging.outbox import Outgoing, OutboxStatus
from channels.sms import TwilioSms
from tests.channels.test_sms_delivery import CITY, Recorder, channel, receive, send_due, twilio  # noqa: F401
from tests.fakes.twilio import FakeTwilio

STOPPED = render(Notice.SMS_STOPPED, CITY)
HELP = render(Notice.SMS_HELP, CITY)
STARTED = render(Notice.SMS_STARTED, CITY)


async def sent_after(channel: TwilioSms, twilio: FakeTwilio, rasa: Recorder, *texts: str) -> list[str]:
    """Receive each text in turn, sending what is due after each; the SMS bodies the fake got meanwhile."""
    before = len(twilio.messages())
    for text in texts:
        await receive(channel, rasa, text)
        await send_due(channel)
    return [message.body for message in twilio.messages()[before:]]


async def test_stop_is_confirmed_and_nothing_else_is_sent_after_it(channel: TwilioSms, twilio: FakeTwilio) -> None:
    rasa = Recorder()
    sender = await receive(channel, rasa, "when is my trash picked up")
    await channel.runtime.enqueue(sender, Outgoing("queued before the STOP"))
    await receive(channel, rasa, "Stop")
    await channel.runtime.enqueue(sender, Outgoing("queued after the STOP"))
    for _ in range(3):
        await send_due(channel)
    assert [m.body for m in twilio.messages()] == [STOPPED]
    assert [m.text for m in rasa.messages] == ["when is my trash picked up"]
    assert channel.runtime.contacts.is_opted_out(sender)
    assert channel.runtime.outbox.counts("sms")[OutboxStatus.FAILED] == 1  # the reply queued before the STOP


async def test_stop_and_help_after_an_opt_out_are_answered_once_each(channel: TwilioSms, twilio: FakeTwilio) -> None:
    rasa = Recorder()
    assert await sent_after(channel, twilio, rasa, "STOP") == [STOPPED]
    assert await sent_after(channel, twilio, rasa, "HELP") == [HELP]
    assert await sent_after(channel, twilio, rasa, "stop") == [STOPPED]
    # Answered once each since the opt-out: a third STOP or a second HELP gets nothing, nor do other words.
    assert await sent_after(channel, twilio, rasa, "STOP", "help", "STOPALL", "hello?") == []
    assert [m.text for m in rasa.messages] == ["hello?"]
    assert await sent_after(channel, twilio, rasa, "START") == [STARTED]
    # Subscribed again: the count starts over.
    again = await sent_after(channel, twilio, rasa, "HELP", "HELP", "STOP", "STOP", "STOP")
    assert again == [HELP, HELP, STOPPED, STOPPED]


async def test_help_before_any_opt_out_is_always_answered(channel: TwilioSms, twilio: FakeTwilio) -> None:
    assert await sent_after(channel, twilio, Recorder(), "help", "HELP", "Help!") == [HELP, HELP, HELP]


async def test_the_stop_confirmation_is_sent_by_its_kind_even_if_its_wording_changed(
    channel: TwilioSms, twilio: FakeTwilio
) -> None:
    await receive(channel, Recorder(), "STOP")
    # The template is edited (and the server restarted) between queueing and sending.
    channel.runtime.notices[Notice.SMS_STOPPED] = "You are unsubscribed. Reply START to come back."
    await send_due(channel)
    assert [m.body for m in twilio.messages()] == [STOPPED]


async def test_a_reply_worded_like_the_confirmation_is_not_sent_after_an_opt_out(
    channel: TwilioSms, twilio: FakeTwilio
) -> None:
    sender = await receive(channel, Recorder(), "hello")
    await channel.runtime.enqueue(sender, Outgoing(STOPPED))  # a reply, not the confirmation
    await receive(channel, Recorder(), "STOP")
    for _ in range(3):
        await send_due(channel)
    assert [m.body for m in twilio.messages()] == [STOPPED]
    # By wording, both would have gone out; by kind, only the confirmation does.
    counts = channel.runtime.outbox.counts("sms")
    assert (counts[OutboxStatus.SENT], counts[OutboxStatus.FAILED]) == (1, 1)


@pytest.mark.parametrize(
    "words",
    ["Please stop texting me", "stop messaging me!!", "unsubscribe me", "Don't message me again", "no more texts",
     "deja de enviarme mensajes", "No me manden más mensajes", "ya no me escriban", "quiero darme de baja"],
)
async def test_a_request_to_stop_in_words_opts_the_number_out_like_stop(
    channel: TwilioSms, twilio: FakeTwilio, words: str
) -> None:
    rasa = Recorder()
    sender = await receive(channel, rasa, "hi")
    assert await sent_after(channel, twilio, rasa, words) == [STOPPED]
    assert channel.runtime.contacts.is_opted_out(sender)
    assert [m.text for m in rasa.messages] == ["hi"]


@pytest.mark.parametrize(
    "words", ["my ex won't stop texting me", "the stop sign is down", "stop texting me, I want to end it all"]
)
async def test_words_that_only_look_like_a_request_to_stop_reach_the_assistant(
    channel: TwilioSms, twilio: FakeTwilio, words: str
) -> None:
    rasa = Recorder()
    sender = await receive(channel, rasa, words)
    await send_due(channel)
    assert [m.text for m in rasa.messages] == [words]
    assert twilio.messages() == [] and not channel.runtime.contacts.is_opted_out(sender)
