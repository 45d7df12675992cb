"""Rasa's REST channel, off unless an operator sets a token, with a message that is missing or not text read as
empty text, and every message passed through the boundary checks (`channels.boundary`) before Rasa sees it.

Rasa's own channel is open to anyone and passes such a message on as `None`, and the resident's request ends
with no reply; as empty text it reaches the reply that says nothing could be read.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.bearer import carries
from bot.settings import Settings, get_settings
from channels.boundary import Gate, announcing
from channels.rejections import rejected
from channels.tracing import trace_requests, traced

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "The REST channel is off: set ONE_DOOR_REST_TOKEN to enable it"

# The client address of the request being handled: Rasa's route builds the `UserMessage`, and this channel only
# sees it afterwards, in the same task.
_CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("rest_client_address", default=None)
# Whether handling the request's message failed. Rasa's route logs the error and still answers 200 with whatever
# was said before it, usually `[]`, so the client would take a message that was never stored (its store or lock was
# unreachable) for handled; such a request is answered 503 instead, and the client sends it again.
_FAILED: ContextVar[bool] = ContextVar("rest_handling_failed", default=False)


class RestInput(RasaRestInput):
    """The `rest` channel (`/webhooks/rest/webhook`) for integrations and tests.

    Without `ONE_DOOR_REST_TOKEN` the webhook answers 503, as other unconfigured channels do; with it, a request
    without `Authorization: Bearer <token>` gets 401 before its message is read.
    """

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(get_settings())

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or get_settings()
        self._token = settings.rest_token.get_secret_value()
        if not self._token:
            logger.warning("rest.disabled reason=not_configured")
        self.gate = Gate(self.name(), settings)

    def _extract_message(self, req: Request) -> str:
        message = req.json.get("message") if isinstance(req.json, dict) else None
        return message if isinstance(message, str) else ""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = announcing(traced(on_new_message), get_settings())
        async def checked(message: UserMessage) -> None:
            reply = functools.partial(message.output_channel.send_text_message, message.sender_id)
            text = await self.gate.admit(message.sender_id, message.text or "", reply, _CLIENT_ADDRESS.get())
            if text is not None:
                message.text = text
                try:
                    await on_new_message(message)
                except Exception:
                    _FAILED.set(True)
                    raise

        blueprint = super().blueprint(checked)
        self.gate.cap_request_size(blueprint)
        trace_requests(blueprint)

        @blueprint.middleware("request")
        async def authenticate(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            if not self._token:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            if not carries(request.headers.get("Authorization"), self._token):
                refusal = rejected(self.name(), 401, "bad_token")
                refusal.headers["WWW-Authenticate"] = "Bearer"
                return refusal
            _CLIENT_ADDRESS.set(self.gate.address(request))
            _FAILED.set(False)
            return None

        @blueprint.middleware("response")
        async def unhandled(request: Request, answer: HTTPResponse) -> HTTPResponse | None:
            return rejected(self.name(), 503, "not_handled") if request.method == "POST" and _FAILED.get() else None

        return blueprint
