"""Who may see which queue: agency staff their own agency's, the Contact Center and admins every one."""

from __future__ import annotations

from bot.staff import StaffMember, StaffRole


def visible_agencies(member: StaffMember) -> set[str] | None:
    """The agencies whose queues and cases a member sees; None means all of them."""
    if member.role in (StaffRole.CONTACT_CENTER, StaffRole.ADMIN):
        return None
    return {member.agency_id}


def may_open(member: StaffMember, agency_id: str) -> bool:
    agencies = visible_agencies(member)
    return agencies is None or agency_id in agencies


def may_triage(member: StaffMember) -> bool:
    """Service owners and admins review unresolved messages and read the reports; agents serve residents."""
    return member.role in (StaffRole.SERVICE_OWNER, StaffRole.ADMIN)
