"""The SMS connector's pure parts: reading Twilio's form, rendering replies as SMS, and the setup check."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from pydantic import SecretStr

from bot.i18n.phrases import load_phrases
from bot.messaging.contacts import Choice
from bot.messaging.outbox import Outgoing
from bot.settings import Settings
from channels.sms import (
    BODY_LIMIT, EMPTY_TWIML, InboundSms, Media, _configured, parse_sms_payload, read_form, render_sms, resident_text,
)
from tests.fakes.twilio import FakeTwilio

FORM = "application/x-www-form-urlencoded"
PHONE = "+15550100001"

CATALOG_DIR = Path(__file__).resolve().parents[2] / "data" / "catalog"
ENGLISH = load_phrases(CATALOG_DIR)
SPANISH = load_phrases(CATALOG_DIR / "es")


def test_read_form_keeps_empty_fields_because_twilio_signs_them() -> None:
    body = urlencode({"Body": "", "From": PHONE, "MessageSid": "SM1"}).encode()
    assert read_form(body, f"{FORM}; charset=UTF-8") == {"Body": "", "From": PHONE, "MessageSid": "SM1"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"From": "+15550100001"}', "application/json"),
        (b"From=%2B15550100001", "text/plain"),
        (b"", FORM),
        (b"From", FORM),
        (b"Body=\xff\xfe", FORM),
        (b"From=a&From=b", FORM),
        ("&".join(f"f{i}=x" for i in range(200)).encode(), FORM),
    ],
    ids=["json", "not a form", "empty", "no value", "not utf-8", "repeated field", "too many fields"],
)
def test_read_form_refuses_what_twilio_never_sends(body: bytes, content_type: str) -> None:
    assert read_form(body, content_type) is None


def test_parse_sms_payload_reads_a_real_twilio_form() -> None:
    form = FakeTwilio(account_sid="AC" + "0" * 32).inbound_form(
        PHONE, "pothole here",
        media=[("https://api.twilio.com/media/ME1", "image/jpeg"), ("https://x.test/c.vcf", "text/vcard")],
        message_sid="MM123",
    )
    assert parse_sms_payload(form) == InboundSms(
        message_sid="MM123", sender=PHONE, text="pothole here",
        media=(Media("https://api.twilio.com/media/ME1", "image/jpeg"), Media("https://x.test/c.vcf", "text/vcard")),
    )
    assert parse_sms_payload(form).photos == ["https://api.twilio.com/media/ME1"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ({"MessageSid": "SM1", "From": PHONE}, InboundSms("SM1", PHONE, "")),
        ({"MessageSid": "SM1", "From": PHONE, "Body": "hi", "NumMedia": "two"}, InboundSms("SM1", PHONE, "hi")),
        (
            {"MessageSid": "SM1", "From": PHONE, "NumMedia": "2", "MediaUrl1": "u"},
            InboundSms("SM1", PHONE, "", (Media("u", ""),)),
        ),
        ({"From": PHONE, "Body": "hi"}, None),
        ({"MessageSid": "SM1", "Body": "hi"}, None),
        ({"MessageSid": " ", "From": PHONE}, None),
    ],
    ids=["no body", "bad media count", "missing media url skipped", "no sid", "no sender", "blank sid"],
)
def test_parse_sms_payload_edge_cases(form: dict[str, str], expected: InboundSms | None) -> None:
    assert parse_sms_payload(form) == expected


def test_a_long_reply_is_split_at_twilios_limit_into_rows_of_their_own() -> None:
    sentence = "Your request goes to the agency that owns it. "
    parts = render_sms(Outgoing(sentence * 80), ENGLISH)
    assert len(parts) == 3
    assert all(len(part.text) <= BODY_LIMIT and part.text.endswith(".") for part in parts)
    assert " ".join(part.text for part in parts) == (sentence * 80).strip()


def test_choices_become_a_numbered_list_remembered_with_the_last_part() -> None:
    choices = [Choice("Yes, send it", "/affirm"), Choice("No", "/deny")]
    [part] = render_sms(Outgoing("Shall I send it?", choices), ENGLISH)
    assert part == Outgoing("Shall I send it?\n\n1. Yes, send it\n2. No\nReply with a number.", choices)
    long = render_sms(Outgoing("word " * 400, choices), ENGLISH)
    assert [bool(part.choices) for part in long] == [False, True]
    assert long[-1].text.endswith("Reply with a number.")


def test_a_spanish_reply_asks_for_a_number_in_spanish() -> None:
    choices = [Choice("Sí, envíelo", "/affirm"), Choice("No", "/deny")]
    [part] = render_sms(Outgoing("¿Lo envío?", choices), SPANISH)
    assert part.text.endswith("2. No\nResponda con la cifra que elija.")


def test_an_empty_reply_renders_to_nothing_to_send() -> None:
    assert render_sms(Outgoing("   "), ENGLISH) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("/affirm", "affirm"), ("  //restart ", "restart"), ("pothole/crack", "pothole/crack"), ("", "")],
)
def test_a_resident_cannot_type_an_intent_payload(typed: str, expected: str) -> None:
    assert resident_text(typed) == expected


def test_the_twiml_answer_is_empty() -> None:
    assert EMPTY_TWIML == '<?xml version="1.0" encoding="UTF-8"?><Response />'


def test_sms_is_off_without_credentials_and_with_a_half_setup(caplog: pytest.LogCaptureFixture) -> None:
    assert _configured(Settings(twilio_account_sid="", twilio_auth_token=SecretStr(""), twilio_from_number="")) is False
    full = Settings(
        twilio_account_sid="AC1", twilio_auth_token=SecretStr("t"), twilio_from_number="",
        twilio_messaging_service_sid="MG1",
    )
    assert _configured(full) is True
    half = Settings(twilio_account_sid="AC1", twilio_auth_token=SecretStr(""), twilio_from_number="+1555")
    assert _configured(half) is False
    assert caplog.messages[-1] == "sms.disabled reason=half_configured missing=ONE_DOOR_TWILIO_AUTH_TOKEN"
