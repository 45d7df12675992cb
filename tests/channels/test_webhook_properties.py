"""The SMS and Telegram webhooks over real HTTP, with the right credentials and arbitrary bodies: never a 500.
Every refusal is logged by channel and reason, without the payload, and counted.

The server runs in a thread of its own, as Rasa would serve the channels, with a real database and the fake
providers, so that hypothesis can post to it from a plain test.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client import REGISTRY
from pydantic import SecretStr
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from twilio.request_validator import RequestValidator

from bot import migrate
from bot.settings import Settings
from channels.sms import FORM_TYPE, SIGNATURE_HEADER, SmsInput
from channels.telegram import SECRET_HEADER, TelegramInput
from scripts.assistant import free_port
from tests.strategies import FORMS, PROPERTIES, TELEGRAM_BODIES
from tests.channels.test_telegram_updates import MALFORMED
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FROM_NUMBER, FakeTwilio

SECRET = "test-secret_0123456789"
# Refusals a provider may see: bad form or update (400), and nothing else; 200 for all that is handled.
HANDLED_OR_REFUSED = {200, 400}
UPDATE_IDS = itertools.count(1000)


async def ignore(_message: UserMessage) -> None:
    """Stands in for Rasa, which is not under test here."""


@dataclass
class Served:
    base_url: str
    twilio: FakeTwilio

    @property
    def sms_url(self) -> str:
        return f"{self.base_url}/webhooks/sms/webhook"

    def post_form(self, form: dict[str, str], signature: str | None = None) -> requests.Response:
        """Post a form signed as Twilio signs it, unless another signature is given."""
        signed = RequestValidator(self.twilio.auth_token).compute_signature(self.sms_url, form)
        headers = {"Content-Type": FORM_TYPE, SIGNATURE_HEADER: signed if signature is None else signature}
        return requests.post(self.sms_url, data=urlencode(form).encode(), headers=headers, timeout=30)

    def post_update(self, body: bytes, secret: str = SECRET) -> requests.Response:
        headers = {"Content-Type": "application/json", SECRET_HEADER: secret}
        return requests.post(f"{self.base_url}/webhooks/telegram/webhook", data=body, headers=headers, timeout=30)


def _serve(app: Sanic, port: int, loop: asyncio.AbstractEventLoop, ready: threading.Event, stop: asyncio.Event,
           ) -> None:
    """Serve the app on its own loop until `stop` is set, listeners (the delivery loops) included."""

    async def run() -> None:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
        await server.startup()
        await server.before_start()
        await server.after_start()
        ready.set()
        await stop.wait()
        await server.before_stop()
        server.close()
        await server.wait_closed()
        await server.after_stop()

    loop.run_until_complete(run())


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    test_mode, Sanic.test_mode = Sanic.test_mode, True  # several apps in one process
    url = f"sqlite:///{tmp_path_factory.mktemp('webhooks') / 'onedoor.db'}"
    migrate.upgrade(url)
    port = free_port()
    with FakeTwilio() as twilio, FakeTelegram() as telegram:
        settings = Settings(
            database_url=url, pseudonym_key=SecretStr("test key"), outbox_poll_seconds=0.1,
            provider_timeout_seconds=1.0, sms_webhook_url=f"http://127.0.0.1:{port}/webhooks/sms/webhook",
            twilio_account_sid=twilio.account_sid, twilio_auth_token=SecretStr(twilio.auth_token),
            twilio_from_number=FROM_NUMBER, twilio_api_url=twilio.url,
            telegram_bot_token=SecretStr(telegram.token), telegram_secret_token=SecretStr(SECRET),
            telegram_api_url=telegram.url,
        )
        app = Sanic(f"webhooks-{uuid.uuid4().hex}")
        app.blueprint(SmsInput(settings).blueprint(ignore), url_prefix="/webhooks/sms")
        app.blueprint(TelegramInput(settings).blueprint(ignore), url_prefix="/webhooks/telegram")
        loop, ready = asyncio.new_event_loop(), threading.Event()
        stop = asyncio.Event()
        thread = threading.Thread(target=_serve, args=(app, port, loop, ready, stop), daemon=True)
        thread.start()
        assert ready.wait(30), "the server did not start"
        try:
            yield Served(f"http://127.0.0.1:{port}", twilio)
        finally:
            loop.call_soon_threadsafe(stop.set)
            thread.join(30)
            loop.close()
            Sanic.test_mode = test_mode


def rejections(channel: str, reason: str) -> float:
    return REGISTRY.get_sample_value("onedoor_webhook_rejected_total", {"channel": channel, "reason": reason}) or 0.0


def fresh_update_id(data: Any) -> Any:
    """The update under a new id, when it has one, so that it is handled rather than skipped as a repeat."""
    if isinstance(data, dict) and type(data.get("update_id")) is int:
        return {**data, "update_id": next(UPDATE_IDS)}
    return data


@PROPERTIES
@given(TELEGRAM_BODIES.map(fresh_update_id).map(lambda data: json.dumps(data).encode()) | st.binary(max_size=200))
def test_any_telegram_body_with_the_secret_is_handled_or_refused_never_an_error(served: Served, body: bytes) -> None:
    assert served.post_update(body).status_code in HANDLED_OR_REFUSED


@PROPERTIES
@given(FORMS)
def test_any_signed_sms_form_is_handled_or_refused_never_an_error(served: Served, form: dict[str, str]) -> None:
    if "MessageSid" in form:  # a new sid, so that the form is handled rather than skipped as a repeat
        form = {**form, "MessageSid": form["MessageSid"] + str(next(UPDATE_IDS))}
    assert served.post_form(form).status_code in HANDLED_OR_REFUSED


def test_a_telegram_update_nested_too_deep_is_refused(served: Served) -> None:
    assert served.post_update(b"[" * 100_000).status_code == 400


@pytest.mark.parametrize("update", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_telegram_shapes_get_400(served: Served, update: dict[str, Any]) -> None:
    response = served.post_update(json.dumps(update).encode())
    assert (response.status_code, response.json()) == (400, {"error": "not_an_update"})


@pytest.mark.parametrize(
    ("request_kind", "channel", "reason", "status"),
    [
        ("sms forged", "sms", "bad_signature", 403),
        ("sms unsigned", "sms", "missing_signature", 403),
        ("sms signed but without a sid", "sms", "missing_fields", 400),
        ("telegram wrong secret", "telegram", "bad_secret", 403),
        ("telegram text as a number", "telegram", "not_an_update", 400),
        ("telegram too large", "telegram", "too_large", 413),
    ],
)
def test_a_refused_webhook_is_logged_and_counted_without_its_payload(
    served: Served, caplog: pytest.LogCaptureFixture, request_kind: str, channel: str, reason: str, status: int
) -> None:
    secret_text = "my name is Delphine Sorensen, +15550100009"
    form = {"MessageSid": "SM" + "1" * 32, "From": "+15550100009", "Body": secret_text}
    update: dict[str, Any] = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": 5,
                                                          "chat": {"id": 5550100009, "type": "private"}}}
    requests_by_kind = {
        "sms forged": lambda: served.post_form(form, signature="forged"),
        "sms unsigned": lambda: served.post_form(form, signature=""),
        "sms signed but without a sid": lambda: served.post_form({**form, "MessageSid": ""}),
        "telegram wrong secret": lambda: served.post_update(json.dumps(update).encode(), secret="wrong"),
        "telegram text as a number": lambda: served.post_update(json.dumps(update).encode()),
        "telegram too large": lambda: served.post_update(json.dumps({**update, "pad": "x" * 300_000}).encode()),
    }
    before = rejections(channel, reason)
    with caplog.at_level(logging.INFO, logger="channels.rejections"):
        response = requests_by_kind[request_kind]()
    assert (response.status_code, response.json()) == (status, {"error": reason})
    assert rejections(channel, reason) == before + 1
    [record] = [r for r in caplog.records if r.name == "channels.rejections"]
    assert record.getMessage() == f"{channel}.webhook.rejected reason={reason} status={status}"
    assert not any(private in caplog.text for private in ("Delphine", "5550100009", secret_text))

