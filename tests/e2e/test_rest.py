"""Whole conversations over Rasa's REST channel, against the real trained model and action server."""

from __future__ import annotations

import sqlite3
import uuid

import pytest

from scripts.assistant import Assistant


def texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)


def new_sender() -> str:
    return uuid.uuid4().hex


def test_info_question_is_answered_from_the_catalogue(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "how do i get a copy of my birth certificate")
    assert "City Clerk and Vital Records" in texts(replies)


def test_request_says_who_files_it(assistant: Assistant) -> None:
    replies = assistant.say(new_sender(), "there's a huge hole in the road on my street")
    assert "To file this with Public Works" in texts(replies)


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
        ("x" * 10_000, "long message"),
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


def test_two_misses_in_a_row_offer_the_contact_center(assistant: Assistant) -> None:
    sender = new_sender()
    first = assistant.say(sender, "blorp fnord quux")
    second = assistant.say(sender, "zibble wabble")
    assert "Could you say it another way" in texts(first)
    assert "311 Contact Center" in texts(second)


def test_conversation_is_kept_in_the_sqlite_tracker_store(assistant: Assistant) -> None:
    sender = new_sender()
    assistant.say(sender, "hello")
    with sqlite3.connect(assistant.tracker_db) as db:
        count = db.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]
    assert count > 0
