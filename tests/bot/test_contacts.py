"""Pseudonymous senders, opt-outs and offered choices, on SQLite and PostgreSQL; duplicate deliveries."""

from __future__ import annotations

import pytest

from bot.db import Database
from bot.messaging.contacts import Choice, Contacts, pseudonym
from bot.messaging.inbound import InboundLog
from bot.messaging.keywords import Keyword

KEY = b"test-key"


def test_a_pseudonym_is_stable_keyed_and_hides_the_address() -> None:
    sender = pseudonym("sms", "+15551234567", KEY)
    assert sender == pseudonym("sms", "+15551234567", KEY)
    assert sender != pseudonym("sms", "+15551234567", b"other key")
    assert sender != pseudonym("telegram", "+15551234567", KEY)
    assert sender.startswith("sms-") and "5551234567" not in sender and len(sender) == 36


def test_the_address_is_kept_for_replies_and_updated(database: Database) -> None:
    contacts = Contacts(database)
    sender = pseudonym("telegram", "42", KEY)
    contacts.remember("telegram", sender, "42")
    contacts.remember("telegram", sender, "42")
    assert contacts.address(sender) == "42"
    assert contacts.address("telegram-unknown") is None


def test_opting_out_is_remembered_until_opting_in(database: Database) -> None:
    contacts = Contacts(database)
    contacts.remember("sms", "sms-a", "+15551234567")
    assert not contacts.is_opted_out("sms-a")
    contacts.set_opted_out("sms-a", True)
    assert contacts.is_opted_out("sms-a")
    contacts.set_opted_out("sms-a", False)
    assert not contacts.is_opted_out("sms-a")


def test_offered_choices_replace_the_previous_ones(database: Database) -> None:
    contacts = Contacts(database)
    contacts.remember("sms", "sms-a", "+15551234567")
    contacts.offer("sms-a", [Choice("Yes", "/affirm"), Choice("No", "/deny")])
    contacts.offer("sms-a", [Choice("Pothole", "/pothole_report")])
    assert contacts.offered("sms-a") == [Choice("Pothole", "/pothole_report")]
    assert contacts.offered("sms-nobody") == []


def test_an_unknown_sender_cannot_opt_out(database: Database) -> None:
    with pytest.raises(KeyError):
        Contacts(database).set_opted_out("sms-nobody", True)
    with pytest.raises(KeyError):
        Contacts(database).receive_keyword("sms-nobody", Keyword.STOP)


def test_keywords_after_an_opt_out_are_answered_once_each_and_remembered(database: Database) -> None:
    contacts = Contacts(database)
    contacts.remember("sms", "sms-a", "+15551234567")
    words = [Keyword.STOP, Keyword.HELP, Keyword.STOP, Keyword.HELP, Keyword.STOP]
    assert [contacts.receive_keyword("sms-a", word) for word in words] == [True, True, True, False, False]
    assert contacts.is_opted_out("sms-a")
    assert contacts.receive_keyword("sms-a", Keyword.START) and not contacts.is_opted_out("sms-a")
    assert [contacts.receive_keyword("sms-a", word) for word in words] == [True, True, True, False, False]


def test_a_delivery_is_handled_once_unless_forgotten(database: Database) -> None:
    inbound = InboundLog(database)
    assert inbound.first_time("telegram", "1001")
    assert not inbound.first_time("telegram", "1001")
    assert inbound.first_time("sms", "1001")
    inbound.forget("telegram", "1001")
    assert inbound.first_time("telegram", "1001")
