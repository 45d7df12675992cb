"""Alert staff the moment a waiting conversation passes its handoff standard (a crisis's too, at any hour): once
in every open console page, through the live changes, and once through an optional webhook.

Marking the breach is one conditional UPDATE (`Queues.mark_breach_alerted`), so of any number of checkers (each
console replica while pages are open, each handoff watcher) exactly one alerts for a breach. A transfer starts a
new wait, and a new breach of the new queue's standard alerts again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.catalog import Catalog
from bot.integrations.pager import page_breach
from bot.queues import Handoff, HandoffReason, Queues
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

    def __init__(self, catalog: Catalog, queues: Queues, pager: Pager | None = None) -> None:
        self._catalog = catalog
        self._queues = queues
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
            paged = self._pager is not None and self._pager(handoff, wait)
            logger.info("breach_alerts.alerted handoff=%d paged=%s", handoff.id, paged)
            breaches.append(Breach(handoff.id, wait, paged))
        return breaches


def pager_for(settings: Settings, catalog: Catalog) -> Pager | None:
    """Pages through ONE_DOOR_BREACH_PAGE_URL when it is set; else None (alerts in the console only)."""
    url = settings.breach_page_url.get_secret_value()
    if not url:
        return None

    def page(handoff: Handoff, wait: Wait) -> bool:
        return page_breach(url, settings.console_link(handoff.id), catalog.agencies[handoff.agency_id].name,
                           wait.waited_minutes, wait.standard_minutes, handoff.reason is HandoffReason.CRISIS)

    return page
