"""Breach alerts kept until acknowledged: the members of a queue see its open alerts; a supervisor, an admin or
the member holding the conversation ends one for everyone, once, audited and published. Real SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from bot.audit import AuditLog, StaffAction
from bot.breach_alerts import BreachAlerts
from bot.breach_log import BreachLog
from bot.catalog import Catalog
from bot.db import Database
from bot.handoff_records import HandoffReason
from bot.live_events import ChangeKind, ChangeLog, ChangePoll
from bot.open_alerts import Acknowledged, OpenAlerts
from bot.queues import Queues
from bot.staff import StaffMember, StaffRole
from tests.bot.test_breach_alerts import minutes_after

SAM = StaffMember("sam", "Sam Example", "water", StaffRole.AGENT)
JO = StaffMember("jo", "Jo Example", "water", StaffRole.AGENT)
KIM = StaffMember("kim", "Kim Example", "water", StaffRole.SUPERVISOR)
HAL = StaffMember("hal", "Hal Example", "housing", StaffRole.SUPERVISOR)


def alerts_of(catalog: Catalog, database: Database) -> OpenAlerts:
    return OpenAlerts(catalog, BreachLog(database), Queues(database), AuditLog(database))


def late_water_handoff(catalog: Catalog, database: Database) -> int:
    queues = Queues(database)
    handoff = queues.open("c-water", "sms", "water", HandoffReason.STAFF_SERVICE)
    [breach] = BreachAlerts(catalog, queues, BreachLog(database)).step(minutes_after(handoff, 30))
    return breach.handoff_id


def test_an_alert_stays_open_for_its_queues_members_until_acknowledged(catalog: Catalog, database: Database) -> None:
    handoff_id = late_water_handoff(catalog, database)
    alerts = alerts_of(catalog, database)
    [shown] = alerts.for_member(SAM)
    assert (shown.alert.handoff_id, shown.agency, shown.alert.waited_minutes, shown.may_acknowledge) == (
        handoff_id, "Water and Sewer Utility", 30, False)
    assert alerts.for_member(SAM) == [shown]  # shown again, as after a reload
    assert alerts.for_member(HAL) == []  # not a queue the housing supervisor sees
    assert [s.may_acknowledge for s in alerts.for_member(KIM)] == [True]


def test_an_agent_may_not_end_it_until_they_hold_the_conversation(catalog: Catalog, database: Database) -> None:
    handoff_id = late_water_handoff(catalog, database)
    alerts = alerts_of(catalog, database)
    [shown] = alerts.for_member(SAM)
    at = minutes_after(Queues(database).get(handoff_id), 31)  # type: ignore[arg-type]
    assert alerts.acknowledge(SAM, shown.alert.id, at) is Acknowledged.FORBIDDEN
    Queues(database).claim(handoff_id, "jo")
    assert alerts.acknowledge(SAM, shown.alert.id, at) is Acknowledged.FORBIDDEN
    assert alerts.acknowledge(JO, shown.alert.id, at) is Acknowledged.DONE
    assert alerts.for_member(SAM) == [] and alerts.for_member(KIM) == []


def test_an_acknowledgement_is_kept_audited_published_and_happens_once(catalog: Catalog, database: Database) -> None:
    handoff_id = late_water_handoff(catalog, database)
    poll = ChangePoll(ChangeLog(database))
    alerts = alerts_of(catalog, database)
    [shown] = alerts.for_member(KIM)
    at = minutes_after(Queues(database).get(handoff_id), 32)  # type: ignore[arg-type]
    assert alerts.acknowledge(KIM, shown.alert.id, at) is Acknowledged.DONE
    assert alerts.acknowledge(KIM, shown.alert.id, at + timedelta(seconds=1)) is Acknowledged.GONE
    assert alerts.acknowledge(KIM, 9999, at) is Acknowledged.GONE
    kept = BreachLog(database).get(shown.alert.id)
    assert kept is not None and kept.acknowledged_by == "kim" and kept.acknowledged_at is not None
    [entry] = [e for e in AuditLog(database).for_conversation("c-water") if e.action is StaffAction.BREACH_ACKNOWLEDGED]
    assert (entry.actor, entry.subject) == ("kim", f"handoff:{handoff_id}")
    assert [(c.kind, c.handoff_id, c.agencies) for c in poll.poll()] == [
        (ChangeKind.ACKNOWLEDGED, handoff_id, ("water",))]


def test_the_alert_stays_with_the_queue_it_waited_in_after_a_transfer(catalog: Catalog, database: Database) -> None:
    handoff_id = late_water_handoff(catalog, database)
    Queues(database).transfer(handoff_id, catalog.agencies["housing"], "")
    alerts = alerts_of(catalog, database)
    assert len(alerts.for_member(KIM)) == 1 and alerts.for_member(HAL) == []
    poll = ChangePoll(ChangeLog(database))
    [shown] = alerts.for_member(KIM)
    assert alerts.acknowledge(KIM, shown.alert.id, shown.alert.alerted_at) is Acknowledged.DONE
    assert [c.agencies for c in poll.poll()] == [("housing", "water")]
