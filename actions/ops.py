"""The action server's `/live`, `/ready` and `/metrics`, and the request id of each action call.

Rasa sends the tracker with every call; its latest message's metadata carries the request id the connector gave
the message (channels/tracing.py), which is bound for the call so that the action server's log lines (and the
`actions.call` line written for every call) carry it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.observability import request_ids
from bot.observability.metrics import exposition, may_scrape
from bot.observability.readiness import failures, report, store_checks
from bot.settings import Settings

logger = logging.getLogger(__name__)

LIVE, READY, METRICS = "/live", "/ready", "/metrics"
ACTION_CALL = "/webhook"


def add_ops_routes(app: Sanic, settings: Settings) -> None:
    checks = store_checks(settings)
    token = settings.metrics_token.get_secret_value()

    @app.get(LIVE)
    async def live(_: Request) -> HTTPResponse:
        return response.json({"status": "alive"})

    @app.get(READY)
    async def ready(_: Request) -> HTTPResponse:
        status, body = report(await failures(checks))
        return response.json(body, status=status, headers={"Cache-Control": "no-store"})

    @app.get(METRICS)
    async def metrics(request: Request) -> HTTPResponse:
        if not may_scrape(request.headers.get("Authorization"), token):
            return response.json({"error": "not authenticated"}, status=401, headers={"WWW-Authenticate": "Bearer"})
        body, content_type = await asyncio.to_thread(exposition)
        return response.raw(body, content_type=content_type)


def trace_action_calls(app: Sanic) -> None:
    """Bind each action call's request id and action name, and log the call's outcome and duration."""

    @app.middleware("request")
    async def bind(request: Request) -> None:
        if request.path != ACTION_CALL or request.method != "POST":
            return
        request.ctx.started = time.perf_counter()
        call = _payload(request)
        tracker = call.get("tracker") if isinstance(call.get("tracker"), dict) else {}
        latest = tracker.get("latest_message") if isinstance(tracker.get("latest_message"), dict) else {}
        request_ids.bind(request_ids.from_metadata(latest.get("metadata")) or request_ids.new_request_id())
        action = call.get("next_action")
        request.ctx.action = action if isinstance(action, str) else "unknown"

    @app.middleware("response")
    async def log_call(request: Request, answer: HTTPResponse) -> None:
        started = getattr(request.ctx, "started", None)
        if started is None:
            return
        logger.info("actions.call action=%s status=%s duration_ms=%d", request.ctx.action, answer.status,
                    (time.perf_counter() - started) * 1000)
        request_ids.unbind()


def _payload(request: Request) -> dict[str, Any]:
    try:
        body = request.json
    except Exception:  # noqa: BLE001 - a malformed call is rasa-sdk's to refuse; tracing just skips it
        return {}
    return body if isinstance(body, dict) else {}
