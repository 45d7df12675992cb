"""The metric families One Door counts in its processes, and the `/metrics` exposition every process serves.

Counters live where the thing happens (`onedoor_webhook_rejected_total` in channels/rejections.py,
`onedoor_rate_limited_total` in bot/rate_limits.py, `onedoor_outbox_given_up_total` in
bot/messaging/delivery.py); those about the conversation itself are here. With `PROMETHEUS_MULTIPROC_DIR` set
(several Sanic workers), prometheus-client keeps each worker's values in files in that folder and a scrape
adds them up, so any worker answers for all of them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Sequence

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from bot.bearer import carries

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
# The label of an intent the domain does not know (a hand-typed "/anything" payload), so that no resident can
# add label values at will.
OTHER_INTENT = "other"

MESSAGES = Counter(
    "onedoor_messages", "Residents' messages the assistant handled, by channel and recognised intent",
    ["channel", "intent"],
)
FALLBACKS = Counter("onedoor_fallback", "Messages the assistant did not understand (nlu_fallback)", ["channel"])
OUT_OF_SCOPE = Counter("onedoor_out_of_scope", "Messages about something the city does not do", ["channel"])
REPLY_SECONDS = Histogram(
    "onedoor_reply_seconds",
    "Time from a message reaching its connector to the assistant's replies being sent or queued, by channel",
    ["channel"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0),
)


def count_message(channel: str, intent: str | None, known_intents: Collection[str]) -> None:
    """Count one handled message under its intent; never raises, since counting must not cost a reply."""
    try:
        label = intent if intent in known_intents else OTHER_INTENT
        MESSAGES.labels(channel=channel, intent=label).inc()
        if intent == FALLBACK_INTENT:
            FALLBACKS.labels(channel=channel).inc()
        elif intent == OUT_OF_SCOPE_INTENT:
            OUT_OF_SCOPE.labels(channel=channel).inc()
    except Exception as error:  # noqa: BLE001 - a metric must never break the conversation
        logger.warning("metrics.not_counted error=%s", type(error).__name__)


def may_scrape(authorization: str | None, token: str) -> bool:
    """Whether a scrape is allowed: always when no `ONE_DOOR_METRICS_TOKEN` is set (a proxy must then keep
    `/metrics` private), else only with that token as a bearer."""
    return not token or carries(authorization, token)


def exposition(extra: Sequence[Collector] = ()) -> tuple[bytes, str]:
    """The process's metrics (every worker's, in multiprocess mode) and `extra` collectors, in Prometheus's text
    format, with its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    body = generate_latest(registry)
    if extra:
        scraped_now = CollectorRegistry()
        for collector in extra:
            scraped_now.register(collector)
        body += generate_latest(scraped_now)
    return body, CONTENT_TYPE_LATEST
