from __future__ import annotations

from typing import Any

import pytest

from channels.webchat import InboundMessage, origin_allowed, parse_webchat_payload, transcript_messages
from channels.webchat_sessions import SessionSigner

SESSION = SessionSigner("test key").issue().token


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
        # A bare id, as browsers sent before the server issued sessions, names no session.
        ({"session_id": SESSION.split(".")[0], "message": "hi"}, None),
        ({"message": "hi"}, None),
        ("hi", None),
        (None, None),
    ],
)
def test_parse_webchat_payload(data: Any, expected: InboundMessage | None) -> None:
    assert parse_webchat_payload(data) == expected


HOST = {"HTTP_HOST": "chat.city.example"}
LISTED = frozenset({"https://www.city.example"})


@pytest.mark.parametrize(
    ("origin", "environ", "expected"),
    [
        ("https://chat.city.example", HOST, True),
        ("http://chat.city.example", HOST, True),
        ("https://www.city.example", HOST, True),
        ("https://www.city.example/", HOST, True),
        ("https://evil.example", HOST, False),
        ("https://chat.city.example.evil.example", HOST, False),
        ("null", HOST, False),
        (None, HOST, False),
        ("", HOST, False),
        ("https://chat.city.example", {}, False),
        ("https://CHAT.city.example", {"HTTP_HOST": "chat.CITY.example"}, True),
        ("https://", {"HTTP_HOST": ""}, False),
        ("javascript://chat.city.example", HOST, False),
        # Behind a proxy that rewrites Host, the host it forwarded counts as the assistant's own.
        ("https://chat.city.example", {"HTTP_HOST": "rasa:5005", "HTTP_X_FORWARDED_HOST": "chat.city.example"}, True),
    ],
)
def test_origin_allowed_is_the_assistants_own_host_or_a_listed_site(
    origin: str | None, environ: dict[str, str], expected: bool
) -> None:
    assert origin_allowed(origin, environ, LISTED) is expected


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
