"""Rasa's REST channel, with a message that is missing or not text read as empty text.

Rasa's own channel passes such a message on as `None`, and the resident's request ends with no reply; as
empty text it reaches the reply that says nothing could be read.
"""

from __future__ import annotations

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic.request import Request


class RestInput(RasaRestInput):
    """The `rest` channel (`/webhooks/rest/webhook`) for integrations and tests."""

    def _extract_message(self, req: Request) -> str:
        message = req.json.get("message") if isinstance(req.json, dict) else None
        return message if isinstance(message, str) else ""
