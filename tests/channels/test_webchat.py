from __future__ import annotations

from typing import Any

import pytest

from channels.webchat import InboundMessage, parse_session_id, parse_webchat_payload

SESSION = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"session_id": SESSION, "message": "hi"}, InboundMessage(SESSION, "hi")),
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
