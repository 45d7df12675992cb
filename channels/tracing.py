"""Each resident's message gets a request id and its reply time measured, at every connector's boundary.

`trace_requests` binds an id to each webhook request (the caller's `X-Request-ID` when it looks like one,
else a new one) and answers with it; `traced` wraps Rasa's message handler so that the message carries the id
in its metadata (and so in the tracker, where the action server reads it) and the time until its replies are
sent or queued is observed in `onedoor_reply_seconds`. Web chat messages arrive over socket.io, outside any
webhook request, and are given a new id here.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.observability import request_ids
from bot.observability.metrics import REPLY_SECONDS
from channels.boundary import Handler

logger = logging.getLogger(__name__)


def trace_requests(blueprint: Blueprint) -> None:
    """Bind a request id for every request to `blueprint`'s routes and echo it in the response."""

    @blueprint.middleware("request")
    async def bind(request: Request) -> None:
        request.ctx.request_id = request_ids.accepted(request.headers.get(request_ids.HEADER))
        request_ids.bind(request.ctx.request_id)

    @blueprint.middleware("response")
    async def echo(request: Request, response: HTTPResponse) -> None:
        request_id = getattr(request.ctx, "request_id", None)
        if request_id is not None:
            response.headers[request_ids.HEADER] = request_id
        request_ids.unbind()


def traced(on_new_message: Handler) -> Handler:
    """`on_new_message`, with the message's request id in its metadata and its handling time observed."""

    async def handled(message: Any) -> Any:
        request_id = request_ids.current() or request_ids.new_request_id()
        request_ids.bind(request_id)
        started = time.perf_counter()
        try:
            message.metadata = {**(message.metadata or {}), request_ids.KEY: request_id}
        except Exception as error:  # noqa: BLE001 - tracing must never cost a reply
            logger.warning("tracing.not_tagged error=%s", type(error).__name__)
        result = await on_new_message(message)
        _observe(message, time.perf_counter() - started)
        return result

    return handled


def _observe(message: Any, seconds: float) -> None:
    try:
        REPLY_SECONDS.labels(channel=message.input_channel or "unknown").observe(seconds)
        logger.info("message.handled channel=%s duration_ms=%d", message.input_channel, seconds * 1000)
    except Exception as error:  # noqa: BLE001 - a metric must never break the conversation
        logger.warning("metrics.not_observed error=%s", type(error).__name__)
