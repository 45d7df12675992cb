"""What the catalogue's short SMS answers cost: each fits two segments even as a resident's first reply.

Note:
    The first message to an SMS resident opens with the disclosure line (`channels.messaging`), so an answer that
    fits two segments alone could cost three as a first reply. Three ways out were weighed: send the disclosure
    as its own message (a segment of its own for every resident), hold it back for a later, shorter message (the
    first reply must carry it), or write every short answer to leave room for it. One Door does the last: the
    disclosure is one short line (bot/messaging/notices/sms_disclosure.txt and its translations), and this check
    renders it for the city in each language, so a longer city name or a reworded disclosure shows up as answers
    over budget rather than as a bigger bill. Spanish answers keep to the GSM-7 alphabet (é, ñ, ¿ and ¡ are in it;
    á, í, ó and ú are not and would send the whole message as UCS-2, 67 characters a segment).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bot.catalog import MAX_SMS_SEGMENTS, Catalog
from bot.i18n.catalog import translate_catalog
from bot.messaging.notices import Notice, disclosed, render
from bot.messaging.segments import segments


def first_reply_segments(catalog: Catalog, language: str, text: str) -> int:
    """What `text` costs as the first SMS to a resident of `catalog`'s city, in `language`, with the disclosure."""
    return segments(disclosed(render(Notice.SMS_DISCLOSURE, catalog.city.name, language), text))


def _language_problems(catalog: Catalog, language: str) -> Iterator[str]:
    for service in catalog.services.values():
        where = f"{language}: services.{service.id}.sms_answer"
        if not service.sms_answer:
            yield f"{where}: missing, so an SMS resident is sent the full answer and its details"
            continue
        cost = first_reply_segments(catalog, language, service.sms_answer)
        if cost > MAX_SMS_SEGMENTS:
            yield f"{where}: {cost} segments as a first reply, with the disclosure; at most {MAX_SMS_SEGMENTS}"


def sms_problems(catalog: Catalog, catalog_dir: Path) -> list[str]:
    """Every service, in every language the city enables, whose short SMS answer is missing or too long."""
    return [
        problem
        for language in catalog.city.languages
        for problem in _language_problems(translate_catalog(catalog, catalog_dir, language), language)
    ]
