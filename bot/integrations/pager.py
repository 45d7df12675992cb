"""Page staff through a webhook the city names: on-call staff about a resident in crisis, or staff about a wait
past its standard (also by e-mail, when a relay is configured).

A page carries a link to the conversation in the console and nothing the resident wrote: the webhook is often a
chat tool outside the city's records, and the console, behind sign-in, is where the words are read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from bot.integrations.mailer import Mailer

TIMEOUT_SECONDS = 5.0
logger = logging.getLogger(__name__)


def send_page(url: str, text: str, link: str, **fields: str | int) -> bool:
    """POST `text` and `link` (and `fields`) as JSON; True when the webhook accepted it. A failure is logged and
    never stops the caller."""
    try:
        response = httpx.post(url, json={"text": text, "link": link, **fields}, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        logger.warning("page.failed error=%s", type(error).__name__)
        return False
    if response.is_success:
        return True
    logger.warning("page.refused status=%s", response.status_code)
    return False


def page_on_call(url: str, link: str, channel: str) -> bool:
    """Page on-call staff about a resident in crisis writing while no staff are in."""
    text = f"One Door: a resident in crisis is writing on {channel} while no staff are in. Open: {link}"
    return send_page(url, text, link, channel=channel)


@dataclass(frozen=True)
class BreachPage:
    """What staff are told of a waiting conversation past its standard, on every channel alike."""

    link: str
    agency: str
    waited_minutes: int
    standard_minutes: int
    crisis: bool

    @property
    def text(self) -> str:
        who = "A resident in crisis" if self.crisis else "A resident"
        return (f"One Door: {who} has waited {self.waited_minutes} min in the {self.agency} queue, past its "
                f"{self.standard_minutes} min standard. Open: {self.link}")

    @property
    def subject(self) -> str:
        return f"One Door: a late wait in the {self.agency} queue"


def page_breach(url: str, breach: BreachPage) -> bool:
    """Page staff through the webhook about a waiting conversation past its standard."""
    return send_page(url, breach.text, breach.link, agency=breach.agency, waited_minutes=breach.waited_minutes,
                     standard_minutes=breach.standard_minutes)


def mail_breach(mailer: Mailer, to: tuple[str, ...], breach: BreachPage) -> bool:
    """E-mail staff about a waiting conversation past its standard."""
    return mailer.send(to, breach.subject, breach.text + "\n")
