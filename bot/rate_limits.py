"""Rate limits on what residents send, with the `limits` library: in Redis when one is configured, so that
every replica and the action server count together, and in the process's memory otherwise.

Each limit is a list of windows (for example 20 a minute and 200 an hour) kept per channel and per key. Keys
are hashed before they are stored: a web chat session id is the key to a transcript, and a client address is
personal data, so neither is written to Redis as it is.
"""

from __future__ import annotations

import enum
import hashlib
import logging
from collections.abc import Mapping

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from prometheus_client import Counter
from redis.exceptions import RedisError

from bot.settings import Settings

logger = logging.getLogger(__name__)

REFUSED = Counter(
    "onedoor_rate_limited_total", "Messages and requests refused by a rate limit.", ["channel", "limit"]
)
# The "please wait" answer is itself limited: a script sending at machine speed gets one a minute, not one
# per message (on SMS each answer costs money).
NOTICE_WINDOW = "1/minute"


class Limit(str, enum.Enum):
    """What is being counted."""

    SENDER = "sender"
    ADDRESS = "address"
    CASE_STATUS = "case_status"
    HANDOFF = "handoff"
    NOTICE = "notice"


class RateLimits:
    """The configured limits over one storage; `allow` counts a hit unless it would go over."""

    def __init__(self, storage_url: str, windows: Mapping[Limit, str], namespace: str = "onedoor") -> None:
        """Args:
            storage_url: `memory://` or a Redis URL, as `limits.storage.storage_from_string` takes it.
            windows: each limit in the `limits` notation ("20/minute,200/hour"); empty or absent turns it off.
            namespace: the first part of every key, so that tests (or two deployments on one Redis) stay apart.

        Raises:
            ValueError: a window is not in the `limits` notation.
        """
        # The limiter holds its storage only by a weak reference.
        self._storage = storage_from_string(storage_url)
        self._limiter = MovingWindowRateLimiter(self._storage)
        self._windows: dict[Limit, list[RateLimitItem]] = {
            limit: parse_many(text) for limit, text in windows.items() if text.strip()
        }
        self._namespace = namespace

    @classmethod
    def from_settings(cls, settings: Settings, namespace: str = "onedoor") -> RateLimits:
        windows = {
            Limit.SENDER: settings.rate_limit_per_sender,
            Limit.ADDRESS: settings.rate_limit_per_address,
            Limit.CASE_STATUS: settings.rate_limit_case_status,
            Limit.HANDOFF: settings.rate_limit_handoff,
            Limit.NOTICE: NOTICE_WINDOW,
        }
        return cls(settings.rate_limit_storage(), windows, namespace)

    def allow(self, limit: Limit, channel: str, key: str) -> bool:
        """Count one hit on `key` and say whether it is within every window of `limit`.

        A refused hit is not counted, so a resident who waits is let in again when the window moves on.

        Note:
            When the storage cannot be reached the hit is allowed (and logged): residents keep being answered
            while Redis is down, at the cost of no limits for that time.
        """
        items = self._windows.get(limit, [])
        identifiers = (self._namespace, limit.value, channel, hashed_key(key))
        try:
            allowed = all(self._limiter.test(item, *identifiers) for item in items) and all(
                [self._limiter.hit(item, *identifiers) for item in items]
            )
        except RedisError as error:
            logger.warning("rate_limit.unavailable limit=%s error=%s", limit.value, type(error).__name__)
            return True
        return allowed

    def check(self, limit: Limit, channel: str, key: str) -> bool:
        """`allow`, with a refusal counted in `onedoor_rate_limited_total` and logged without the key."""
        if self.allow(limit, channel, key):
            return True
        REFUSED.labels(channel=channel, limit=limit.value).inc()
        logger.info("rate_limit.refused channel=%s limit=%s", channel, limit.value)
        return False


def hashed_key(key: str) -> str:
    """What a count is stored under instead of a session id, an address or a username: the same key always
    hashes the same, so counts still add up, but nothing in Redis names anyone."""
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()
