"""One reader of the live changes per console process, fanned out to the stream of each open page; while pages
are open it also looks for waits that just passed their standard, so that their alert reaches the pages at once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from bot.live_events import Change, Follow

logger = logging.getLogger(__name__)

# A page that falls this far behind loses changes rather than holding memory; its next reload is complete.
BACKLOG = 500
RETRY_SECONDS = 1.0


class LiveHub:
    """Starts its reader with the first open page and stops it with the last."""

    def __init__(self, follow: Follow, check: Callable[[], Any] | None = None, check_seconds: float = 2.0) -> None:
        """Args:
            follow: every change from now on (bot.live_events.follow_for).
            check: a blocking look for breaches (BreachAlerts.step at the console's clock), run off the loop.
        """
        self._follow = follow
        self._check = check
        self._check_seconds = check_seconds
        self._pages: set[asyncio.Queue[Change]] = set()
        self._tasks: list[asyncio.Task[None]] = []

    @contextlib.asynccontextmanager
    async def subscription(self) -> AsyncIterator[asyncio.Queue[Change]]:
        """The changes for one open page, for as long as the block runs."""
        page: asyncio.Queue[Change] = asyncio.Queue(maxsize=BACKLOG)
        self._pages.add(page)
        if not self._tasks:
            self._tasks = [asyncio.create_task(self._read())]
            if self._check is not None:
                self._tasks.append(asyncio.create_task(self._look_for_breaches(self._check)))
        try:
            yield page
        finally:
            self._pages.discard(page)
            if not self._pages:
                for task in self._tasks:
                    task.cancel()
                self._tasks = []

    async def _read(self) -> None:
        while True:
            try:
                async for change in self._follow():
                    for page in list(self._pages):
                        with contextlib.suppress(asyncio.QueueFull):
                            page.put_nowait(change)
            except (SQLAlchemyError, RedisError, OSError) as error:
                logger.warning("live.read_failed error=%s", type(error).__name__)
            await asyncio.sleep(RETRY_SECONDS)

    async def _look_for_breaches(self, check: Callable[[], Any]) -> None:
        while True:
            try:
                await asyncio.to_thread(check)
            except SQLAlchemyError as error:
                logger.warning("live.breach_check_failed error=%s", type(error).__name__)
            await asyncio.sleep(self._check_seconds)
