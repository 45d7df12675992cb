"""Gauges read from the database when Prometheus scrapes: the handoff queues and the outbox backlog.

They are computed, not counted, so they are right whichever process or replica changed the rows, and after a
restart. The staff console serves them (one query each per scrape); Rasa's and the action server's `/metrics`
do not, so that a sum over processes does not count a queue twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime

from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import Clock, utc_now
from bot.db import Database
from bot.messaging.outbox import OutboxRecord, OutboxStatus
from bot.handoff_records import HandoffRecord, HandoffStatus

logger = logging.getLogger(__name__)


class DatabaseGauges:
    """A Prometheus collector of the waiting handoffs by agency and the pending outbox by channel."""

    def __init__(self, database: Database, agencies: Iterable[str], channels: Iterable[str] = ("sms", "telegram"),
                 clock: Clock = utc_now) -> None:
        """Args:
            agencies, channels: reported at zero when nothing waits, so a graph shows 0 rather than a gap.
        """
        self._db = database
        self._agencies = list(agencies)
        self._channels = list(channels)
        self._clock = clock

    def collect(self) -> Iterator[Metric]:
        try:
            with self._db.transaction() as session:
                queues = session.execute(
                    select(HandoffRecord.agency_id, func.count(), func.min(HandoffRecord.waiting_since))
                    .where(HandoffRecord.status == HandoffStatus.WAITING)
                    .group_by(HandoffRecord.agency_id)
                ).all()
                outbox = session.execute(
                    select(OutboxRecord.channel, func.count(), func.min(OutboxRecord.created_at))
                    .where(OutboxRecord.status == OutboxStatus.PENDING)
                    .group_by(OutboxRecord.channel)
                ).all()
        except SQLAlchemyError as error:
            logger.warning("metrics.database_unavailable error=%s", type(error).__name__)
            return
        now = self._clock()
        yield from self._pair(
            "onedoor_handoff_queue_length", "Conversations waiting for a person, by agency",
            "onedoor_handoff_oldest_wait_seconds", "How long the longest-waiting conversation has waited, by agency",
            "agency", self._agencies, queues, now,
        )
        yield from self._pair(
            "onedoor_outbox_pending", "Messages in the outbox not yet accepted by their provider, by channel",
            "onedoor_outbox_oldest_pending_seconds", "Age of the oldest message still pending, by channel",
            "channel", self._channels, outbox, now,
        )

    @staticmethod
    def _pair(count_name: str, count_help: str, age_name: str, age_help: str, label: str, known: list[str],
              rows: Iterable[tuple[str, int, datetime | None]], now: datetime) -> Iterator[Metric]:
        counts = GaugeMetricFamily(count_name, count_help, labels=[label])
        ages = GaugeMetricFamily(age_name, age_help, labels=[label])
        found = {key: (count, oldest) for key, count, oldest in rows}
        for key in sorted(set(known) | set(found)):
            count, oldest = found.get(key, (0, None))
            counts.add_metric([key], count)
            ages.add_metric([key], _seconds_since(oldest, now))
        yield counts
        yield ages


def _seconds_since(moment: datetime | None, now: datetime) -> float:
    if moment is None:
        return 0.0
    if moment.tzinfo is None:  # SQLite returns naive UTC
        moment = moment.replace(tzinfo=now.tzinfo)
    return max(0.0, (now - moment).total_seconds())
