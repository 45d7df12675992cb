"""Whether to tell a resident that staff have their request: a request for a person nobody was in to take (a
night request) stays open until staff answer it, and meanwhile the assistant answers what it can.

Note:
    Once per session, not on every message. A Rasa session ends after an hour without messages
    (`session_config` in domain.yml), so a session is one sitting. Within it, the resident has been told the
    reference once (by the reply that filed the case, or by this notice) and repeating it before every answer
    would bury the answers, and cost an extra SMS segment each time. A resident who comes back in a later
    sitting, before staff have written, is told once again. Once staff have written in the conversation, the
    resident is talking with them, and the notice stops.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from bot.cases import CaseDetail, CaseOrigin, CaseStatus, CaseView

# Marks the notice among the assistant's messages, so that a later turn sees it was said in this session.
NOTICE_KEY = "one_door_notice"
STAFF_HAVE_REQUEST = "staff_have_request"
# The replies that file or find a night request, which tell the resident its reference themselves.
FILING_RESPONSES = frozenset({"utter_handoff_after_hours", "utter_handoff_already_filed"})


def waiting_request(cases: Iterable[CaseDetail]) -> CaseView | None:
    """The newest request for a person in a conversation that staff have not started working on."""
    waiting = [case.view for case in cases
               if case.view.origin is CaseOrigin.PERSON_REQUEST and case.view.status is CaseStatus.OPEN]
    return max(waiting, key=lambda view: _aware(view.created_at), default=None)


def to_mention(case: CaseView | None, staff_last_wrote: datetime | None, told_this_session: bool) -> CaseView | None:
    """The request to tell the resident staff have, or None: there is none, staff have already written since it
    was filed, or the resident was told in this session."""
    if case is None or told_this_session:
        return None
    if staff_last_wrote is not None and _aware(staff_last_wrote) >= _aware(case.created_at):
        return None
    return case


def _aware(moment: datetime) -> datetime:
    """SQLite hands time stamps back without their zone; every one is stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
