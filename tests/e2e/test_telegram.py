"""Telegram end to end: the real assistant, updates in the Bot API's JSON shapes posted to its webhook with
the secret, and replies caught by a fake Bot API that python-telegram-bot is pointed at.

One assistant serves every test here; each test is a resident with a chat of their own. The last test reads
the tracker database and every log for every chat id used.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bot.attachments import Attachment, AttachmentKind
from bot.cases import CaseStore
from bot.db import Database, make_engine
from bot.messaging.contacts import pseudonym
from bot.messaging.notices import Notice, render
from bot.messaging.outbox import OutboxRecord, OutboxStatus, Outgoing
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from scripts.assistant import MODEL, Assistant, running_assistant
from tests.fakes.telegram import FakeTelegram, TelegramResident
from tests.e2e.conftest import VAGUE_REQUEST
from tests.e2e.test_console import PASSWORD, staff_page
from tests.fakes.disclosure import disclosed

SECRET = "e2e-secret_" + secrets.token_hex(8)
KEY = secrets.token_urlsafe(32)
CITY = "City of Harborview"
# How long a test waits to be sure that something is not sent.
QUIET_SECONDS = 2.0
GREETING = "What can I help you with?"
USED_CHATS: list[int] = []


@dataclass(frozen=True)
class TelegramAssistant:
    assistant: Assistant
    telegram: FakeTelegram
    work: Path

    @property
    def webhook(self) -> str:
        return f"{self.assistant.base_url}/webhooks/telegram/webhook"

    @property
    def database(self) -> Database:
        return Database(make_engine(self.assistant.database_url))

    def resident(self) -> TelegramResident:
        resident = TelegramResident(self.telegram, self.webhook, SECRET)
        USED_CHATS.append(resident.chat_id)
        return resident


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TelegramAssistant]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("telegram")
    with FakeTelegram() as telegram:
        env = {
            **telegram.settings(SECRET),
            "ONE_DOOR_PSEUDONYM_KEY": KEY,
            "ONE_DOOR_OUTBOX_RETRY_SECONDS": "0.2",
            "ONE_DOOR_OUTBOX_RETRY_CEILING_SECONDS": "1",
            "ONE_DOOR_PROVIDER_TIMEOUT_SECONDS": "2",
        }
        with running_assistant(work, env=env) as assistant:
            yield TelegramAssistant(assistant, telegram, work)


def notice(kind: Notice) -> str:
    return render(kind, CITY)


def test_a_missing_or_wrong_secret_is_refused_and_nothing_is_sent(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    update = resident.message_update(text="hello")
    assert resident.post(update, secret=None).status_code == 403
    assert resident.post(update, secret="guessed-secret").status_code == 403
    time.sleep(QUIET_SECONDS)
    assert resident.replies() == []


def test_start_greets_the_resident_in_their_chat(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("/start")
    greeting = resident.reply_containing(GREETING)
    assert greeting.chat_id == str(resident.chat_id)
    assert greeting.params.get("reply_markup") is None


def test_text_gets_the_answer_from_the_catalogue(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("when is my trash picked up")
    assert "picked up" in resident.reply_containing("picked up").text


def test_a_miss_offers_services_as_an_inline_keyboard_and_a_tap_picks_one(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say(VAGUE_REQUEST)
    offer = resident.reply_containing("Sorry, I'm not sure I understood.")
    assert offer.buttons and all(button["callback_data"].startswith("/") for button in offer.buttons)
    answers_before = len(bot.telegram.calls("answerCallbackQuery"))
    resident.tap(offer, offer.buttons[0]["text"])
    bot.telegram.wait_for_calls("answerCallbackQuery", answers_before + 1)
    assert not resident.next_reply().text.startswith("Sorry, I'm not sure I understood.")


def test_a_report_with_a_shared_location_and_a_photo_files_a_case_carrying_both(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("there's a pothole on my street")
    resident.reply_containing("Where is it?")
    resident.share_location(42.36011, -71.05893)
    resident.reply_containing("What's the problem?")
    resident.send_photo("AgACAgQAAxkBAAIBpothole")
    resident.reply_containing(notice(Notice.PHOTO_KEPT))
    resident.say("a deep pothole in the right lane, cars swerve around it")
    confirm = resident.reply_containing("I'll send this to Public Works:")
    assert "42.36011, -71.05893" in confirm.text
    assert [(b["text"], b["callback_data"]) for b in confirm.buttons] == [
        ("Yes, send it", "/affirm"), ("No, start again", "/deny"),
    ]
    answers_before = len(bot.telegram.calls("answerCallbackQuery"))
    resident.tap(confirm, "Yes, send it")
    filed = resident.reply_containing("Your case reference is ")
    bot.telegram.wait_for_calls("answerCallbackQuery", answers_before + 1)

    reference = filed.text.split("Your case reference is ")[1][:11]
    store = CaseStore(bot.database)
    [case] = [c for c in store.list({"public_works"}) if c.view.reference == reference]
    assert (case.channel, case.location) == ("telegram", "42.36011, -71.05893")
    assert case.description == "a deep pothole in the right lane, cars swerve around it"
    assert case.attachments == [
        Attachment(AttachmentKind.PHOTO, "telegram-file:AgACAgQAAxkBAAIBpothole-1280", "telegram")
    ]


def test_a_location_shared_first_is_kept_for_the_report_that_follows(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.share_location(42.35, -71.06)
    resident.reply_containing("Thanks, I have the location. What would you like to report there?")
    resident.say("street light out on my block")
    resident.reply_containing("What's the problem?")
    assert not any("Where is it?" in call.text for call in resident.replies())


@pytest.mark.parametrize("send", ["send_voice", "send_sticker"])
def test_voice_and_stickers_get_a_polite_answer(bot: TelegramAssistant, send: str) -> None:
    resident = bot.resident()
    getattr(resident, send)()
    # The first message a Telegram resident receives carries the disclosure line once (bot/messaging/outbox.py).
    expected = disclosed("telegram", notice(Notice.UNSUPPORTED_CONTENT))
    assert resident.reply_containing("I can read text, locations and photos").text == expected


def test_a_repeated_update_is_processed_once(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    update = resident.message_update(text="hi")
    assert resident.post(update).status_code == 200
    assert resident.post(update).status_code == 200
    resident.reply_containing(GREETING)
    time.sleep(QUIET_SECONDS)
    assert len([call for call in resident.replies() if GREETING in call.text]) == 1


def test_replies_queued_during_an_outage_are_delivered_once_each_after_it(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    recipient = pseudonym("telegram", str(resident.chat_id), KEY.encode())
    attempts = bot.telegram.attempts
    bot.telegram.fail(500)
    for question in ("when is my trash picked up", "how do I register to vote", "hi"):
        resident.say(question)
    bot.telegram.wait_for_attempts(attempts + 4)
    bot.telegram.hang(seconds=5, times=2)
    bot.telegram.wait_for_attempts(attempts + 6)
    assert resident.replies() == []
    bot.telegram.recover()

    queued = _wait_until_sent(bot, recipient)
    assert len(queued) >= 3
    time.sleep(QUIET_SECONDS)
    assert [call.text for call in resident.replies()] == [message.text for message in queued]


def test_the_chat_id_and_token_never_reach_the_trackers_or_any_log(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("my name is Test and my bin was missed")
    resident.next_reply()
    tracker = bot.assistant.tracker_db.read_bytes()
    logs = "\n".join(path.read_text(errors="replace") for path in bot.work.glob("*.log"))
    assert "rasa.log" in [path.name for path in bot.work.glob("*.log")]
    assert USED_CHATS and [chat for chat in USED_CHATS if str(chat).encode() in tracker] == []
    assert [chat for chat in USED_CHATS if str(chat) in logs] == []
    assert bot.telegram.token not in logs and SECRET not in logs


def _wait_until_sent(bot: TelegramAssistant, recipient: str, timeout: float = 60.0) -> list[Outgoing]:
    """Every message queued for `recipient`, in order, once none is waiting any more."""
    deadline = time.monotonic() + timeout
    while True:
        with bot.database.transaction() as session:
            rows = session.query(OutboxRecord).filter_by(recipient=recipient).order_by(OutboxRecord.id).all()
            statuses = {row.status for row in rows}
            queued = [Outgoing.from_json(row.body) for row in rows]
        if rows and statuses == {OutboxStatus.SENT}:
            return queued
        assert time.monotonic() < deadline, f"still waiting to be sent: {statuses}"
        time.sleep(0.2)


def test_a_resident_whose_telegram_is_in_spanish_is_answered_in_spanish(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.user["language_code"] = "es"
    resident.say("ok")  # says nothing of its language: the app's language answers
    resident.say("hay un perro muerto en la calle enfrente de mi casa")
    assert "Si un animal" in resident.reply_containing("animal").text


def test_a_spanish_report_by_telegram_is_filed_and_looked_up_in_spanish(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("hay un bache enorme en mi calle, casi me rompe la llanta")
    resident.reply_containing("¿Dónde es?")
    resident.say("esquina de Fictional Ave y la calle 3")
    resident.reply_containing("¿Cuál es el problema?")
    resident.say("es un hoyo grande en el carril derecho y los carros se desvían")
    confirm = resident.reply_containing("Voy a enviarle esto a Obras Públicas")
    resident.tap(confirm, "Sí, enviar")
    filed = resident.reply_containing("El número de su caso es ")
    reference = filed.text.split("El número de su caso es ")[1][:11]
    case = CaseStore(bot.database).find(reference)
    assert case is not None and (case.service_id, case.language) == ("pothole_report", "es")
    resident.say(f"estado {reference}")
    assert "Obras Públicas" in resident.reply_containing(f"El caso {reference}").text


def test_a_spanish_crisis_by_telegram_gets_988_with_its_spanish_option(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("ya no quiero vivir, no aguanto más")
    assert "911" in resident.reply_containing("988 y oprima 2").text


def test_a_spanish_telegram_resident_reaches_a_person_whose_reply_comes_back_in_spanish(
    bot: TelegramAssistant, browser: Browser
) -> None:
    StaffDirectory(bot.database).add("tg.es.agent", "Pat Ejemplo", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    resident = bot.resident()
    resident.say("quiero hablar con una persona por favor")
    resident.reply_containing("Pasé su conversación")
    [handoff] = [h for h in Queues(bot.database).waiting() if h.conversation_id == resident_sender(resident)]
    assert handoff.language == "es"
    agent = staff_page(browser, bot.assistant, "tg.es.agent")
    agent.goto(f"{bot.assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()
    agent.get_by_label("Message to the resident").fill("Hola, soy Pat. ¿En qué calle vive?")
    agent.get_by_role("button", name="Send reply").click()
    signed = "Pat, de Centro de Atención 311: Hola, soy Pat. ¿En qué calle vive?"
    assert resident.reply_containing(signed).text == signed


def test_a_telegram_resident_switches_language_in_the_middle_of_a_report(bot: TelegramAssistant) -> None:
    resident = bot.resident()
    resident.say("the street light on my corner is out")
    resident.reply_containing("Where is it?")
    resident.say("en español por favor")
    resident.reply_containing("seguimos en español")
    resident.reply_containing("¿Dónde es?")  # the report's question again, now in Spanish


def resident_sender(resident: TelegramResident) -> str:
    return pseudonym("telegram", str(resident.chat_id), KEY.encode())
