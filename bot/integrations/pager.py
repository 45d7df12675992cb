"""Page on-call staff about a resident in crisis, through a webhook the city names.

The page carries a link to the conversation in the console and nothing the resident wrote: the webhook is
often a chat tool outside the city's records, and the console, behind sign-in, is where the words are read.
"""

from __future__ import annotations

import logging

import httpx

TIMEOUT_SECONDS = 5.0
logger = logging.getLogger(__name__)


def page_on_call(url: str, link: str, channel: str) -> bool:
    """POST the page; True when the webhook accepted it. A failure is logged and never stops the reply."""
    text = f"One Door: a resident in crisis is writing on {channel} while no staff are in. Open: {link}"
    try:
        response = httpx.post(url, json={"text": text, "link": link, "channel": channel}, timeout=TIMEOUT_SECONDS)
    except httpx.HTTPError as error:
        logger.warning("crisis page failed on %s: %s", channel, type(error).__name__)
        return False
    if response.is_success:
        return True
    logger.warning("crisis page refused on %s: HTTP %s", channel, response.status_code)
    return False
