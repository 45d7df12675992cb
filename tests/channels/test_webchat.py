from __future__ import annotations

from typing import Any

import pytest

from channels.webchat import SESSION_ID, InboundMessage, parse_session_id, parse_webchat_payload, transcript_messages

SESSION = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"session_id": SESSION, "message": "hi"}, InboundMessage(SESSION, "hi")),
        # What rasa-webchat sends: its customData is accepted and not used.
        ({"session_id": SESSION, "message": "hi", "customData": {"language": "en"}}, InboundMessage(SESSION, "hi")),
        ({"session_id": None, "message": "hi", "customData": {}}, None),
        ({"session_id": SESSION, "message": ""}, InboundMessage(SESSION, "")),
        ({"session_id": SESSION, "message": {"x": 1}}, InboundMessage(SESSION, "")),
        ({"session_id": SESSION}, InboundMessage(SESSION, "")),
        ({"session_id": "../../etc", "message": "hi"}, None),
        ({"message": "hi"}, None),
        ("hi", None),
        (None, None),
    ],
)
def test_parse_webchat_payload(data: Any, expected: InboundMessage | None) -> None:
    assert parse_webchat_payload(data) == expected


def test_parse_session_id_keeps_a_valid_id_and_replaces_anything_else() -> None:
    assert parse_session_id({"session_id": SESSION}) == SESSION
    fresh = parse_session_id({"session_id": "<script>"})
    assert fresh != SESSION and len(fresh) == 32
    assert parse_session_id(None) != parse_session_id(None)
    assert SESSION_ID.match(parse_session_id({"session_id": None}))


def test_transcript_messages_show_words_and_replies_but_not_button_payloads() -> None:
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "pothole on my street"},
        {"event": "bot", "text": "Is that right?", "data": {"buttons": [{"title": "Yes", "payload": "/affirm"}]}},
        {"event": "user", "text": "/affirm"},
        {"event": "bot", "text": "Done."},
        {"event": "user", "text": ""},
    ]
    assert transcript_messages(events) == [
        {"from": "user", "text": "pothole on my street"},
        {"from": "bot", "text": "Is that right?", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
        {"from": "bot", "text": "Done.", "buttons": []},
    ]
