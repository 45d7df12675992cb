"""Who may see which queue and who may move others' conversations: agency staff see their own agency's queue,
the Contact Center and admins every one; supervisors and admins take over, reassign and release."""

from __future__ import annotations

from bot.catalog import CONTACT_CENTER
from bot.staff import StaffMember, StaffRole

SUPERVISING = (StaffRole.SUPERVISOR, StaffRole.ADMIN)


def visible_agencies(member: StaffMember) -> set[str] | None:
    """The agencies whose queues and cases a member sees; None means all of them.

    A supervisor sees what their agency's staff see, so a Contact Center supervisor sees every queue.
    """
    if member.role in (StaffRole.CONTACT_CENTER, StaffRole.ADMIN):
        return None
    if member.role is StaffRole.SUPERVISOR and member.agency_id == CONTACT_CENTER:
        return None
    return {member.agency_id}


def may_open(member: StaffMember, agency_id: str) -> bool:
    agencies = visible_agencies(member)
    return agencies is None or agency_id in agencies


def may_supervise(member: StaffMember, agency_id: str) -> bool:
    """Supervisors and admins may take over, reassign or release a conversation in a queue they see."""
    return member.role in SUPERVISING and may_open(member, agency_id)


def may_acknowledge(member: StaffMember, agency_id: str, holder: str | None) -> bool:
    """Who may end a breach alert of `agency_id`'s queue for everyone: its supervisors and admins, who answer for
    the queue's waits, and the member who now holds the conversation (`holder`), who has answered the resident."""
    return may_supervise(member, agency_id) or (holder is not None and holder == member.username)


def may_hold(member: StaffMember, agency_id: str) -> bool:
    """Whether a conversation of `agency_id` may be given to `member`: an active account that serves residents
    (service owners improve content, they do not answer residents) and sees that agency's queue."""
    return member.active and member.role is not StaffRole.SERVICE_OWNER and may_open(member, agency_id)


def may_triage(member: StaffMember) -> bool:
    """Service owners and admins review unresolved messages and read the reports; agents serve residents."""
    return member.role in (StaffRole.SERVICE_OWNER, StaffRole.ADMIN)


def of_owning_agency(member: StaffMember, agency_id: str) -> bool:
    """Staff of the agency that owns a case, and admins: who may see its photos and answer it in the resident's
    conversation. Stricter than `may_open`: the Contact Center lists every case, but a resident's photos and
    conversation are for the agency working the case."""
    return member.role is StaffRole.ADMIN or (member.agency_id == agency_id and member.role is not StaffRole.SERVICE_OWNER)
