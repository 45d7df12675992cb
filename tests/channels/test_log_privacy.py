"""Rasa's structured logs withhold message content once a One Door connector is loaded, even at debug level."""

from __future__ import annotations

import json
import logging

import pytest
import structlog
from rasa.utils.log_utils import configure_structlog

import channels  # noqa: F401  (importing a connector package registers the plugin)
from channels.log_privacy import WITHHELD


def test_message_text_and_slots_are_withheld_at_debug_level(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    configure_structlog(logging.DEBUG)
    structlog.get_logger().debug(
        "processor.message.parse",
        parse_data_text="call me on 555-123-4567",
        slot_values={"case_contact": "jo@example.org"},
        sender_id="sms-0123",
    )
    line = json.loads(caplog.records[-1].getMessage())
    assert line["parse_data_text"] == WITHHELD and line["slot_values"] == WITHHELD
    assert line["sender_id"] == "sms-0123"


def test_the_pipeline_leaves_events_alone() -> None:
    """Rasa's processor passes every new event through the pipeline before it handles a message."""
    from rasa.plugin import plugin_manager

    event = {"sender_id": "sms-0123", "event": "user", "text": "hello"}
    plugin_manager().hook.get_anonymization_pipeline().run(dict(event))
    assert event["text"] == "hello"
