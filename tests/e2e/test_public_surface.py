"""What the running assistant shows a stranger: Rasa's HTTP API only with a JWT in the Authorization header, no
CORS for a foreign site, the REST channel only with its token, the action server only with its secret."""

from __future__ import annotations

import time

import jwt
import pytest
import requests

from bot.integrations.rasa import console_token
from scripts.assistant import Assistant

FOREIGN = "https://attacker.example"
TIMEOUT = 30


def tracker_url(assistant: Assistant, conversation: str = "surface-check") -> str:
    return f"{assistant.base_url}/conversations/{conversation}/tracker"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_rasas_api_refuses_a_request_without_a_jwt(assistant: Assistant) -> None:
    assert requests.get(tracker_url(assistant), timeout=TIMEOUT).status_code == 401
    assert requests.put(f"{assistant.base_url}/model", json={}, timeout=TIMEOUT).status_code == 401
    events = requests.post(f"{tracker_url(assistant)}/events", json={"event": "pause"}, timeout=TIMEOUT)
    assert events.status_code == 401


@pytest.mark.parametrize("name", ["token", "access_token", "jwt"])
def test_rasas_api_refuses_the_consoles_jwt_in_the_url(assistant: Assistant, name: str) -> None:
    token = console_token(assistant.jwt_secret, time.time())
    assert requests.get(tracker_url(assistant), params={name: token}, timeout=TIMEOUT).status_code == 401


def test_rasas_api_refuses_a_jwt_signed_with_another_secret(assistant: Assistant) -> None:
    forged = console_token("not the secret", time.time())
    assert requests.get(tracker_url(assistant), headers=bearer(forged), timeout=TIMEOUT).status_code == 401


def test_rasas_api_accepts_the_consoles_jwt_in_the_header(assistant: Assistant) -> None:
    token = console_token(assistant.jwt_secret, time.time())
    answer = requests.get(tracker_url(assistant), headers=bearer(token), timeout=TIMEOUT)
    assert answer.status_code == 200 and answer.json()["sender_id"] == "surface-check"


def test_a_jwt_for_one_resident_does_not_open_another_conversation(assistant: Assistant) -> None:
    now = int(time.time())
    token = jwt.encode({"user": {"username": "someone", "role": "user"}, "iat": now, "exp": now + 60},
                       assistant.jwt_secret, algorithm="HS256")
    assert requests.get(tracker_url(assistant), headers=bearer(token), timeout=TIMEOUT).status_code == 403


@pytest.mark.parametrize(
    "path", ["/", "/version", "/conversations/surface-check/tracker", "/webhooks/webchat/history", "/webhooks/rest/"]
)
def test_no_path_allows_a_foreign_site(assistant: Assistant, path: str) -> None:
    url = f"{assistant.base_url}{path}"
    simple = requests.get(url, headers={"Origin": FOREIGN}, timeout=TIMEOUT)
    preflight = requests.options(
        url, headers={"Origin": FOREIGN, "Access-Control-Request-Method": "POST",
                      "Access-Control-Request-Headers": "authorization"}, timeout=TIMEOUT,
    )
    for answer in (simple, preflight):
        assert answer.headers.get("Access-Control-Allow-Origin") is None


def test_a_foreign_site_cannot_open_a_web_chat_socket(assistant: Assistant) -> None:
    handshake = requests.get(
        f"{assistant.base_url}/socket.io/", params={"EIO": "4", "transport": "polling"},
        headers={"Origin": FOREIGN}, timeout=TIMEOUT,
    )
    assert handshake.status_code == 400
    assert handshake.headers.get("Access-Control-Allow-Origin") is None


@pytest.mark.parametrize("authorization", [None, "Bearer not-the-token"], ids=["none", "wrong"])
def test_the_rest_channel_answers_only_its_token(assistant: Assistant, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    answer = requests.post(
        f"{assistant.base_url}/webhooks/rest/webhook", json={"sender": "x", "message": "hi"}, headers=headers,
        timeout=TIMEOUT,
    )
    assert answer.status_code == 401
    assert assistant.say("surface-rest", "when is my trash picked up")


def test_the_action_server_refuses_a_call_without_its_secret(assistant: Assistant) -> None:
    call = {"next_action": "action_hand_off", "sender_id": "forged", "tracker": {"sender_id": "forged", "events": []}}
    assert requests.post(f"{assistant.actions_url}/webhook", json=call, timeout=TIMEOUT).status_code == 401
