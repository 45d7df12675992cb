"""A case's page in the console over real HTTP, on a real database: its history, transcript and photos, and staff
answering the resident from it the morning after a night request."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from bot.attachments import TELEGRAM_FILE_PREFIX, Attachments
from bot.audit import AuditLog, StaffAction
from bot.cases import Attachment, AttachmentKind, CaseOrigin, CaseStatus, CaseStore, CaseView, NewCase
from bot.catalog import Catalog
from bot.console.app import Console
from bot.db import Database
from bot.handoff import GENERAL_ENQUIRY, request_case
from bot.handoff_records import HandoffReason
from bot.integrations.media import Providers
from bot.integrations.rasa import STAFF_KEY
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffRole
from tests.bot.console_client import T0, Clock, RecordingRasa, browser, csrf_of, make_console, sign_in
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio

PASSWORD = "a long test password"
JPEG = b"\xff\xd8\xff\xe0 a fake jpeg"
# 2026-11-23 04:00 UTC: 22:00 the evening before in the sample city.
NIGHT = T0.replace(hour=4).timestamp()


@pytest.fixture
def twilio() -> Iterator[FakeTwilio]:
    with FakeTwilio() as fake:
        yield fake


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def rasa() -> RecordingRasa:
    return RecordingRasa()


@pytest.fixture
def console(catalog: Catalog, database: Database, rasa: RecordingRasa, twilio: FakeTwilio,
            telegram: FakeTelegram) -> Console:
    directory = StaffDirectory(database)
    directory.add("sam", "Sam Example", "water", StaffRole.AGENT, PASSWORD)
    directory.add("lee", "Lee Example", "housing", StaffRole.AGENT, PASSWORD)
    directory.add("pat", "Pat Example", "contact_center", StaffRole.CONTACT_CENTER, PASSWORD)
    directory.add("alex", "Alex Example", "contact_center", StaffRole.ADMIN, PASSWORD)
    media = Providers(twilio.url, twilio.account_sid, twilio.auth_token, telegram.url, telegram.token, 5.0)
    return make_console(catalog, database, Clock(), rasa=rasa, media=media)


def signed_in(console: Console, username: str) -> TestClient:
    client = browser(console)
    assert sign_in(client, username).url.path == "/"
    return client


def night_request(database: Database, rasa: RecordingRasa, conversation: str = "c-night",
                  language: str | None = None) -> CaseView:
    """A resident asked for a person about a water bill at night: the case the assistant filed, and what was said."""
    rasa.events[conversation] = [
        {"event": "user", "text": "my water bill is wrong, can I talk to someone", "timestamp": NIGHT},
        {"event": "bot", "text": "Water and Sewer Utility is closed right now.", "timestamp": NIGHT + 2},
    ]
    case, _ = request_case(CaseStore(database), "water", "water_bill", "sms", conversation,
                           ["my water bill is wrong, can I talk to someone"], language)
    return case


def test_the_cases_list_links_each_case_to_its_page(console: Console, database: Database, rasa: RecordingRasa) -> None:
    case = night_request(database, rasa)
    assert f'href="/cases/{case.reference}"' in signed_in(console, "sam").get("/cases").text


def test_a_case_page_shows_title_agency_status_history_and_the_transcript_in_local_time(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    store = CaseStore(database)
    store.set_status(case.reference, CaseStatus.IN_PROGRESS, "Called the billing team.")
    store.set_status(case.reference, CaseStatus.RESOLVED, "Bill corrected.")
    page = signed_in(console, "sam").get(f"/cases/{case.reference}").text
    assert "Pay or ask about a water bill" in page and "water_bill" not in page.split("<h1>")[1].split("</h1>")[0]
    assert "Water and Sewer Utility" in page
    assert '<option value="resolved" selected>' in page
    history = page.split('<ol class="history">')[1].split("</ol>")[0]
    assert history.index("Called the billing team.") < history.index("Bill corrected.")
    transcript = page.split('<ol class="transcript">')[1].split("</ol>")[0]
    assert "2026-11-22 22:00 CST</time> <strong>resident:</strong> my water bill is wrong" in transcript
    assert "a request for a person" in page


def test_a_general_enquiry_shows_as_such_and_not_as_an_id(console: Console, database: Database) -> None:
    case, _ = request_case(CaseStore(database), "contact_center", None, "webchat", "c-any", ["hello?"])
    pat = signed_in(console, "pat")
    for page in (pat.get(f"/cases/{case.reference}").text, pat.get("/cases").text):
        assert "General enquiry" in page and GENERAL_ENQUIRY not in page


def test_opening_a_case_is_audited_with_its_conversation_and_reference(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    signed_in(console, "sam").get(f"/cases/{case.reference.lower()}")
    [opened] = AuditLog(database).for_conversation("c-night")
    assert (opened.actor, opened.action, opened.subject) == ("sam", StaffAction.TRANSCRIPT_OPENED, case.reference)


def test_another_agencys_staff_cannot_open_the_case(console: Console, database: Database, rasa: RecordingRasa) -> None:
    case = night_request(database, rasa)
    assert signed_in(console, "lee").get(f"/cases/{case.reference}").status_code == 403
    assert AuditLog(database).for_conversation("c-night") == []


def reply(client: TestClient, reference: str, text: str) -> int:
    token = csrf_of(client, "/cases")
    return client.post(f"/cases/{reference}/reply", data={"csrf": token, "text": text},
                       follow_redirects=False).status_code


def test_staff_reply_from_the_case_reaches_the_resident_signed_and_shows_in_the_transcript(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    sam = signed_in(console, "sam")
    assert reply(sam, case.reference, "Good morning, your bill is being checked.") == 303
    sent = rasa.events["c-night"][-1]
    assert sent == {"event": "bot", "text": "Sam, Water and Sewer Utility: Good morning, your bill is being checked.",
                    "metadata": {STAFF_KEY: "Sam Example, Water and Sewer Utility"}}
    transcript = sam.get(f"/cases/{case.reference}").text.split('<ol class="transcript">')[1]
    assert "Sam Example, Water and Sewer Utility (staff):</strong> Sam, Water and Sewer Utility: Good morning" in transcript
    replies = [e for e in AuditLog(database).for_conversation("c-night") if e.action is StaffAction.REPLY]
    assert [(e.actor, e.subject) for e in replies] == [("sam", case.reference)]


def test_a_reply_to_a_spanish_speaking_resident_names_the_agency_in_spanish(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa, "c-es", language="es")
    assert reply(signed_in(console, "sam"), case.reference, "Buenos días.") == 303
    assert rasa.events["c-es"][-1]["text"] == "Sam, de Servicio de Agua y Alcantarillado: Buenos días."


def test_a_closed_case_answers_409_to_a_reply_and_sends_nothing(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    CaseStore(database).set_status(case.reference, CaseStatus.CLOSED, "")
    before = list(rasa.events["c-night"])
    assert reply(signed_in(console, "sam"), case.reference, "Hello?") == 409
    assert rasa.events["c-night"] == before


def test_only_the_owning_agency_replies_from_a_case(console: Console, database: Database, rasa: RecordingRasa) -> None:
    case = night_request(database, rasa)
    before = list(rasa.events["c-night"])
    assert reply(signed_in(console, "lee"), case.reference, "Hello") == 403
    assert reply(signed_in(console, "pat"), case.reference, "Hello") == 403  # the Contact Center lists it only
    assert rasa.events["c-night"] == before
    assert "Send reply" not in signed_in(console, "pat").get(f"/cases/{case.reference}").text


def test_a_status_change_from_the_case_page_returns_there_and_pressing_update_unchanged_tells_no_one(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    sam, told = signed_in(console, "sam"), len(rasa.events["c-night"])
    token = csrf_of(sam, f"/cases/{case.reference}")
    same = sam.post(f"/cases/{case.reference}/status", data={"csrf": token, "status": "open", "back": "case"},
                    follow_redirects=False)
    assert same.headers["location"] == f"/cases/{case.reference}" and len(rasa.events["c-night"]) == told
    sam.post(f"/cases/{case.reference}/status", data={"csrf": token, "status": "in_progress", "back": "case"})
    assert rasa.events["c-night"][-1]["text"] == f"Update on your case {case.reference}: the team is working on it."


def photo_case(database: Database, *photos: Attachment) -> CaseView:
    attachments = Attachments(database)
    for item in photos:
        attachments.add("c-photo", item)
    return CaseStore(database).create(NewCase("water_leak_report", "water", photos[0].channel, "c-photo",
                                              location="2 Fictional St"))


def test_an_mms_photo_is_fetched_with_the_account_credentials_for_the_owning_agency(
    console: Console, database: Database, twilio: FakeTwilio
) -> None:
    url = twilio.add_media(JPEG, "image/jpeg")
    case = photo_case(database, Attachment(AttachmentKind.PHONE, "+15550100002", "sms"),
                      Attachment(AttachmentKind.PHOTO, url, "sms"))
    sam = signed_in(console, "sam")
    assert f'href="/cases/{case.reference}/photos/0"' in sam.get(f"/cases/{case.reference}").text
    assert url not in sam.get(f"/cases/{case.reference}").text
    shown = sam.get(f"/cases/{case.reference}/photos/0")
    assert (shown.status_code, shown.content, shown.headers["content-type"]) == (200, JPEG, "image/jpeg")
    assert shown.headers["cache-control"] == "no-store" and shown.headers["x-content-type-options"] == "nosniff"
    assert signed_in(console, "alex").get(f"/cases/{case.reference}/photos/0").status_code == 200


def test_another_agency_is_refused_a_photo_and_the_provider_is_not_asked(
    console: Console, database: Database, twilio: FakeTwilio
) -> None:
    case = photo_case(database, Attachment(AttachmentKind.PHOTO, twilio.add_media(JPEG, "image/jpeg"), "sms"))
    assert signed_in(console, "lee").get(f"/cases/{case.reference}/photos/0").status_code == 403
    assert signed_in(console, "pat").get(f"/cases/{case.reference}/photos/0").status_code == 403
    assert twilio.attempts == 0


def test_a_telegram_photo_is_fetched_by_get_file_and_shown_as_the_picture_it_is(
    console: Console, database: Database, telegram: FakeTelegram
) -> None:
    telegram.add_file("AgADphoto1", JPEG)
    case = photo_case(database, Attachment(AttachmentKind.PHOTO, f"{TELEGRAM_FILE_PREFIX}AgADphoto1", "telegram"))
    shown = signed_in(console, "sam").get(f"/cases/{case.reference}/photos/0")
    assert (shown.status_code, shown.content, shown.headers["content-type"]) == (200, JPEG, "image/jpeg")
    assert [call.params["file_id"] for call in telegram.calls("getFile")] == ["AgADphoto1"]


def test_a_provider_failure_is_a_clear_502_page(console: Console, database: Database, twilio: FakeTwilio,
                                               telegram: FakeTelegram) -> None:
    case = photo_case(database, Attachment(AttachmentKind.PHOTO, twilio.add_media(JPEG, "image/jpeg"), "sms"),
                      Attachment(AttachmentKind.PHOTO, f"{TELEGRAM_FILE_PREFIX}unknown", "telegram"))
    sam = signed_in(console, "sam")
    twilio.fail(500)
    failed = sam.get(f"/cases/{case.reference}/photos/0")
    assert failed.status_code == 502 and "could not be fetched from sms" in failed.text
    assert failed.headers["content-type"].startswith("text/html")
    missing = sam.get(f"/cases/{case.reference}/photos/1")
    assert missing.status_code == 502 and "getFile" in missing.text


def test_a_photo_url_outside_the_twilio_account_is_never_sent_the_credentials(
    console: Console, database: Database
) -> None:
    case = photo_case(database, Attachment(AttachmentKind.PHOTO, "https://attacker.example/pic.jpg", "sms"))
    assert signed_in(console, "sam").get(f"/cases/{case.reference}/photos/0").status_code == 502


def test_a_night_request_for_a_person_records_its_conversation_and_origin(database: Database) -> None:
    case, _ = request_case(CaseStore(database), "water", "water_bill", "sms", "c-sms", ["help"])
    [detail] = CaseStore(database).for_conversation("c-sms")
    assert (detail.channel, detail.conversation_id, detail.view.origin) == ("sms", "c-sms", CaseOrigin.PERSON_REQUEST)
    assert case.origin is CaseOrigin.PERSON_REQUEST


def test_the_case_page_keeps_every_note_of_the_conversations_handoffs(
    console: Console, database: Database, rasa: RecordingRasa
) -> None:
    case = night_request(database, rasa)
    queues = Queues(database)
    handoff = queues.open("c-night", "sms", "contact_center", HandoffReason.ASKED_FOR_PERSON)
    queues.transfer(handoff.id, console.catalog.agencies["water"], "about a bill")
    queues.close(handoff.id, "answered by phone", "Resolved")
    notes = signed_in(console, "sam").get(f"/cases/{case.reference}").text.split("Handoffs of this conversation")[1]
    assert notes.index("Transferred to Water and Sewer Utility: about a bill") < notes.index("Resolved: answered by phone")
    assert f'href="/handoffs/{handoff.id}"' in notes
