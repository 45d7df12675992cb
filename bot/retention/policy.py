"""How long each kind of record is kept: the periods `python -m bot purge` enforces (docs/retention.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.messaging.inbound import MARK_WINDOW
from bot.settings import Settings


@dataclass(frozen=True)
class RetentionPolicy:
    """The retention periods, each counted back from the moment a purge runs.

    Note:
        `conversations` covers Rasa's conversations, unresolved messages, delivered or failed outbox messages,
        and the personal details of closed cases and handoffs. `contact_window` is how long an address (and a
        photo or number kept for a case) outlives the resident's last message when nothing open needs it.
    """

    conversations: timedelta = timedelta(days=90)
    contact_window: timedelta = timedelta(hours=24)
    feedback: timedelta = timedelta(days=365)
    audit: timedelta = timedelta(days=730)
    delivery_marks: timedelta = MARK_WINDOW

    @classmethod
    def from_settings(cls, settings: Settings, days: int | None = None) -> RetentionPolicy:
        """The operator's periods; `days` overrides ONE_DOOR_RETENTION_DAYS (the `--days` option)."""
        return cls(
            conversations=timedelta(days=settings.retention_days if days is None else days),
            contact_window=timedelta(hours=settings.contact_window_hours),
            feedback=timedelta(days=settings.feedback_retention_days),
            audit=timedelta(days=settings.audit_retention_days),
        )
