"""Rasa's structured logs withhold message content once a One Door connector is loaded, even at debug level."""

from __future__ import annotations

import json
import logging

import pytest
import structlog
from rasa.utils.log_utils import configure_structlog

from channels.log_privacy import WITHHELD, withhold_message_content


def test_message_text_and_slots_are_withheld_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    configure_structlog(logging.DEBUG)  # as `rasa run --debug` does, before it loads the connectors
    early = structlog.get_logger()
    early.debug("model.loading")  # a logger already used is cached with its processors, as Rasa's are
    withhold_message_content()
    early.debug(
        "processor.message.parse",
        parse_data_text="call me on 555-123-4567",
        slot_values={"case_contact": "jo@example.org"},
        sender_id="sms-0123",
    )
    line = json.loads(caplog.records[-1].getMessage())
    assert line["parse_data_text"] == WITHHELD and line["slot_values"] == WITHHELD
    assert line["sender_id"] == "sms-0123"
