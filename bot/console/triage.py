"""The console's inbox of unresolved messages, grouped into themes for service owners."""

from __future__ import annotations

from dataclasses import dataclass

from bot.themes import themes
from bot.triage import TriageInbox
from bot.unresolved import Triage, Unresolved

# Clustering runs on each visit to the inbox; beyond this many messages of one state, the oldest wait.
INBOX_LIMIT = 500
UNGROUPED = "Not like any other message"


@dataclass(frozen=True)
class ThemeView:
    label: str
    count: int
    messages: list[Unresolved]


def inbox_view(inbox: TriageInbox, state: Triage) -> tuple[list[ThemeView], dict[Triage, int], int]:
    """The themes of one review state, how many messages each state holds, and how many await export."""
    shown = inbox.messages(state, limit=INBOX_LIMIT)
    by_id = {message.id: message for message in shown}
    views = [
        ThemeView(theme.label, theme.count, [by_id[i] for i in theme.message_ids])
        for theme in themes(shown)
    ]
    grouped = {message.id for view in views for message in view.messages}
    ungrouped = [message for message in shown if message.id not in grouped]
    if ungrouped:
        views.append(ThemeView(UNGROUPED, len(ungrouped), ungrouped))
    return views, inbox.counts(), inbox.exportable()
