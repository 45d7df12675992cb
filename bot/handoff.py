"""Hand a conversation to a person: which agency, how urgent, and whether anyone is there now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot import hours
from bot.cases import CaseOrigin, CaseStatus, CaseStore, CaseView, NewCase
from bot.catalog import Agency, Catalog
from bot.handoff_records import Handoff, HandoffReason
from bot.rate_limits import Limit, RateLimits
from bot.routing import contact_center


@dataclass(frozen=True)
class HandoffPlan:
    """Where a handoff goes and whether staff are in now; `next_open` (local time) when they are not."""

    agency: Agency
    reason: HandoffReason
    service_id: str | None
    staffed_now: bool
    next_open: datetime | None


def owning_agency(catalog: Catalog, service_id: str | None) -> Agency:
    """The agency that owns a service, or the 311 Contact Center when there is no service or no owner."""
    if service_id is not None and catalog.service(service_id) is not None:
        return catalog.owner(service_id)
    return contact_center(catalog)


def plan(catalog: Catalog, reason: HandoffReason, service_id: str | None, now: datetime) -> HandoffPlan:
    """Decide where a handoff goes, and whether its agency's staff are in at `now` (an aware datetime).

    Crisis and misunderstanding go to the Contact Center, which owns what no agency owns; otherwise the
    service's agency takes it.
    """
    routed_service = service_id if reason in (HandoffReason.STAFF_SERVICE, HandoffReason.ASKED_FOR_PERSON) else None
    agency = owning_agency(catalog, routed_service)
    local = now.astimezone(ZoneInfo(catalog.city.timezone))
    staffed = hours.is_open(agency.hours, local)
    return HandoffPlan(
        agency=agency,
        reason=reason,
        service_id=routed_service,
        staffed_now=staffed,
        next_open=None if staffed else hours.next_opening(agency.hours, local),
    )


# The service of a case filed for a person out of hours when the conversation named none.
GENERAL_ENQUIRY = "general_enquiry"
# How much of the conversation a night request's case carries for the morning shift.
DESCRIPTION_MESSAGES = 3
DESCRIPTION_CHARS = 1000


def after_hours_case(store: CaseStore, plan: HandoffPlan, channel: str, conversation_id: str,
                     said: list[str], language: str | None = None) -> tuple[CaseView, bool]:
    """The one case a conversation's out-of-hours requests for a person share, and whether it was already filed.

    A resident who asks again (one asked three times in 32 seconds) is told staff have the request, rather than
    being given a new reference each time. The case names the service (or a general enquiry) and carries the
    resident's last few messages, so the morning shift knows what it is about before opening the conversation.
    """
    return request_case(store, plan.agency.id, plan.service_id, channel, conversation_id, said, language)


def request_case(store: CaseStore, agency_id: str, service_id: str | None, channel: str, conversation_id: str,
                 said: list[str], language: str | None = None) -> tuple[CaseView, bool]:
    """The one open case a conversation's unanswered requests for a person share with an agency (see
    `after_hours_case`), and whether it was already filed; `language` is the resident's, for the callback."""
    service_id = service_id or GENERAL_ENQUIRY
    for case in store.for_conversation(conversation_id):
        view = case.view
        if view.status is CaseStatus.OPEN and (view.agency_id, view.service_id) == (agency_id, service_id):
            return view, True
    description = " / ".join(said[-DESCRIPTION_MESSAGES:])[:DESCRIPTION_CHARS] or None
    new = NewCase(service_id, agency_id, channel, conversation_id, description=description, language=language,
                  origin=CaseOrigin.PERSON_REQUEST)
    return store.create(new), False


@dataclass(frozen=True)
class WaitStandard:
    """How long a handoff may wait unclaimed: until staff should have answered, and until the assistant gives up
    (None: never, for a crisis)."""

    answer_within: timedelta
    give_up_after: timedelta | None


def wait_standard(catalog: Catalog, handoff: Handoff) -> WaitStandard:
    """The standard of the queue a handoff waits in; a crisis has the city's crisis standard and is never given
    up, since no one in danger is told to come back later."""
    if handoff.reason is HandoffReason.CRISIS:
        return WaitStandard(timedelta(minutes=catalog.city.crisis.respond_within_minutes), None)
    standard = catalog.agencies[handoff.agency_id].handoff
    return WaitStandard(timedelta(minutes=standard.answer_within_minutes),
                        timedelta(minutes=standard.give_up_after_minutes))


def estimated_wait_minutes(position: int, minutes_per_handoff: int) -> int:
    """A rough wait for the resident: the conversations ahead of them, each taking the usual time."""
    return max(1, (position + 1) * minutes_per_handoff)


def may_hand_off(limits: RateLimits, channel: str, sender_id: str) -> bool:
    """Whether a hand-off to staff may go ahead under the sender's hand-off limit.

    Each one fills a staff queue (and may cost an SMS), so they are limited per sender. A crisis never comes
    here: `bot.crisis` answers it at any hour, unlimited, since nobody in danger may be told to wait.
    """
    return limits.check(Limit.HANDOFF, channel, sender_id)
