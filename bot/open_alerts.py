"""Breach alerts as staff see and end them: every open alert of the queues a member sees, on every console page
and after a reload, until a supervisor of that queue, an admin or the member holding the conversation
acknowledges it; the acknowledgement is audited and ends the alert on every open page."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bot.access import may_acknowledge, visible_agencies
from bot.audit import AuditLog, StaffAction
from bot.breach_log import Alert, BreachLog
from bot.catalog import Catalog
from bot.live_events import ChangeKind
from bot.queues import Queues
from bot.staff import StaffMember


class Acknowledged(str, enum.Enum):
    DONE = "done"
    GONE = "gone"  # no such alert, or someone acknowledged it first
    FORBIDDEN = "forbidden"  # the member may not end it


@dataclass(frozen=True)
class ShownAlert:
    alert: Alert
    agency: str  # the queue's name, as staff read it
    may_acknowledge: bool


@dataclass(frozen=True)
class OpenAlerts:
    catalog: Catalog
    log: BreachLog
    queues: Queues
    audit: AuditLog

    def for_member(self, member: StaffMember) -> list[ShownAlert]:
        """The open alerts of the queues `member` sees, oldest first."""
        shown = []
        for alert in self.log.unacknowledged(visible_agencies(member)):
            agency = self.catalog.agencies.get(alert.agency_id)
            shown.append(ShownAlert(alert, agency.name if agency else alert.agency_id,
                                    may_acknowledge(member, alert.agency_id, self._holder(alert))))
        return shown

    def acknowledge(self, member: StaffMember, alert_id: int, at: datetime) -> Acknowledged:
        """End an open alert for everyone, if `member` may; audited, and published so open pages drop it."""
        alert = self.log.get(alert_id)
        if alert is None or alert.acknowledged_at is not None:
            return Acknowledged.GONE
        if not may_acknowledge(member, alert.agency_id, self._holder(alert)):
            return Acknowledged.FORBIDDEN
        if not self.log.acknowledge(alert.id, member.username, at):
            return Acknowledged.GONE
        handoff = self.queues.get(alert.handoff_id)
        self.audit.record(member.username, StaffAction.BREACH_ACKNOWLEDGED,
                          handoff.conversation_id if handoff else None, f"handoff:{alert.handoff_id}",
                          f"alert {alert.id}: {alert.waited_minutes} min of {alert.standard_minutes} min")
        # The alert's queue hears of it even when the conversation has moved to another since.
        self.queues.announce(ChangeKind.ACKNOWLEDGED, alert.handoff_id, alert.agency_id)
        return Acknowledged.DONE

    def _holder(self, alert: Alert) -> str | None:
        handoff = self.queues.get(alert.handoff_id)
        return handoff.claimed_by if handoff else None
