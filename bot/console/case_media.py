"""A case's photos, fetched from Twilio or Telegram and streamed to staff of the owning agency (and admins):
the providers' addresses need the city's credentials, which never reach the browser."""

from __future__ import annotations

import logging

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from bot.access import of_owning_agency
from bot.cases import AttachmentKind
from bot.console.case_pages import case_for
from bot.console.context import error, services
from bot.console.sessions import SIGNED_IN, require
from bot.integrations.media import MediaUnavailable, open_media
from bot.staff import StaffMember

logger = logging.getLogger(__name__)


@require(SIGNED_IN)
async def photo(request: Request, member: StaffMember) -> Response:
    """The case's `index`-th photo (from 0, in the order the page lists them)."""
    found, case = services(request), await case_for(request, member, of_owning_agency)
    if isinstance(case, Response):
        return case
    photos = [item for item in case.attachments if item.kind is AttachmentKind.PHOTO]
    index = request.path_params["index"]
    if index >= len(photos):
        return error(request, 404, "No such photo.")
    try:
        media = await open_media(found.console.media, photos[index])
    except MediaUnavailable as failure:
        logger.warning("console.photo.unavailable channel=%s", photos[index].channel)
        return error(request, 502, f"The photo could not be fetched from {photos[index].channel}: {failure}. "
                                   "Try again later.")
    disposition = "inline" if media.inline else "attachment"
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
               "Content-Disposition": f'{disposition}; filename="{case.view.reference}-{index + 1}"'}
    return StreamingResponse(media.body, media_type=media.content_type, headers=headers,
                             background=BackgroundTask(media.close))


routes = [Route("/cases/{reference:str}/photos/{index:int}", photo)]
