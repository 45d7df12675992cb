"""Alert staff the moment a waiting conversation passes its handoff standard (a crisis's too, at any hour): in
every open console page until someone acknowledges it, and once through an optional webhook and e-mail.

Marking the breach is one conditional UPDATE (`Queues.mark_breach_alerted`), so of any number of checkers (each
console replica while pages are open, each handoff watcher) exactly one records, publishes and pages a breach. A
transfer starts a new wait, and a new breach of the new queue's standard alerts again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.breach_log import BreachLog
from bot.catalog import Catalog
from bot.handoff_records import Handoff, HandoffReason
from bot.integrations.mailer import addresses, mailer_for
from bot.integrations.pager import BreachPage, mail_breach, page_breach
from bot.live_events import ChangeKind
from bot.queues import Queues
from bot.service_levels import Level, Wait, wait_of
from bot.settings import Settings

logger = logging.getLogger(__name__)

# Pages staff about a handoff past its standard; True when the page went out.
Pager = Callable[[Handoff, Wait], bool]


@dataclass(frozen=True)
class Breach:
    handoff_id: int
    wait: Wait
    paged: bool


class BreachAlerts:
    """The use case: `step(now)` alerts for every waiting handoff that is late at `now` and not yet alerted."""

    def __init__(self, catalog: Catalog, queues: Queues, log: BreachLog, pager: Pager | None = None) -> None:
        self._catalog = catalog
        self._queues = queues
        self._log = log
        self._pager = pager

    def step(self, now: datetime) -> list[Breach]:
        """Alert for each breach this checker won at `now` (aware); the breaches it alerted for."""
        breaches = []
        for handoff in self._queues.waiting():
            wait = wait_of(self._catalog, handoff, now)
            if wait.level is not Level.LATE or handoff.breach_alerted_at is not None:
                continue
            if not self._queues.mark_breach_alerted(handoff.id, now):
                continue  # another checker alerted for it
            # Kept before it is published, so that every page hearing of it finds it.
            self._log.record(handoff.id, handoff.agency_id, wait.waited_minutes, wait.standard_minutes,
                             handoff.reason is HandoffReason.CRISIS, now)
            self._queues.announce(ChangeKind.LATE, handoff.id)
            paged = self._pager is not None and self._pager(handoff, wait)
            logger.info("breach_alerts.alerted handoff=%d paged=%s", handoff.id, paged)
            breaches.append(Breach(handoff.id, wait, paged))
        return breaches


def pager_for(settings: Settings, catalog: Catalog) -> Pager | None:
    """Pages through ONE_DOOR_BREACH_PAGE_URL and e-mails ONE_DOOR_BREACH_EMAIL_TO, each when configured; None
    when neither is (alerts in the console only). True when any channel took the page."""
    channels: list[Callable[[BreachPage], bool]] = []
    url = settings.breach_page_url.get_secret_value()
    if url:
        channels.append(lambda breach: page_breach(url, breach))
    mailer, to = mailer_for(settings), addresses(settings.breach_email_to)
    if mailer is not None and to:
        channels.append(lambda breach: mail_breach(mailer, to, breach))
    if not channels:
        return None

    def page(handoff: Handoff, wait: Wait) -> bool:
        breach = BreachPage(settings.console_link(handoff.id), catalog.agencies[handoff.agency_id].name,
                            wait.waited_minutes, wait.standard_minutes, handoff.reason is HandoffReason.CRISIS)
        return any([send(breach) for send in channels])  # a list: every channel is tried

    return page
