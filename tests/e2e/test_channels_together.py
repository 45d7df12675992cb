"""SMS and Telegram on one assistant: replies queued while both providers are down survive a restart of the
assistant and are delivered exactly once after the providers recover; a case opened on Telegram is then
checked by its reference over SMS.

The module's fixture runs the first assistant through the outage and stops it, then starts a second one on
the same databases and key; both tests use the second.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
from sqlalchemy import select

from bot.db import Database, make_engine
from bot.messaging.outbox import OutboxRecord, OutboxStatus
from scripts.assistant import MODEL, Assistant, running_assistant
from tests.fakes import QUICK_OUTBOX, eventually
from tests.fakes.telegram import FakeTelegram, TelegramResident
from tests.fakes.twilio import FakeTwilio

SECRET = "together_" + secrets.token_hex(8)
KEY = secrets.token_urlsafe(32)
NUMBER = "+15550104477"
QUESTION = "when is my trash picked up"
ANSWER = "picked up once a week"  # from the collection_schedule answer in the sample catalogue
QUIET_SECONDS = 3.0


@dataclass(frozen=True)
class Restarted:
    assistant: Assistant
    twilio: FakeTwilio
    telegram: FakeTelegram
    resident: TelegramResident

    @property
    def sms_webhook(self) -> str:
        return f"{self.assistant.base_url}/webhooks/sms/webhook"

    def outbox(self) -> list[tuple[str, OutboxStatus]]:
        with Database(make_engine(self.assistant.database_url)).transaction() as session:
            return [(r.channel, r.status) for r in session.execute(select(OutboxRecord)).scalars()]


@pytest.fixture(scope="module")
def restarted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Restarted]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("together")
    with FakeTwilio() as twilio, FakeTelegram() as telegram:
        env = {**twilio.settings(), **telegram.settings(SECRET), **QUICK_OUTBOX, "ONE_DOOR_PSEUDONYM_KEY": KEY}
        twilio.fail(500)
        telegram.fail(503)
        with running_assistant(work, env=env) as first:
            resident = TelegramResident(telegram, f"{first.base_url}/webhooks/telegram/webhook", SECRET)
            assert resident.say(QUESTION).status_code == 200
            assert twilio.deliver(f"{first.base_url}/webhooks/sms/webhook", NUMBER, QUESTION).status_code == 200
            twilio.wait_for_attempts(2)
            telegram.wait_for_attempts(2)
        assert twilio.messages() == [] and telegram.messages() == []
        with running_assistant(work, env=env) as second:
            resident.webhook_url = f"{second.base_url}/webhooks/telegram/webhook"
            yield Restarted(second, twilio, telegram, resident)


def test_replies_queued_in_an_outage_survive_a_restart_and_arrive_once(restarted: Restarted) -> None:
    pending = restarted.outbox()
    assert pending and {status for _, status in pending} == {OutboxStatus.PENDING}
    assert {channel for channel, _ in pending} == {"sms", "telegram"}
    health = requests.get(f"{restarted.assistant.base_url}/webhooks/sms/", timeout=10).json()
    assert health["status"] == "ok" and health["outbox"]["pending"] == len([r for r in pending if r[0] == "sms"])
    restarted.twilio.recover()
    restarted.telegram.recover()

    eventually(restarted.outbox, lambda rows: {s for _, s in rows} == {OutboxStatus.SENT}, 30, "every reply sent")
    time.sleep(QUIET_SECONDS)
    sms_answers = [m.body for m in restarted.twilio.messages(NUMBER) if ANSWER in m.body]
    telegram_answers = [c.text for c in restarted.resident.replies() if ANSWER in c.text]
    assert len(sms_answers) == 1 and len(telegram_answers) == 1
    assert len(restarted.twilio.messages(NUMBER)) == len([r for r in restarted.outbox() if r[0] == "sms"])


def test_a_case_opened_on_telegram_is_checked_by_its_reference_over_sms(restarted: Restarted) -> None:
    restarted.twilio.recover()
    restarted.telegram.recover()
    resident = restarted.resident
    resident.say("there's a pothole on my street")
    resident.reply_containing("Where is it?")
    resident.share_location(42.36011, -71.05893)
    resident.reply_containing("What's the problem?")
    resident.say("a deep pothole in the right lane")
    confirm = resident.reply_containing("I'll send this to Public Works:")
    resident.tap(confirm, "Yes, send it")
    reference = resident.reply_containing("Your case reference is ").text.split("Your case reference is ")[1][:11]

    texter = "+15550109911"
    assert restarted.twilio.deliver(restarted.sms_webhook, texter, f"status of {reference.lower()}").status_code == 200
    [reply] = restarted.twilio.wait_for(texter)
    assert f"Case {reference} (Report a pothole) was received by Public Works" in reply.body
