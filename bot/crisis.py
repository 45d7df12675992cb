"""Stay with a resident in crisis, at any hour: the crisis lines first, a person when staff are in, on-call
staff paged when they are not, and never an office-hours promise or an ordinary case.

A crisis opens one handoff per conversation at the top of the 311 Contact Center's queue, in hours and out of
them: in hours a person joins the chat; out of hours the handoff is what on-call staff open from the page, and
what the morning shift sees first, flagged late. Further distressed messages in the same conversation add
nothing to the queue and get a different short reply, not the same bubbles again.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import hours
from bot.catalog import Catalog
from bot.handoff_records import HandoffReason
from bot.queues import Queues
from bot.routing import contact_center

# Replies to further distressed messages, cycled so that no two in a row are the same.
FOLLOW_UP_REPLIES = 3


class CrisisStep(enum.Enum):
    """What the assistant does after the crisis lines: a person joins now, or it stays on with the on-call line."""

    STAFF_JOINING = "staff_joining"
    STAYING_AFTER_HOURS = "staying_after_hours"


@dataclass(frozen=True)
class CrisisReply:
    """What a crisis message gets: `follow_up` is None for the first one in the conversation, else which of the
    short follow-up replies to send; `paged` when on-call staff were paged for it."""

    step: CrisisStep
    follow_up: int | None
    on_call_phone: str | None
    handoff_id: int
    paged: bool


def respond(
    catalog: Catalog,
    queues: Queues,
    conversation_id: str,
    channel: str,
    now: datetime,
    earlier_crisis_messages: int,
    page: Callable[[int], bool] | None = None,
    language: str | None = None,
) -> CrisisReply:
    """Open (or find) the conversation's crisis handoff and decide the reply.

    Args:
        now: an aware datetime.
        earlier_crisis_messages: distressed messages before this one in the conversation (from its tracker).
        page: pages on-call staff about the handoff with this id and says whether the page went out; None when
            no pager is configured. Called once per crisis handoff, and only when no staff are in.
        language: the resident's, recorded on the handoff so staff answer in it.
    """
    agency = contact_center(catalog)
    local = now.astimezone(ZoneInfo(catalog.city.timezone))
    staffed = hours.is_open(agency.hours, local)
    existing = queues.open_for(conversation_id, HandoffReason.CRISIS)
    handoff = existing or queues.open(conversation_id, channel, agency.id, HandoffReason.CRISIS, language=language)
    paged = existing is None and not staffed and page is not None and page(handoff.id)
    return CrisisReply(
        step=CrisisStep.STAFF_JOINING if staffed else CrisisStep.STAYING_AFTER_HOURS,
        follow_up=None if existing is None else follow_up_index(max(earlier_crisis_messages - 1, 0)),
        on_call_phone=catalog.city.crisis.on_call_phone,
        handoff_id=handoff.id,
        paged=paged,
    )


def follow_up_index(follow_ups_so_far: int) -> int:
    """Which follow-up reply the next distressed message gets (0-based), cycling through them."""
    return follow_ups_so_far % FOLLOW_UP_REPLIES
