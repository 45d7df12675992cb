"""Rasa's REST channel, off unless an operator sets a token, with a message that is missing or not text read as
empty text.

Rasa's own channel is open to anyone and passes such a message on as `None`, and the resident's request ends
with no reply; as empty text it reaches the reply that says nothing could be read.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.bearer import carries
from bot.settings import Settings, get_settings

logger = logging.getLogger(__name__)

NOT_CONFIGURED = "The REST channel is off: set ONE_DOOR_REST_TOKEN to enable it"


class RestInput(RasaRestInput):
    """The `rest` channel (`/webhooks/rest/webhook`) for integrations and tests.

    Without `ONE_DOOR_REST_TOKEN` the webhook answers 503, as other unconfigured channels do; with it, a request
    without `Authorization: Bearer <token>` gets 401 before its message is read.
    """

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(get_settings())

    def __init__(self, settings: Settings) -> None:
        self._token = settings.rest_token.get_secret_value()
        if not self._token:
            logger.warning("rest.disabled reason=not_configured")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def authenticate(request: Request) -> HTTPResponse | None:
            if request.method != "POST":
                return None
            if not self._token:
                return response.json({"error": NOT_CONFIGURED}, status=503)
            if not carries(request.headers.get("Authorization"), self._token):
                logger.warning("rest.webhook.rejected reason=bad_token")
                return response.json({"error": "not authenticated"}, status=401, headers={"WWW-Authenticate": "Bearer"})
            return None

        return webhook

    def _extract_message(self, req: Request) -> str:
        message = req.json.get("message") if isinstance(req.json, dict) else None
        return message if isinstance(message, str) else ""
