"""Messages a channel sends on its own, without asking the assistant: SMS keywords, a photo kept, content it
cannot read, a message too long or too fast to take, the web chat's welcome and the line that tells an SMS or
Telegram resident, once, that they are writing to an automated assistant. They live as templates beside this module so that wording is edited without touching code."""

from __future__ import annotations

import enum
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


class Notice(str, enum.Enum):
    SMS_HELP = "sms_help"
    SMS_STOPPED = "sms_stopped"
    SMS_STARTED = "sms_started"
    PHOTO_KEPT = "photo_kept"
    UNSUPPORTED_CONTENT = "unsupported_content"
    PRIVATE_CHATS_ONLY = "private_chats_only"
    MESSAGE_TOO_LONG = "message_too_long"
    RATE_LIMITED = "rate_limited"
    WEBCHAT_WELCOME = "webchat_welcome"
    SMS_DISCLOSURE = "sms_disclosure"
    TELEGRAM_DISCLOSURE = "telegram_disclosure"
    ACTIONS_UNAVAILABLE = "actions_unavailable"


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "notices"),
        undefined=StrictUndefined,
        # bandit B701: plain text for SMS and Telegram, never rendered as HTML
        autoescape=False,  # nosec B701
        keep_trailing_newline=False,
    )


def render(notice: Notice, city: str, language: str | None = None, **values: str) -> str:
    """The notice's text for `city`, in `language` when it has a translation (notices/<code>/) and in the city's
    own language otherwise; `values` fill the templates that need more (the privacy notice's address).

    Raises:
        jinja2.UndefinedError: when the template needs a value that was not given.
    """
    name = f"{notice.value}.txt"
    # The first of these that exists: the translation, else the city's own wording.
    template = _templates().select_template([f"{language}/{name}", name] if language else [name])
    return template.render(city=city, **values).strip()


def disclosed(disclosure: str, text: str) -> str:
    """The first message to a resident: the disclosure line, a blank line, then what the message says.

    Note:
        On SMS this first message must still fit two segments (`bot.messaging.sms_budget`), so the disclosure
        is one short line and the catalogue's short answers leave room for it.
    """
    return f"{disclosure}\n\n{text}".strip()
