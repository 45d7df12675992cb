"""The channel parsers on anything a provider, a forger holding the secret or a broken proxy could send: they
return a value of the documented shape or None, and never raise."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from channels.sms import FORM_TYPE, InboundSms, parse_sms_payload, read_form
from channels.telegram_shape import well_formed
from channels.telegram_updates import TelegramInbound, parse_telegram_payload
from tests.strategies import FORMS, PROPERTIES, TELEGRAM_BODIES, TELEGRAM_UPDATES


@PROPERTIES
@given(TELEGRAM_BODIES)
def test_any_json_is_read_as_an_update_or_refused(data: Any) -> None:
    inbound = parse_telegram_payload(data)
    if inbound is None:
        return
    assert type(inbound.update_id) is int and inbound.update_id == data["update_id"]
    assert inbound.chat_id is None or inbound.chat_id.lstrip("-").isdigit()
    assert inbound.text is None or isinstance(inbound.text, str)
    assert inbound.photo_file_id is None or isinstance(inbound.photo_file_id, str)


def test_every_template_update_is_well_formed() -> None:
    assert all(well_formed(update) and parse_telegram_payload(update) for update in TELEGRAM_UPDATES)


@PROPERTIES
@given(FORMS)
def test_any_form_is_read_as_a_message_or_refused(form: dict[str, str]) -> None:
    inbound = parse_sms_payload(form)
    assert inbound is None or isinstance(inbound, InboundSms)
    if inbound is not None:
        assert inbound.message_sid and inbound.sender and len(inbound.media) <= 10


@PROPERTIES
@given(st.binary(max_size=300) | FORMS.map(lambda form: urlencode(form).encode()), st.sampled_from(
    [FORM_TYPE, f"{FORM_TYPE}; charset=utf-8", "application/json", ""]))
def test_any_body_is_read_as_a_form_or_refused(body: bytes, content_type: str) -> None:
    form = read_form(body, content_type)
    assert form is None or all(isinstance(key, str) and isinstance(value, str) for key, value in form.items())
