"""The console's Rasa client against a fake Rasa API on 127.0.0.1: a short-lived JWT in the Authorization header
of each request, and no credential in any URL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest

from bot.integrations.rasa import TOKEN_SECONDS, RasaClient

SECRET = "jwt-secret-for-tests"
ISSUED_AT = 1_800_000_000.0  # a fixed instant: Rasa, not this test, compares it with the wall clock


class FakeRasa(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str | None]] = []

    def _answer(self) -> None:
        self.seen.append((self.command, self.path, self.headers.get("Authorization")))
        body = json.dumps({"events": [{"event": "user", "text": "hello"}], "slots": {}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = _answer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer()

    def log_message(self, *_: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def rasa_url() -> Iterator[str]:
    FakeRasa.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeRasa)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def claims(authorization: str | None) -> dict[str, Any]:
    assert authorization is not None and authorization.startswith("Bearer ")
    return dict(jwt.decode(authorization.removeprefix("Bearer "), SECRET, algorithms=["HS256"],
                           options={"verify_exp": False, "verify_iat": False}))


async def test_each_request_carries_a_short_lived_admin_jwt_in_the_header_and_none_in_the_url(rasa_url: str) -> None:
    client = RasaClient(rasa_url, SECRET, clock=lambda: ISSUED_AT)
    assert [line.text for line in await client.transcript("conversation-1")] == ["hello"]
    await client.say("conversation-1", "Hello from staff")
    [(_, read_path, read_auth), (_, say_path, say_auth)] = FakeRasa.seen
    assert read_path == "/conversations/conversation-1/tracker"
    assert say_path == "/conversations/conversation-1/tracker/events?output_channel=latest&execute_side_effects=true"
    for authorization in (read_auth, say_auth):
        assert claims(authorization) == {
            "user": {"username": "one-door-console", "role": "admin"},
            "iat": int(ISSUED_AT),
            "exp": int(ISSUED_AT) + TOKEN_SECONDS,
        }


async def test_a_token_signed_with_another_secret_does_not_verify(rasa_url: str) -> None:
    await RasaClient(rasa_url, "another secret", clock=lambda: ISSUED_AT).transcript("conversation-1")
    [(_, _, authorization)] = FakeRasa.seen
    with pytest.raises(jwt.InvalidSignatureError):
        claims(authorization)
