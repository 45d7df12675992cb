"""Webhook requests a channel refuses: answered with their status, logged by channel and reason, and counted.

A wrong `ONE_DOOR_SMS_WEBHOOK_URL` or Telegram secret shows up as a climbing `bad_signature` or `bad_secret`
count instead of silence. The log line and the counter name the channel and the reason only: never the
payload, the sender or the text.
"""

from __future__ import annotations

import logging

from prometheus_client import Counter
from sanic import response
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

WEBHOOK_REJECTED = Counter(
    "onedoor_webhook_rejected",
    "Webhook requests refused, by channel and reason (bad signature or secret, malformed, too large)",
    ["channel", "reason"],
)


def rejected(channel: str, status: int, reason: str) -> HTTPResponse:
    """The answer to a refused webhook request, logged and counted."""
    logger.info("%s.webhook.rejected reason=%s status=%s", channel, reason, status)
    WEBHOOK_REJECTED.labels(channel=channel, reason=reason).inc()
    return response.json({"error": reason}, status=status)
