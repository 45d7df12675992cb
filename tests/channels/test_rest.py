"""The `rest` channel over real HTTP, served by Sanic as Rasa serves it, with a recorder in Rasa's place: off
without a token, and only for callers that carry it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from pydantic import SecretStr
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.settings import Settings
from channels.rest import RestInput
from scripts.assistant import free_port

TOKEN = "rest-token_0123456789"
MESSAGE = {"sender": "integration-1", "message": "when is my trash picked up"}


@pytest.fixture(autouse=True)
def several_sanic_apps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic rewrites its own methods when an app starts, once per process unless in test mode."""
    monkeypatch.setattr(Sanic, "test_mode", True)


async def serve(token: str, received: list[UserMessage]) -> AsyncIterator[str]:
    async def rasa(message: UserMessage) -> None:
        received.append(message)

    app = Sanic(f"rest-test-{uuid.uuid4().hex}")
    app.blueprint(RestInput(Settings(rest_token=SecretStr(token))).blueprint(rasa), url_prefix="/webhooks/rest")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    try:
        yield f"http://127.0.0.1:{port}/webhooks/rest"
    finally:
        server.close()
        await server.wait_closed()


@pytest.fixture
def received() -> list[UserMessage]:
    return []


@pytest.fixture
async def enabled(received: list[UserMessage]) -> AsyncIterator[str]:
    async for url in serve(TOKEN, received):
        yield url


@pytest.fixture
async def disabled(received: list[UserMessage]) -> AsyncIterator[str]:
    async for url in serve("", received):
        yield url


async def test_without_a_token_setting_the_channel_is_off(disabled: str, received: list[UserMessage]) -> None:
    async with httpx.AsyncClient() as client:
        for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": f"Bearer {TOKEN}"}):
            answer = await client.post(f"{disabled}/webhook", json=MESSAGE, headers=headers)
            assert answer.status_code == 503
            assert "ONE_DOOR_REST_TOKEN" in answer.json()["error"]
    assert received == []


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer wrong", TOKEN, f"Basic {TOKEN}", f"Bearer {TOKEN}0", f"Bearer {TOKEN[:-1]}"],
    ids=["none", "empty", "wrong", "no scheme", "basic", "longer", "shorter"],
)
async def test_a_request_without_the_token_gets_401_and_reaches_nothing(
    enabled: str, received: list[UserMessage], authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{enabled}/webhook", json=MESSAGE, headers=headers)
        in_the_url = await client.post(f"{enabled}/webhook", json=MESSAGE, params={"token": TOKEN})
    assert (answer.status_code, in_the_url.status_code) == (401, 401)
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert received == []


async def test_a_request_with_the_token_reaches_rasa(enabled: str, received: list[UserMessage]) -> None:
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{enabled}/webhook", json=MESSAGE, headers={"Authorization": f"bearer {TOKEN}"})
        health = await client.get(f"{enabled}/")
    assert answer.status_code == 200
    assert [(m.sender_id, m.text) for m in received] == [("integration-1", "when is my trash picked up")]
    assert health.json() == {"status": "ok"}
