"""No silent waits: tell a resident nobody has answered of the wait, escalate their handoff, and in the end take the
conversation back with an apology and a case, so that no one waits forever (docs/adr/0013-no-silent-waits.md).

Each step is one conditional UPDATE (bot/queues.py), so any number of watchers, one per replica, act on a handoff
exactly once between them.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from bot import resident_notices
from bot.breach_alerts import BreachAlerts, pager_for
from bot.breach_log import BreachLog
from bot.cases import CaseStore
from bot.catalog import Catalog, load_catalog
from bot.clock import utc_now
from bot.db import Database, make_engine
from bot.handoff import owning_agency, request_case, wait_standard
from bot.handoff_records import Handoff, HandoffReason
from bot.integrations.rasa import Line, RasaClient, RasaUnavailable
from bot.queues import Queues
from bot.routing import contact_center
from bot.settings import Settings

logger = logging.getLogger(__name__)

# Who the queue shows as holding a handoff for the moments the watcher takes to give it up.
WATCHER = "one-door-watch"


class Resident(Protocol):
    """Reaching the resident on their channel and taking the conversation back: Rasa's API (RasaClient)."""

    async def say(self, conversation_id: str, text: str) -> None: ...

    async def resume(self, conversation_id: str) -> None: ...

    async def transcript(self, conversation_id: str) -> list[Line]: ...


class Watched(str, enum.Enum):
    """What the watcher did to a handoff."""

    HELD = "held"  # told the resident of the wait, with the option to leave a message
    ESCALATED = "escalated"  # moved to the Contact Center, or flagged for its supervisors
    GAVE_UP = "gave_up"  # closed, a case filed, the assistant back with an apology
    NOT_REACHED = "not_reached"  # Rasa did not answer; nothing changed, the next step tries again


@dataclass(frozen=True)
class Outcome:
    handoff_id: int
    did: Watched
    waited_minutes: int
    reference: str | None = None  # the case a give-up filed


class HandoffWatch:
    """The use case behind `python -m bot watch-handoffs`: `step` looks at every unclaimed handoff once."""

    def __init__(self, catalog: Catalog, queues: Queues, cases: CaseStore, resident: Resident,
                 alerts: BreachAlerts | None = None) -> None:
        """Args:
            alerts: when given, each step first alerts staff to waits that just passed their standard.
        """
        self._catalog = catalog
        self._queues = queues
        self._cases = cases
        self._resident = resident
        self._alerts = alerts

    async def step(self, now: datetime) -> list[Outcome]:
        """Hold, escalate or give up every waiting handoff past its standard at `now` (aware); what was done."""
        if self._alerts is not None:
            await asyncio.to_thread(self._alerts.step, now)
        outcomes: list[Outcome] = []
        for handoff in await asyncio.to_thread(self._queues.waiting):
            outcomes += await self._watch(handoff, now)
        return outcomes

    async def _watch(self, handoff: Handoff, now: datetime) -> list[Outcome]:
        standard = wait_standard(self._catalog, handoff)
        waited = now - _aware(handoff.waiting_since or handoff.created_at)
        minutes = int(waited // timedelta(minutes=1))
        if standard.give_up_after is not None and waited >= standard.give_up_after:
            return [outcome for outcome in [await self._give_up(handoff, minutes)] if outcome]
        if waited < standard.answer_within:
            return []
        outcomes = []
        # A resident in crisis is never asked to leave a message and go: staff are alerted, the resident waits.
        if handoff.reason is not HandoffReason.CRISIS and handoff.held_at is None:
            outcomes.append(await self._hold(handoff, minutes, now))
        if handoff.escalated_at is None:
            outcomes.append(await self._escalate(handoff, minutes, standard.answer_within, now))
        return [outcome for outcome in outcomes if outcome]

    async def _hold(self, handoff: Handoff, minutes: int, now: datetime) -> Outcome | None:
        if not await asyncio.to_thread(self._queues.mark_held, handoff.id, now):
            return None
        agency = self._catalog.agencies[handoff.agency_id].name
        try:
            await self._resident.say(handoff.conversation_id,
                                     resident_notices.render("still_waiting.txt", minutes=minutes, agency=agency))
        except RasaUnavailable:
            await asyncio.to_thread(self._queues.unmark_held, handoff.id)
            return _not_reached(handoff, minutes, "held")
        logger.info("handoff_watch.held handoff=%d", handoff.id)
        return Outcome(handoff.id, Watched.HELD, minutes)

    async def _escalate(self, handoff: Handoff, minutes: int, standard: timedelta, now: datetime) -> Outcome | None:
        center = contact_center(self._catalog)
        moved = handoff.agency_id != center.id
        target = f"waited {minutes} min, standard {int(standard // timedelta(minutes=1))} min"
        where = f"moved from {self._catalog.agencies[handoff.agency_id].name}" if moved else "for a supervisor"
        note = f"{target}; {where}"
        if not await asyncio.to_thread(self._queues.escalate, handoff.id, now, note, center.id if moved else None):
            return None
        logger.info("handoff_watch.escalated handoff=%d moved=%s", handoff.id, moved)
        return Outcome(handoff.id, Watched.ESCALATED, minutes)

    async def _give_up(self, handoff: Handoff, minutes: int) -> Outcome | None:
        """Take the handoff as staff would, file the conversation's case, hand it back to the assistant and close.

        Note:
            The claim makes this watcher the only one giving the handoff up; the bot resumes before anything is
            said, and if Rasa fails the claim is released, so the next step starts again (the case is found, not
            filed twice).
        """
        if not await asyncio.to_thread(self._queues.claim, handoff.id, WATCHER):
            return None
        conversation = handoff.conversation_id
        agency = owning_agency(self._catalog, handoff.service_id)
        try:
            said = [line.text for line in await self._resident.transcript(conversation) if line.speaker == "resident"]
            case, _ = await asyncio.to_thread(request_case, self._cases, agency.id, handoff.service_id,
                                              handoff.channel, conversation, said, handoff.language)
            await self._resident.resume(conversation)
            await self._resident.say(conversation, resident_notices.render(
                "gave_up.txt", agency=self._catalog.agencies[handoff.agency_id].name, minutes=minutes,
                reference=case.reference))
        except RasaUnavailable:
            await asyncio.to_thread(self._queues.release, handoff.id, WATCHER)
            return _not_reached(handoff, minutes, "gave_up")
        await asyncio.to_thread(self._queues.close, handoff.id,
                                f"no one answered in {minutes} min; case {case.reference} filed", "Gave up")
        logger.info("handoff_watch.gave_up handoff=%d", handoff.id)
        return Outcome(handoff.id, Watched.GAVE_UP, minutes, case.reference)


def _not_reached(handoff: Handoff, minutes: int, step: str) -> Outcome:
    logger.warning("handoff_watch.rasa_unavailable handoff=%d step=%s", handoff.id, step)
    return Outcome(handoff.id, Watched.NOT_REACHED, minutes)


def _aware(moment: datetime) -> datetime:
    """SQLite hands time stamps back without their zone; every one is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


async def watch(watcher: HandoffWatch, clock: Callable[[], datetime], every_seconds: float,
                stop: asyncio.Event | None = None) -> None:
    """Step every `every_seconds` until `stop` is set; a database or Rasa outage is logged and retried."""
    stop = stop or asyncio.Event()
    while not stop.is_set():
        try:
            await watcher.step(clock())
        except SQLAlchemyError as error:
            logger.warning("handoff_watch.database_unavailable error=%s", type(error).__name__)
        try:
            await asyncio.wait_for(stop.wait(), timeout=every_seconds)
        except asyncio.TimeoutError:
            pass


def run(settings: Settings, once: bool) -> list[Outcome]:
    """Watch the queues of the configured database and Rasa: one step when `once`, else until interrupted.

    Note:
        Waits are measured on the wall clock, as the handoffs' time stamps and the console's "waiting" column
        are; `ONE_DOOR_CLOCK` fixes only what office hours it is.
    """
    database = Database(make_engine(settings.database_url))
    rasa = RasaClient(settings.rasa_url, settings.rasa_jwt_secret.get_secret_value())
    catalog, queues = load_catalog(settings.catalog_dir), Queues(database)
    alerts = BreachAlerts(catalog, queues, BreachLog(database), pager_for(settings, catalog))
    watcher = HandoffWatch(catalog, queues, CaseStore(database), rasa, alerts)
    if once:
        return asyncio.run(watcher.step(utc_now()))
    asyncio.run(watch(watcher, utc_now, settings.handoff_watch_seconds))
    return []
