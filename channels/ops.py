"""The `ops` connector: liveness, readiness and metrics of the Rasa process, under `/webhooks/ops/`.

It takes no messages. Rasa mounts a connector's blueprint for every channel credentials.yml names, which is
how these routes get into the Rasa server without patching it; all they do is call `bot.observability`.
Loading it also switches the process's logs to JSON lines (bot/observability/logs.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.observability.logs import render_configured_logs_as_json
from bot.observability.metrics import exposition, may_scrape
from bot.observability.readiness import Check, NotReady, failures, http_check, report, store_checks
from bot.settings import Settings, get_settings


class OpsInput(InputChannel):
    """`GET /webhooks/ops/live`, `/ready` and `/metrics` (the last private: see the README's Observability)."""

    @classmethod
    def name(cls) -> str:
        return "ops"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        render_configured_logs_as_json()
        return cls(get_settings())

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._checks = store_checks(settings)
        self._token = settings.metrics_token.get_secret_value()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        ops = Blueprint("ops_webhook", __name__)

        @ops.route("/live", methods=["GET"])
        async def live(_: Request) -> HTTPResponse:
            return response.json({"status": "alive"})

        @ops.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            checks = {**self._checks, **agent_checks(getattr(request.app.ctx, "agent", None))}
            status, body = report(await failures(checks))
            return response.json(body, status=status, headers={"Cache-Control": "no-store"})

        @ops.route("/metrics", methods=["GET"])
        async def metrics(request: Request) -> HTTPResponse:
            if not may_scrape(request.headers.get("Authorization"), self._token):
                return response.json({"error": "not authenticated"}, status=401, headers={"WWW-Authenticate": "Bearer"})
            body, content_type = await asyncio.to_thread(exposition)
            return response.raw(body, content_type=content_type)

        return ops


def agent_checks(agent: Any) -> dict[str, Check]:
    """The checks only the Rasa process has: its model is loaded, and its action server answers with the secret
    endpoints.yml gives Rasa (a wrong secret fails here rather than on a resident's first message)."""

    async def model() -> None:
        if agent is None or not agent.is_ready():
            raise NotReady("no model loaded")

    checks: dict[str, Check] = {"model": model}
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is not None and endpoint.url:
        checks["action_server"] = http_check(live_url(endpoint.url), endpoint.headers or {})
    return checks


def live_url(action_url: str) -> str:
    """The action server's `/live`, beside the URL Rasa posts actions to (`http://host:5055/webhook`)."""
    parts = urlsplit(action_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rsplit("/", 1)[0] + "/live", "", ""))
