"""Page staff through a webhook the city names: on-call staff about a resident in crisis, or staff about a wait
past its standard.

A page carries a link to the conversation in the console and nothing the resident wrote: the webhook is often a
chat tool outside the city's records, and the console, behind sign-in, is where the words are read.
"""

from __future__ import annotations

import logging

import httpx

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


def page_breach(url: str, link: str, agency: str, waited_minutes: int, standard_minutes: int, crisis: bool) -> bool:
    """Page staff about a waiting conversation past its standard."""
    who = "A resident in crisis" if crisis else "A resident"
    text = (f"One Door: {who} has waited {waited_minutes} min in the {agency} queue, past its "
            f"{standard_minutes} min standard. Open: {link}")
    return send_page(url, text, link, agency=agency, waited_minutes=waited_minutes,
                     standard_minutes=standard_minutes)
