"""The first message an SMS or Telegram resident receives, as the outbox writes it: the disclosure line first."""

from __future__ import annotations

from bot.messaging.notices import Notice, render
from bot.messaging.notices import disclosed as opening

CITY = "City of Harborview"


def disclosed(channel: str, text: str) -> str:
    """`text` as the first message to a resident on `channel` ("sms" or "telegram") reads."""
    return opening(render(Notice.SMS_DISCLOSURE if channel == "sms" else Notice.TELEGRAM_DISCLOSURE, CITY), text)
