"""Whole conversations over Rasa's REST channel, against the real trained model and action server."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cases import CaseStore, NewCase
from bot.catalog import Catalog
from bot.db import Database, make_engine
from bot.queues import Queues
from bot.references import new_reference, parse
from bot.reports.render import write_report
from bot.reports.report import build_report
from bot.reports.window import Window
from bot.settings import now
from bot.triage import TriageInbox
from scripts.assistant import Assistant


def texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


def new_sender() -> str:
    return uuid.uuid4().hex


def test_info_question_is_answered_from_the_catalogue(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "how do i get a copy of my birth certificate")
    assert "City Clerk and Vital Records" in texts(replies)


def test_request_offers_to_file_it_with_its_agency(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "there's a huge hole in the road on my street")
    assert "I can file this with Public Works for you now" in texts(replies)


def test_emergency_is_answered_with_911_first(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "my neighbours house is on fire")
    assert "call 911" in str(replies[0]["text"])


def test_crisis_gets_988(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "i dont want to be alive anymore")
    assert "988" in texts(replies)


@pytest.mark.parametrize(
    ("message", "expected"),
    [("i wrote a goodbye note", "988"), ("gas leak help", "call 911"), ("smoke coming out of the outlet", "call 911")],
)
def test_danger_words_come_first_whatever_the_classifier_heard(
    assistant: Assistant, message: str, expected: str
) -> None:
    assert expected in str(assistant.say(new_sender(), message)[0]["text"])


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "couldn't read any words"),
        ("   ", "couldn't read any words"),
        ("😀😀😀", "couldn't read any words"),
        ("\u0000\u0001\u0002\u0003", "couldn't read any words"),
        (None, "couldn't read any words"),
        ("x" * 3_000, "long message"),
        # Over the boundary's limit: answered by the channel, never read by the assistant.
        ("x" * 10_000, "too long for me"),
    ],
)
def test_unreadable_input_gets_a_clear_answer(assistant: Assistant, message: object, expected: str) -> None:
    assert expected in texts(assistant.say(new_sender(), message))


@pytest.mark.parametrize(
    "message",
    ["pothole " * 1250, "¿Dónde pago mi multa de estacionamiento?", "Wo kann ich meinen Müll abholen lassen?",
     "\ufffd\ufffe binary \udcff junk".encode("utf-8", "surrogatepass").decode("utf-8", "replace")],
)
def test_odd_input_still_gets_a_reply(assistant: Assistant, message: str) -> None:
    assert texts(assistant.say(new_sender(), message)).strip()


def test_two_misses_in_a_row_hand_over_to_the_contact_center(assistant: Assistant) -> None:
    sender = new_sender()
    first = assistant.say(sender, "blorp fnord quux")
    second = assistant.say(sender, "zibble wabble")
    assert "Could you say it another way" in texts(first)
    assert "I've passed your conversation to 311 Contact Center" in texts(second)


def test_after_a_handoff_the_bot_stays_silent_and_the_message_is_kept(assistant: Assistant) -> None:
    sender = new_sender()
    assert "I've passed your conversation to 311 Contact Center" in texts(assistant.say(sender, "let me talk to a human"))
    assert assistant.say(sender, "hello? anyone there? my address is 5 Fictional Rd") == []
    with sqlite3.connect(assistant.tracker_db) as db:
        texts_kept = [row[0] for row in db.execute(
            "select data from events where sender_id = ? and type_name = 'user'", (sender,))]
    assert any("5 Fictional Rd" in data for data in texts_kept)


def test_queued_handoffs_are_in_the_agency_queue(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.say(sender, "my landlord is trying to evict me without notice")
    waiting = Queues(Database(make_engine(assistant.database_url))).waiting({"housing"})
    assert sender in [h.conversation_id for h in waiting]


def test_conversation_is_kept_in_the_sqlite_tracker_store(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.say(sender, "hello")
    with sqlite3.connect(assistant.tracker_db) as db:
        count = db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]
    assert count > 0


def test_case_status_is_answered_from_the_case_store(assistant: Assistant) -> None:
    store = CaseStore(Database(make_engine(assistant.database_url)))
    case = store.create(NewCase("streetlight_outage", "public_works", "telegram", "someone-else"))
    replies = texts(assistant.say(new_sender(), f"what's the status of {case.reference}"))
    assert f"Case {case.reference} (Report a street light problem) was received by Public Works" in replies


def test_a_mistyped_case_reference_is_called_mistyped(assistant: Assistant) -> None:
    reference = new_reference()
    typo = reference[:-1] + ("C" if reference[-1] != "C" else "D")
    replies = texts(assistant.say(new_sender(), f"status of my case {typo}"))
    assert f"{typo} doesn't look quite right" in replies


def test_a_request_is_collected_confirmed_filed_and_then_found_by_reference(assistant: Assistant) -> None:
    sender = new_sender()
    assert "Where is it?" in texts(assistant.say(sender, "there's a big pothole on my street"))
    assert "What's the problem?" in texts(assistant.say(sender, "corner of Fictional Ave and 3rd Street"))
    confirmation = assistant.say(sender, "about a foot wide in the right lane, cars swerve around it")
    assert "I'll send this to Public Works:\ncorner of Fictional Ave and 3rd Street" in texts(confirmation)
    assert [b["payload"] for b in confirmation[-1]["buttons"]] == ["/affirm", "/deny"]  # type: ignore[index]
    filed = texts(assistant.say(sender, "/affirm"))
    reference = filed.split("Your case reference is ")[1][:11]
    assert parse(reference) == reference
    store = CaseStore(Database(make_engine(assistant.database_url)))
    case = store.find(reference)
    assert case is not None and (case.service_id, case.agency_id) == ("pothole_report", "public_works")
    status = texts(assistant.say(new_sender(), f"status {reference.lower()}"))
    assert f"Case {reference} (Report a pothole) was received by Public Works" in status


def test_a_request_can_be_cancelled_part_way(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.say(sender, "street light out on my block")
    assert "nothing was filed" in texts(assistant.say(sender, "cancel"))
    assert "Where is it?" not in texts(assistant.say(sender, "thanks"))


def test_danger_in_the_middle_of_a_request_gets_911_and_the_questions_go_on(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.say(sender, "tree branch fell across the road")
    replies = texts(assistant.say(sender, "oh no i smell gas now"))
    assert "call 911" in replies
    assert "Where is it?" in replies


def test_unresolved_messages_are_logged_without_the_personal_data_they_carried(
    assistant: Assistant, catalog: Catalog, tmp_path: Path
) -> None:
    seeded = ["maria.lopez@example.org", "555-867-5309", "4111 1111 1111 1111", "1234 Fictional Street", "Maria Lopez",
              "Jon Whitaker", "(555) 201 7788"]
    assistant.say(new_sender(), "blorp fnord, my name is Maria Lopez, mail maria.lopez@example.org")
    assistant.say(new_sender(), "what's the best pizza place near 1234 Fictional Street? call 555-867-5309")
    assistant.say(new_sender(), "can you recommend a good movie tonight, I will pay with 4111 1111 1111 1111")
    unhelped = new_sender()
    asked = texts(assistant.say(unhelped, "I'm Jon Whitaker, when is trash collected? ring (555) 201 7788"))
    assert "Did this answer help you?" in asked
    assert "noted it" in texts(assistant.say(unhelped, "no"))

    database = Database(make_engine(assistant.database_url))
    report = build_report(database, catalog, Window(now() - timedelta(days=1), now() + timedelta(days=1),
                                                    catalog.city.timezone), f"sqlite:///{assistant.tracker_db}")
    pages = [path.read_text() for path in write_report(report, tmp_path) if path.suffix in (".html", ".md")]
    inbox = TriageInbox(database)
    inbox.assign([message.id for message in inbox.messages()], "collection_schedule")
    export = inbox.export("en", "en") + inbox.export("es", "en") + "".join(pages)
    with sqlite3.connect(assistant.database_url.removeprefix("sqlite:///")) as db:
        rows = [" ".join(str(value) for value in row)
                for table in ("unresolved_messages", "feedback") for row in db.execute(f"select * from {table}")]
    logged = "\n".join(rows)
    assert "[EMAIL]" in logged and "[PHONE]" in logged and "[CARD]" in logged and "not_helpful" in logged
    assert "when is trash collected?" in export
    assert [value for value in seeded if value in logged + export] == []
