"""The delivery loop: send what the outbox holds through a provider, retrying until the provider accepts it.

A provider adapter raises `TemporaryFailure` for what may pass (a 5xx, a timeout, a refused connection, rate
limiting) and `PermanentFailure` for what cannot (an invalid number, a bot the resident blocked). Anything
else it raises is treated as temporary, so a bug in an adapter delays messages rather than losing them. A
temporary failure may say how long the provider wants us to wait (Telegram's `retry_after`); the next attempt
is then exactly that far off. A message the outbox gives up on (`GiveUp`) is counted in
`onedoor_outbox_given_up_total{channel}`. Errors are logged by type and status only: never the recipient or
the text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from prometheus_client import Counter

from bot.clock import Clock
from bot.messaging.outbox import Delivery, Outbox
from bot.observability import request_ids

logger = logging.getLogger(__name__)

Send = Callable[[Delivery], Awaitable[None]]

GIVEN_UP = Counter(
    "onedoor_outbox_given_up_total",
    "Messages the outbox stopped retrying because they waited or were tried too long",
    ["channel"],
)


class TemporaryFailure(Exception):
    """The provider could not take the message now; it will be tried again, after `wait` if the provider said."""

    def __init__(self, message: str, wait: timedelta | None = None) -> None:
        super().__init__(message)
        self.wait = wait


class PermanentFailure(Exception):
    """The provider refused the message for a reason that retrying will not change."""


def describe(error: BaseException) -> str:
    """An error as it may be stored and logged: its type and message, which adapters keep free of content."""
    return f"{type(error).__name__}: {error}"[:200]


class DeliveryLoop:
    """Sends one channel's due messages, then waits for new ones or for the next retry."""

    def __init__(self, outbox: Outbox, channel: str, send: Send, clock: Clock, poll_seconds: float = 1.0) -> None:
        self._outbox = outbox
        self._channel = channel
        self._send = send
        self._clock = clock
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look at the outbox now rather than at the next poll: a message was just queued."""
        self._wake.set()

    async def run_once(self) -> int:
        """Send every message due now, recipients in parallel; returns how many were attempted."""
        deliveries = await asyncio.to_thread(self._outbox.lease, self._channel, self._clock())
        await asyncio.gather(*(self._deliver(delivery) for delivery in deliveries))
        return len(deliveries)

    async def run_forever(self) -> None:
        while True:
            try:
                attempted = await self.run_once()
            except Exception as error:  # the database is down: keep trying, the messages are safe in it
                logger.warning("outbox.unavailable channel=%s error=%s", self._channel, describe(error))
                attempted = 0
            if attempted:
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self._poll_seconds)
            except asyncio.TimeoutError:
                pass

    async def _deliver(self, delivery: Delivery) -> None:
        """Send one message; its log lines carry the request id of the message it answers (each delivery runs in
        its own task under `gather`, so the binding stays with it)."""
        if delivery.request_id:
            request_ids.bind(delivery.request_id)
        try:
            await self._send(delivery)
        except PermanentFailure as error:
            logger.warning("outbox.failed channel=%s id=%s error=%s", self._channel, delivery.id, describe(error))
            await asyncio.to_thread(self._outbox.failed, delivery, describe(error))
        except Exception as error:
            wait = error.wait if isinstance(error, TemporaryFailure) else None
            due = await asyncio.to_thread(self._outbox.retry_later, delivery, self._clock(), describe(error), wait)
            if due is None:
                GIVEN_UP.labels(channel=self._channel).inc()
                logger.warning(
                    "outbox.given_up channel=%s id=%s attempts=%s error=%s",
                    self._channel, delivery.id, delivery.attempts, describe(error),
                )
                return
            logger.info(
                "outbox.retry channel=%s id=%s attempt=%s next=%s error=%s",
                self._channel, delivery.id, delivery.attempts, due.isoformat(), describe(error),
            )
        else:
            await asyncio.to_thread(self._outbox.sent, delivery, self._clock())
            logger.info("outbox.sent channel=%s id=%s attempt=%s", self._channel, delivery.id, delivery.attempts)
