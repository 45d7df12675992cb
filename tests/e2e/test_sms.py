"""SMS end to end: the real assistant, webhooks signed as Twilio signs them, replies caught by a fake Twilio API.

One assistant serves every test here; each test texts from a number of its own. The last test reads the
tracker database and every log for all the numbers used.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page
from twilio.request_validator import RequestValidator

from bot.cases import CaseStore
from bot.catalog import load_catalog
from bot.db import Database, make_engine
from bot.i18n.catalog import translate_catalog
from bot.attachments import Attachment, AttachmentKind
from bot.messaging.contacts import pseudonym
from bot.messaging.notices import Notice, render
from bot.messaging.outbox import OutboxRecord, OutboxStatus, Outgoing
from bot.messaging.segments import segments
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from channels.sms import EMPTY_TWIML
from scripts.assistant import MODEL, Assistant, running_assistant
from tests.e2e.test_console import PASSWORD, staff_page
from tests.conftest import CATALOG_DIR
from tests.fakes import QUICK_OUTBOX
from tests.fakes.disclosure import disclosed
from tests.fakes.twilio import FROM_NUMBER, FakeTwilio
from tests.e2e.conftest import VAGUE_REQUEST

KEY = secrets.token_urlsafe(32)
CITY = "City of Harborview"
SETTLE_SECONDS = 30.0
# How long a test waits to be sure that something is not sent.
QUIET_SECONDS = 2.0
PICTURE = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0"
USED_NUMBERS: list[str] = []
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class SmsAssistant:
    assistant: Assistant
    twilio: FakeTwilio
    work: Path

    @property
    def webhook(self) -> str:
        return f"{self.assistant.base_url}/webhooks/sms/webhook"

    @property
    def database(self) -> Database:
        return Database(make_engine(self.assistant.database_url))


@pytest.fixture(scope="module")
def sms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmsAssistant]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    work = tmp_path_factory.mktemp("sms")
    with FakeTwilio() as twilio:
        env = {**twilio.settings(), **QUICK_OUTBOX, "ONE_DOOR_PSEUDONYM_KEY": KEY}
        with running_assistant(work, env=env) as assistant:
            yield SmsAssistant(assistant, twilio, work)


@dataclass
class Resident:
    """Someone texting the city from their own number."""

    sms: SmsAssistant
    phone: str = field(default_factory=lambda: f"+1555{secrets.randbelow(10**7):07d}")

    def __post_init__(self) -> None:
        USED_NUMBERS.append(self.phone)

    @property
    def sender_id(self) -> str:
        return pseudonym("sms", self.phone, KEY.encode())

    def texts(
        self, body: str, media: Sequence[tuple[str, str]] = (), message_sid: str | None = None
    ) -> requests.Response:
        response = self.sms.twilio.deliver(self.sms.webhook, self.phone, body, media, message_sid)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml") and response.text == EMPTY_TWIML
        return response

    def received(self) -> list[str]:
        return [message.body for message in self.sms.twilio.messages(self.phone)]

    def says(self, body: str, media: Sequence[tuple[str, str]] = ()) -> list[str]:
        """Text the city and return the SMS that came back for it."""
        before = len(self.received())
        self.texts(body, media)
        self.settle()
        return self.received()[before:]

    def settle(self) -> None:
        """Wait until the outbox holds nothing pending for this resident: every reply sent (or dropped)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        while self.outbox(OutboxStatus.PENDING):
            assert time.monotonic() < deadline, "replies still pending in the outbox"
            time.sleep(0.1)

    def outbox(self, status: OutboxStatus) -> list[str]:
        with self.sms.database.transaction() as session:
            rows = session.query(OutboxRecord).filter_by(recipient=self.sender_id, status=status)
            return [Outgoing.from_json(row.body).text for row in rows.order_by(OutboxRecord.id)]

    def user_events(self) -> list[str]:
        """What Rasa's tracker store holds as this resident's messages."""
        with sqlite3.connect(self.sms.assistant.tracker_db) as tracker:
            rows = tracker.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (self.sender_id,)
            ).fetchall()
        return [json.loads(data)["text"] for (data,) in rows]


def test_forged_and_unsigned_requests_are_refused_and_reach_nothing(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    twilio = sms.twilio
    form = twilio.inbound_form(resident.phone, "when is my trash picked up")
    unsigned = requests.post(sms.webhook, data=form, timeout=10)
    forged = {"X-Twilio-Signature": RequestValidator("not the auth token").compute_signature(sms.webhook, form)}
    impostor = requests.post(sms.webhook, data=form, headers=forged, timeout=10)
    other_url = twilio.post_signed(sms.webhook, form, signed_url="https://onedoor.example.test/webhooks/sms/webhook")
    signature = twilio.signature(sms.webhook, form)
    tampered = requests.post(
        sms.webhook, data={**form, "Body": "something else"}, headers={"X-Twilio-Signature": signature}, timeout=10
    )
    assert [r.status_code for r in (unsigned, impostor, other_url, tampered)] == [403, 403, 403, 403]
    time.sleep(QUIET_SECONDS)
    assert resident.received() == []
    with sqlite3.connect(sms.assistant.tracker_db) as tracker:
        events = tracker.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (resident.sender_id,))
        assert events.fetchone() == (0,)


def test_a_text_is_answered_through_twilios_api(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    replies = resident.says("when is my trash picked up")
    assert "picked up" in " ".join(replies)
    assert {message.from_ for message in sms.twilio.messages(resident.phone)} == {FROM_NUMBER}
    assert resident.user_events() == ["when is my trash picked up"]


def test_the_first_reply_alone_says_it_is_an_automated_assistant(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    first = resident.says("when is my trash picked up")
    second = resident.says("when is my trash picked up")
    line = render(Notice.SMS_DISCLOSURE, CITY)
    assert first[0].startswith(line + "\n\n")
    assert line not in " ".join(first[1:] + second)


def test_an_answer_by_sms_is_its_short_form_in_two_segments(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    resident.says("hello")
    [answer, *_] = resident.says("when is my trash picked up")
    assert answer == load_catalog(CATALOG_DIR).services["collection_schedule"].sms_answer
    assert segments(answer) <= 2


def test_buttons_become_a_numbered_list_and_a_number_picks_one(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    [offer] = resident.says(VAGUE_REQUEST)
    assert offer.startswith(disclosed("sms", "Sorry, I'm not sure I understood."))
    assert offer.endswith("Reply with a number.") and "\n1. " in offer
    first_title = offer.split("\n1. ")[1].split("\n")[0]
    replies = resident.says("1")
    assert replies and not replies[0].startswith("Sorry, I'm not sure I understood.")
    picked = resident.user_events()[-1]
    assert picked.startswith("/"), f"expected the first button's payload, Rasa got {picked!r} for {first_title!r}"


def test_a_report_by_sms_with_a_picture_files_a_case_carrying_the_photo_and_number(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    assert resident.says("", media=[(PICTURE, "image/jpeg")]) == [disclosed("sms", render(Notice.PHOTO_KEPT, CITY))]
    assert "Where is it?" in " ".join(resident.says("there's a pothole outside my house"))
    assert "What's the problem?" in " ".join(resident.says("14 Fictional Lane"))
    [confirm] = resident.says("deep hole by the bus stop")
    assert "1. Yes, send it" in confirm
    filed = " ".join(resident.says("1"))
    reference = filed.split("Your case reference is ")[1][:11]

    store = CaseStore(sms.database)
    assert store.find(reference) is not None
    [case] = [c for c in store.for_conversation(resident.sender_id) if c.view.reference == reference]
    assert (case.channel, case.location, case.description) == ("sms", "14 Fictional Lane", "deep hole by the bus stop")
    assert set(case.attachments) == {
        Attachment(AttachmentKind.PHOTO, PICTURE, "sms"), Attachment(AttachmentKind.PHONE, resident.phone, "sms"),
    }
    assert "" not in resident.user_events()  # the picture alone never reached the assistant


def test_help_is_answered_without_the_assistant(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    assert resident.says("HELP") == [render(Notice.SMS_HELP, CITY)]
    assert resident.user_events() == []


def test_after_stop_nothing_is_sent_not_even_a_staff_reply_until_start(sms: SmsAssistant, browser: Browser) -> None:
    StaffDirectory(sms.database).add("sms.agent", "Lee Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    resident = Resident(sms)
    assert "passed your conversation" in " ".join(resident.says("I need to speak to a real person please"))
    [handoff] = [h for h in Queues(sms.database).waiting() if h.conversation_id == resident.sender_id]
    agent = staff_page(browser, sms.assistant, "sms.agent")
    agent.goto(f"{sms.assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()

    assert resident.says("STOP") == [render(Notice.SMS_STOPPED, CITY)]
    staff_reply(agent, "Hello, this is Lee at 311.")
    assert resident.says("are you still there?") == []
    # Carriers require HELP to be answered even after STOP: that answer, and still no staff reply.
    assert resident.says("HELP") == [render(Notice.SMS_HELP, CITY)]
    signed = "Lee, 311 Contact Center: Hello, this is Lee at 311."  # staff replies carry name and agency
    assert signed not in resident.received()
    assert signed in bot_events(sms, resident)  # Rasa had it; the channel did not send it

    assert resident.says("START") == [render(Notice.SMS_STARTED, CITY)]
    long_reply = "We have sent a crew to look at the water main on your street. " * 30
    before = len(resident.received())
    staff_reply(agent, long_reply)
    sms.twilio.wait_for(resident.phone, count=before + 2)
    resident.settle()
    parts = resident.received()[-2:]
    assert all(len(part) <= 1600 for part in parts)
    assert " ".join(parts) == "Lee, 311 Contact Center: " + long_reply.strip()


def staff_reply(agent: Page, text: str) -> None:
    agent.get_by_label("Message to the resident").fill(text)
    agent.get_by_role("button", name="Send reply").click()


def bot_events(sms: SmsAssistant, resident: Resident) -> list[str]:
    with sqlite3.connect(sms.assistant.tracker_db) as tracker:
        rows = tracker.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot' ORDER BY id", (resident.sender_id,)
        ).fetchall()
    return [json.loads(data).get("text") or "" for (data,) in rows]


def test_a_repeated_delivery_is_handled_once(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    sid = "SM" + secrets.token_hex(16)
    resident.texts("when is my trash picked up", message_sid=sid)
    resident.settle()
    once = resident.received()
    resident.texts("when is my trash picked up", message_sid=sid)
    time.sleep(QUIET_SECONDS)
    assert once and resident.received() == once
    assert resident.user_events() == ["when is my trash picked up"]


@pytest.mark.parametrize("body", ["", "   ", "x" * 2000], ids=["empty", "blank", "over 1600 characters"])
def test_empty_and_oversized_texts_get_an_answer(sms: SmsAssistant, body: str) -> None:
    assert Resident(sms).says(body)


def test_malformed_requests_are_refused_with_4xx(sms: SmsAssistant) -> None:
    twilio, phone = sms.twilio, Resident(sms).phone
    without_sender = {k: v for k, v in twilio.inbound_form(phone, "hi").items() if k != "From"}
    without_sid = {k: v for k, v in twilio.inbound_form(phone, "hi").items() if k != "MessageSid"}
    signed = {"X-Twilio-Signature": twilio.signature(sms.webhook, {"From": phone})}

    def status(**request: object) -> int:
        return requests.post(sms.webhook, timeout=10, **request).status_code  # type: ignore[arg-type]

    statuses = [
        twilio.post_signed(sms.webhook, without_sender).status_code,
        twilio.post_signed(sms.webhook, without_sid).status_code,
        status(json={"From": phone}, headers=signed),
        status(data=b"From=%2B1\xff", headers={**signed, "Content-Type": FORM}),
        status(data={"Body": "x" * 70_000}, headers=signed),
    ]
    assert statuses == [400, 400, 400, 400, 413]


def test_messages_queued_while_twilio_fails_are_delivered_exactly_once(sms: SmsAssistant) -> None:
    first, second = Resident(sms), Resident(sms)
    sms.twilio.fail(500)
    try:
        attempts = sms.twilio.attempts
        first.texts("when is my trash picked up")
        second.texts("how do I register to vote")
        first.texts("where do I pay a parking ticket")
        sms.twilio.wait_for_attempts(attempts + 6)  # each recipient's head message tried at least three times
        assert first.received() == [] and second.received() == []
    finally:
        sms.twilio.recover()
    for resident in (first, second):
        resident.settle()
        assert resident.received() == resident.outbox(OutboxStatus.SENT) and resident.received()
        assert resident.outbox(OutboxStatus.FAILED) == []
    assert len(first.received()) > len(second.received())


def test_a_message_is_delivered_once_after_twilio_hangs(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    sms.twilio.hang(seconds=3.0, times=2)
    attempts = sms.twilio.attempts
    resident.texts("HELP")
    resident.settle()
    assert sms.twilio.attempts == attempts + 3
    assert resident.received() == [render(Notice.SMS_HELP, CITY)]


def test_without_twilio_credentials_the_webhook_says_so_and_the_assistant_runs(assistant: Assistant) -> None:
    answer = requests.post(f"{assistant.base_url}/webhooks/sms/webhook", data={"From": "+15550100009"}, timeout=10)
    assert answer.status_code == 503
    assert "ONE_DOOR_TWILIO_ACCOUNT_SID" in answer.json()["error"]
    assert assistant.say("sms-not-configured", "when is my trash picked up")


def test_no_phone_number_reaches_the_trackers_or_the_logs(sms: SmsAssistant) -> None:
    assert len(USED_NUMBERS) > 5
    with sqlite3.connect(sms.assistant.tracker_db) as tracker:
        dump = "\n".join(tracker.iterdump())
        senders = {row[0] for row in tracker.execute("SELECT DISTINCT sender_id FROM events")}
    logs = {path.name: path.read_text(errors="replace") for path in sms.work.glob("*.log")}
    assert "rasa.log" in logs
    for phone in USED_NUMBERS:
        for form in (phone, phone.lstrip("+"), phone[2:], phone.replace("+", "%2B")):
            assert form not in dump
            assert [name for name, text in logs.items() if form in text] == []
    assert {pseudonym("sms", phone, KEY.encode()) for phone in USED_NUMBERS} & senders
    assert all(not sender.startswith("+") for sender in senders)


def test_a_spanish_text_is_answered_in_spanish_with_the_disclosure_in_spanish(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    [first, *_] = resident.says("¿qué día pasa el camión de la basura por mi calle?")
    assert first.startswith("Asistente automatizado de la Ciudad de Harborview")
    assert "basura" in first.lower() and "automated assistant" not in first


@pytest.mark.parametrize(
    ("question", "language"),
    [("when is my trash picked up", "en"), ("¿qué día pasa el camión de la basura por mi calle?", "es")],
)
def test_a_first_short_answer_with_the_disclosure_fits_two_segments(
    sms: SmsAssistant, question: str, language: str
) -> None:
    resident = Resident(sms)
    [first, *_] = resident.says(question)
    words = translate_catalog(load_catalog(CATALOG_DIR), CATALOG_DIR, language)
    line = render(Notice.SMS_DISCLOSURE, words.city.name, language)
    assert first == f"{line}\n\n{words.services['collection_schedule'].sms_answer}"
    assert segments(first) <= 2


def test_a_spanish_stop_word_opts_out_and_is_answered_in_spanish(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    resident.says("hola")
    [stopped] = resident.says("ALTO")
    assert stopped.startswith("Se dio de baja")
    resident.texts("¿dónde pago mi recibo del agua?")
    time.sleep(QUIET_SECONDS)
    resident.settle()
    assert resident.received()[-1] == stopped  # nothing more was sent


def test_a_spanish_report_by_text_is_filed_and_looked_up_in_spanish(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    assert "¿Dónde es?" in " ".join(resident.says("hay un bache enorme en mi calle, casi me rompe la llanta"))
    assert "¿Cuál es el problema?" in " ".join(resident.says("esquina de Fictional Ave y la calle 3"))
    [confirm] = resident.says("es un hoyo grande en el carril derecho y los carros se desvían")
    assert "Voy a enviarle esto a Obras Públicas" in confirm and "\n1. " in confirm
    filed = " ".join(resident.says("1"))
    reference = filed.split("El número de su caso es ")[1][:11]
    case = CaseStore(sms.database).find(reference)
    assert case is not None and (case.service_id, case.language) == ("pothole_report", "es")
    status = " ".join(resident.says(f"estado {reference}"))
    assert f"El caso {reference}" in status and "Obras Públicas" in status


def test_a_spanish_crisis_by_text_gets_988_with_its_spanish_option(sms: SmsAssistant) -> None:
    reply = " ".join(Resident(sms).says("ya no quiero vivir, no aguanto más"))
    assert "988 y oprima 2" in reply and "911" in reply


def test_a_spanish_text_reaches_a_person_whose_reply_comes_back_in_spanish(sms: SmsAssistant, browser: Browser) -> None:
    StaffDirectory(sms.database).add("sms.es.agent", "Pat Ejemplo", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    resident = Resident(sms)
    assert "Pasé su conversación" in " ".join(resident.says("quiero hablar con una persona por favor"))
    [handoff] = [h for h in Queues(sms.database).waiting() if h.conversation_id == resident.sender_id]
    assert handoff.language == "es"
    agent = staff_page(browser, sms.assistant, "sms.es.agent")
    agent.goto(f"{sms.assistant.console_url}/handoffs/{handoff.id}")
    agent.get_by_role("button", name="Take this conversation").click()
    before = len(resident.received())
    staff_reply(agent, "Hola, soy Pat. ¿En qué calle vive?")
    sms.twilio.wait_for(resident.phone, count=before + 1)
    assert resident.received()[-1] == "Pat, de Centro de Atención 311: Hola, soy Pat. ¿En qué calle vive?"


def test_a_texter_switches_language_in_the_middle_of_a_report(sms: SmsAssistant) -> None:
    resident = Resident(sms)
    assert "Where is it?" in " ".join(resident.says("the street light on my corner is out"))
    switched = " ".join(resident.says("en español por favor"))
    assert "seguimos en español" in switched and "¿Dónde es?" in switched
    assert "¿Cuál es el problema?" in " ".join(resident.says("esquina de Fictional Ave y la calle 3"))
