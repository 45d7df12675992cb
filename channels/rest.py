"""Rasa's REST channel, with a message that is missing or not text read as empty text, and every message
passed through the boundary checks (`channels.boundary`) before Rasa sees it.

Rasa's own channel passes such a message on as `None`, and the resident's request ends with no reply; as
empty text it reaches the reply that says nothing could be read.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint
from sanic.request import Request

from bot.settings import Settings, get_settings
from channels.boundary import Gate

# The client address of the request being handled: Rasa's route builds the `UserMessage`, and this channel only
# sees it afterwards, in the same task.
_CLIENT_ADDRESS: ContextVar[str | None] = ContextVar("rest_client_address", default=None)


class RestInput(RasaRestInput):
    """The `rest` channel (`/webhooks/rest/webhook`) for integrations and tests."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.gate = Gate(self.name(), settings or get_settings())

    def _extract_message(self, req: Request) -> str:
        message = req.json.get("message") if isinstance(req.json, dict) else None
        return message if isinstance(message, str) else ""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def checked(message: UserMessage) -> None:
            reply = functools.partial(message.output_channel.send_text_message, message.sender_id)
            text = await self.gate.admit(message.sender_id, message.text or "", reply, _CLIENT_ADDRESS.get())
            if text is not None:
                message.text = text
                await on_new_message(message)

        blueprint = super().blueprint(checked)
        self.gate.cap_request_size(blueprint)

        @blueprint.middleware("request")
        async def remember_address(request: Request) -> None:
            _CLIENT_ADDRESS.set(self.gate.address(request))

        return blueprint
