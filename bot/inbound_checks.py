"""The checks a resident's message passes at a channel's boundary, before the assistant reads it: sanitise,
then length, then rate limit. The first step that refuses ends the list, and the channel answers the refusal
itself; a refused message reaches neither NLU, nor actions, nor logs, and is not stored."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot.messaging.notices import Notice
from bot.rate_limits import Limit, RateLimits

logger = logging.getLogger(__name__)

# Control characters (C0, DEL, C1) other than tab and newline: invisible, meaningless to the classifier, and
# a way to smuggle terminal escapes into whatever displays the text later.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


@dataclass
class Inbound:
    """One message on its way in; the steps read it and `sanitise` rewrites its text."""

    channel: str
    sender_id: str
    text: str
    # Known on web chat and REST; SMS and Telegram come through the provider's servers.
    client_address: str | None = None


class Verdict(enum.Enum):
    """What becomes of a message, and the notice its sender is sent (None: nothing is sent)."""

    ACCEPTED = None
    TOO_LONG = Notice.MESSAGE_TOO_LONG
    RATE_LIMITED = Notice.RATE_LIMITED
    # Still over the limit, and already told within the last minute: refused without an answer.
    RATE_LIMITED_QUIETLY = "quiet"

    @property
    def notice(self) -> Notice | None:
        return self.value if isinstance(self.value, Notice) else None


Step = Callable[[Inbound], "Verdict | None"]


def sanitise(message: Inbound) -> Verdict | None:
    """Drop control characters and surrounding white space; never refuses."""
    message.text = message.text.translate(_CONTROL).strip()
    return None


class InboundChecks:
    """The ordered steps, configured once per channel connector."""

    def __init__(self, max_chars: int, limits: RateLimits) -> None:
        self._max_chars = max_chars
        self._limits = limits
        self.steps: tuple[Step, ...] = (sanitise, self.length, self.rate_limit)

    def run(self, message: Inbound) -> Verdict:
        """Pass the message through each step in order; the first verdict ends it.

        Note:
            The rate limit may call Redis, so a connector runs this off its event loop.
        """
        for step in self.steps:
            verdict = step(message)
            if verdict is not None:
                # A script over its limit is refused quietly at machine speed: its lines would flood the log.
                level = logging.DEBUG if verdict is Verdict.RATE_LIMITED_QUIETLY else logging.INFO
                logger.log(level, "inbound.refused channel=%s verdict=%s", message.channel, verdict.name.lower())
                return verdict
        return Verdict.ACCEPTED

    def length(self, message: Inbound) -> Verdict | None:
        """Refuse a message longer than the limit outright: a cut-off message would be misread."""
        return Verdict.TOO_LONG if len(message.text) > self._max_chars else None

    def rate_limit(self, message: Inbound) -> Verdict | None:
        """Count the message against its sender and, when known, its client address."""
        keys = [(Limit.SENDER, message.sender_id)]
        if message.client_address is not None:
            keys.append((Limit.ADDRESS, message.client_address))
        for limit, key in keys:
            if not self._limits.check(limit, message.channel, key):
                told = self._limits.allow(Limit.NOTICE, message.channel, message.sender_id)
                return Verdict.RATE_LIMITED if told else Verdict.RATE_LIMITED_QUIETLY
        return None
