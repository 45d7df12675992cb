"""Keep residents' words out of Rasa's logs, whatever the log level.

Rasa's structured log events carry message text, slot values and tracker states in known fields (at debug
level, `processor.message.parse` logs the text). One Door puts a processor at the front of structlog's chain
that replaces those fields, so an operator who turns on `--debug` to chase a problem does not start writing
residents' messages to disk. Sender ids need no such care: on SMS and Telegram they are already pseudonyms.

Note:
    Rasa configures structlog before it loads connectors and caches its loggers on first use, so the
    processor is inserted into the configured list itself, which cached loggers share. Rasa's own
    anonymisation hook is not used: it also makes Rasa reload the whole tracker for every message (about
    25 ms each on SQLite), for an event broker One Door does not have.
"""

from __future__ import annotations

from typing import Any

import structlog

WITHHELD = "[withheld]"
# The fields Rasa 3.6 names as holding conversation content (`rasa.utils.log_utils._anonymizer`).
CONTENT_FIELDS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes",
    "current_entity", "next_entity", "states", "entity", "token_text", "user_message", "json_message",
})


def _withhold(_logger: Any, _method: str, event: dict[str, Any]) -> dict[str, Any]:
    for field in CONTENT_FIELDS.intersection(event):
        event[field] = WITHHELD
    return event


def withhold_message_content() -> None:
    """Put the processor first in structlog's chain, once per process."""
    processors = structlog.get_config()["processors"]
    if _withhold not in processors:
        processors.insert(0, _withhold)
