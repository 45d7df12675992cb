"""Supervisors (and admins) moving a conversation someone else holds: take it over, reassign it to a named
staff member, or release it back to the queue. Each move is checked, done as one conditional update, and audited."""

from __future__ import annotations

import enum

from bot.access import may_hold, may_supervise
from bot.audit import AuditLog, StaffAction
from bot.handoff_records import Handoff, HandoffStatus
from bot.queues import Queues
from bot.staff import StaffDirectory, StaffMember


class Move(str, enum.Enum):
    """What a supervisor does to a claimed conversation; the values are the console's URL segments."""

    TAKE_OVER = "take-over"
    REASSIGN = "reassign"
    RELEASE = "release"


class Outcome(str, enum.Enum):
    """How a move ended; the console answers 200, 403, 409 or 400 for these."""

    DONE = "done"
    FORBIDDEN = "forbidden"  # the actor is no supervisor or admin of this queue
    CONFLICT = "conflict"  # nobody, or somebody else by now, holds the conversation
    NO_SUCH_HOLDER = "no_such_holder"  # the named staff member may not hold this conversation


_AUDITED = {Move.TAKE_OVER: StaffAction.TAKE_OVER, Move.REASSIGN: StaffAction.REASSIGN,
            Move.RELEASE: StaffAction.RELEASE}


class Supervision:
    """Take over, reassign and release on behalf of a supervisor or admin, and say who may receive a conversation."""

    def __init__(self, queues: Queues, staff: StaffDirectory, audit: AuditLog) -> None:
        self._queues = queues
        self._staff = staff
        self._audit = audit

    def holders(self, handoff: Handoff) -> list[StaffMember]:
        """Who a conversation may be reassigned to: active staff who may hold it, bar its present holder."""
        return [member for member in self._staff.members()
                if may_hold(member, handoff.agency_id) and member.username != handoff.claimed_by]

    def move(self, actor: StaffMember, handoff: Handoff, move: Move, to: str = "") -> Outcome:
        """Apply `move` to `handoff` as `actor` saw it; `to` names the new holder of a reassignment.

        The move succeeds only if the holder `actor` saw still has the conversation, so a supervisor never
        moves it from under someone who took it since the page was drawn.
        """
        if not may_supervise(actor, handoff.agency_id):
            return Outcome.FORBIDDEN
        holder = handoff.claimed_by
        if handoff.status is not HandoffStatus.CLAIMED or holder is None:
            return Outcome.CONFLICT
        if move is Move.RELEASE:
            done = self._queues.release(handoff.id, holder)
        else:
            new_holder = actor if move is Move.TAKE_OVER else self._staff.find(to)
            if new_holder is None or not may_hold(new_holder, handoff.agency_id) or new_holder.username == holder:
                return Outcome.NO_SUCH_HOLDER
            done = self._queues.reassign(handoff.id, holder, new_holder.username)
            to = new_holder.username
        if not done:
            return Outcome.CONFLICT
        detail = f"from {holder}" + (f" to {to}" if move is not Move.RELEASE else "")
        self._audit.record(actor.username, _AUDITED[move], handoff.conversation_id, f"handoff:{handoff.id}", detail)
        return Outcome.DONE
