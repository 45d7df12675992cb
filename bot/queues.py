"""Agency queues: conversations waiting for a person, claimed by exactly one staff member at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select, update
from sqlalchemy.sql.elements import ColumnElement

from bot.catalog import Agency
from bot.db import Database, utc_now
from bot.handoff_records import Handoff, HandoffReason, HandoffRecord, HandoffStatus, handoff_of
from bot.live_events import Change, ChangeKind, ChangeSink, sink_for
from bot.settings import get_settings

# Lower is served first: a resident in crisis goes to the top of any queue.
_PRIORITY = {HandoffReason.CRISIS: 0}
# A resident who told of a vulnerability (a baby, an older or disabled person...) goes after crises, before others.
_VULNERABLE_PRIORITY = 5
_NORMAL_PRIORITY = 10


class Queues:
    """Open handoffs, list queues, and let staff claim, transfer and close them; every change is published to
    open console pages (bot/live_events.py)."""

    def __init__(self, database: Database, changes: ChangeSink | None = None) -> None:
        self._db = database
        self._changes = changes or sink_for(get_settings(), database)

    def announce(self, kind: ChangeKind, handoff_id: int, *left: str) -> None:
        """Publish a change to handoff `handoff_id` to open console pages; `left` names an agency whose queue shows
        it too (the one it moved from, say)."""
        handoff = self.get(handoff_id)
        if handoff is not None:
            agencies = tuple(dict.fromkeys((handoff.agency_id, *left)))
            self._changes.publish(Change(kind, handoff_id, agencies))

    def _announced(self, done: bool, kind: ChangeKind, handoff_id: int, *left: str) -> bool:
        if done:
            self.announce(kind, handoff_id, *left)
        return done

    def open(
        self,
        conversation_id: str,
        channel: str,
        agency_id: str,
        reason: HandoffReason,
        service_id: str | None = None,
        priority_reason: str | None = None,
        language: str | None = None,
    ) -> Handoff:
        """Put a conversation in an agency's queue; `priority_reason` moves it ahead of ordinary requests."""
        ordinary = _VULNERABLE_PRIORITY if priority_reason else _NORMAL_PRIORITY
        moment = utc_now()
        record = HandoffRecord(
            conversation_id=conversation_id,
            channel=channel,
            agency_id=agency_id,
            service_id=service_id,
            reason=reason,
            priority=_PRIORITY.get(reason, ordinary),
            priority_reason=priority_reason,
            language=language,
            created_at=moment,
            waiting_since=moment,
        )
        with self._db.transaction() as session:
            session.add(record)
            session.flush()
            handoff = handoff_of(record)
        self._changes.publish(Change(ChangeKind.QUEUED, handoff.id, (agency_id,)))
        return handoff

    def waiting(self, agency_ids: set[str] | None = None) -> list[Handoff]:
        """Waiting handoffs, most urgent first, then oldest first; every agency's when `agency_ids` is None."""
        query = select(HandoffRecord).where(HandoffRecord.status == HandoffStatus.WAITING)
        if agency_ids is not None:
            query = query.where(HandoffRecord.agency_id.in_(agency_ids))
        query = query.order_by(HandoffRecord.priority, HandoffRecord.created_at, HandoffRecord.id)
        with self._db.transaction() as session:
            return [handoff_of(record) for record in session.execute(query).scalars()]

    def claimed(self, agency_ids: set[str] | None = None, username: str | None = None) -> list[Handoff]:
        """Claimed handoffs, oldest claim first: `username`'s only when given, every agency's when `agency_ids`
        is None."""
        query = select(HandoffRecord).where(HandoffRecord.status == HandoffStatus.CLAIMED)
        if agency_ids is not None:
            query = query.where(HandoffRecord.agency_id.in_(agency_ids))
        if username is not None:
            query = query.where(HandoffRecord.claimed_by == username)
        query = query.order_by(HandoffRecord.claimed_at, HandoffRecord.id)
        with self._db.transaction() as session:
            return [handoff_of(record) for record in session.execute(query).scalars()]

    def open_for(self, conversation_id: str, reason: HandoffReason) -> Handoff | None:
        """The conversation's handoff for `reason` that is still waiting or claimed, if any."""
        query = (
            select(HandoffRecord)
            .where(HandoffRecord.conversation_id == conversation_id, HandoffRecord.reason == reason)
            .where(HandoffRecord.status != HandoffStatus.CLOSED)
            .order_by(HandoffRecord.id.desc())
        )
        with self._db.transaction() as session:
            record = session.execute(query).scalars().first()
            return handoff_of(record) if record else None

    def for_conversation(self, conversation_id: str) -> list[Handoff]:
        """Every handoff of one conversation, oldest first, with its notes: what a case's page shows of it."""
        query = select(HandoffRecord).where(HandoffRecord.conversation_id == conversation_id).order_by(HandoffRecord.id)
        with self._db.transaction() as session:
            return [handoff_of(record) for record in session.execute(query).scalars()]

    def position(self, handoff_id: int) -> int:
        """How many waiting handoffs of the same agency are served before this one (0: next)."""
        with self._db.transaction() as session:
            mine = session.get(HandoffRecord, handoff_id)
        if mine is None:
            return 0
        ahead = self.waiting({mine.agency_id})
        return next((index for index, handoff in enumerate(ahead) if handoff.id == handoff_id), 0)

    def claim(self, handoff_id: int, username: str) -> bool:
        """Claim a waiting handoff; True for exactly one of any number of simultaneous claims.

        Note:
            The claim is one conditional UPDATE, so the database, not the application, decides the race.
        """
        with self._db.transaction() as session:
            result = session.execute(
                update(HandoffRecord)
                .where(HandoffRecord.id == handoff_id, HandoffRecord.status == HandoffStatus.WAITING)
                .values(status=HandoffStatus.CLAIMED, claimed_by=username, claimed_at=utc_now())
                .execution_options(synchronize_session=False)
            )
            claimed = bool(result.rowcount == 1)
        return self._announced(claimed, ChangeKind.CLAIMED, handoff_id)

    def reassign(self, handoff_id: int, holder: str, username: str) -> bool:
        """Give a handoff `holder` has claimed to `username` (a supervisor taking it over gives it to themselves).

        Returns:
            False when `holder` no longer has it: it was closed, released or moved meanwhile.
        """
        done = self._move_claim(handoff_id, holder, status=HandoffStatus.CLAIMED, claimed_by=username,
                                claimed_at=utc_now())
        return self._announced(done, ChangeKind.CLAIMED, handoff_id)

    def release(self, handoff_id: int, holder: str) -> bool:
        """Put a handoff `holder` has claimed back in its queue, waiting; False when `holder` no longer has it."""
        done = self._move_claim(handoff_id, holder, status=HandoffStatus.WAITING, claimed_by=None, claimed_at=None)
        return self._announced(done, ChangeKind.RELEASED, handoff_id)

    def _move_claim(self, handoff_id: int, holder: str, **values: object) -> bool:
        """Apply `values` to a handoff only while `holder` still has it claimed.

        Note:
            One conditional UPDATE, like `claim`: of two supervisors moving the same conversation at once, the
            database lets exactly one succeed.
        """
        with self._db.transaction() as session:
            result = session.execute(
                update(HandoffRecord)
                .where(HandoffRecord.id == handoff_id, HandoffRecord.status == HandoffStatus.CLAIMED,
                       HandoffRecord.claimed_by == holder)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return bool(result.rowcount == 1)

    def transfer(self, handoff_id: int, agency: Agency, note: str) -> bool:
        """Move a claimed or waiting handoff to another agency's queue, adding a note (named for the agency, as
        staff read it) for its staff.

        The resident's wait starts afresh there: that queue's standard counts from now, and it may tell them of
        the wait and escalate it once more.
        """
        before = self.get(handoff_id)
        done = self._change(handoff_id, f"Transferred to {agency.name}", note, agency_id=agency.id,
                            status=HandoffStatus.WAITING, claimed_by=None, claimed_at=None, waiting_since=utc_now(),
                            held_at=None, escalated_at=None, breach_alerted_at=None)
        return self._announced(done, ChangeKind.TRANSFERRED, handoff_id, *([before.agency_id] if before else []))

    def mark_held(self, handoff_id: int, at: datetime) -> bool:
        """Record that the resident is being told of the wait; True for exactly one of simultaneous callers."""
        return self._change(handoff_id, "Held", "", HandoffRecord.status == HandoffStatus.WAITING,
                            HandoffRecord.held_at.is_(None), held_at=at)

    def unmark_held(self, handoff_id: int) -> bool:
        """Undo `mark_held` when the message did not go out, so that a later attempt sends it."""
        return self._change(handoff_id, "Held", "", HandoffRecord.held_at.is_not(None), held_at=None)

    def escalate(self, handoff_id: int, at: datetime, note: str, agency_id: str | None = None) -> bool:
        """Escalate a waiting handoff once, moving it to `agency_id`'s queue when given; True for exactly one of
        simultaneous callers."""
        moved = {"agency_id": agency_id} if agency_id else {}
        before = self.get(handoff_id)
        done = self._change(handoff_id, "Escalated", note, HandoffRecord.status == HandoffStatus.WAITING,
                            HandoffRecord.escalated_at.is_(None), escalated_at=at, **moved)
        return self._announced(done, ChangeKind.ESCALATED, handoff_id, *([before.agency_id] if before else []))

    def mark_breach_alerted(self, handoff_id: int, at: datetime) -> bool:
        """Record that staff are being alerted to a waiting handoff past its standard; True for exactly one of
        simultaneous callers, who keeps the alert and then publishes it (bot/breach_alerts.py)."""
        return self._change(handoff_id, "Late", "", HandoffRecord.status == HandoffStatus.WAITING,
                            HandoffRecord.breach_alerted_at.is_(None), breach_alerted_at=at)

    def note_message(self, conversation_id: str) -> bool:
        """Tell open console pages the resident wrote, when their conversation has an open handoff; whether it had."""
        query = (select(HandoffRecord.id).where(HandoffRecord.conversation_id == conversation_id)
                 .where(HandoffRecord.status != HandoffStatus.CLOSED).order_by(HandoffRecord.id.desc()))
        with self._db.transaction() as session:
            handoff_id = session.execute(query).scalars().first()
        if handoff_id is not None:
            self.announce(ChangeKind.MESSAGE, handoff_id)
        return handoff_id is not None

    def close(self, handoff_id: int, note: str, label: str = "Closed") -> bool:
        """Close a handoff, adding its closing note; False when it was already closed."""
        done = self._change(handoff_id, label, note, status=HandoffStatus.CLOSED, closed_at=utc_now())
        return self._announced(done, ChangeKind.CLOSED, handoff_id)

    def _change(self, handoff_id: int, label: str, note: str, *conditions: ColumnElement[bool],
                **values: object) -> bool:
        """Apply `values` to an open handoff that meets `conditions`, and add a labelled line to its notes: earlier
        notes (a transfer's, say) are kept, never overwritten. False when the handoff is closed, missing or does
        not meet them.

        Note:
            One conditional UPDATE, so that of simultaneous changes (two watchers, say) the database lets exactly
            one through, on SQLite and PostgreSQL alike.
        """
        if note.strip():
            line = f"{label}: {note.strip()}"
            values["note"] = case((HandoffRecord.note == "", line), else_=HandoffRecord.note + "\n" + line)
        with self._db.transaction() as session:
            result = session.execute(
                update(HandoffRecord)
                .where(HandoffRecord.id == handoff_id, HandoffRecord.status != HandoffStatus.CLOSED, *conditions)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            return bool(result.rowcount == 1)

    def get(self, handoff_id: int) -> Handoff | None:
        with self._db.transaction() as session:
            record = session.get(HandoffRecord, handoff_id)
            return handoff_of(record) if record else None
