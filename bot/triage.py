"""Service owners' review of unresolved messages: decide what each was, and turn decisions into training data.

A message assigned to an existing intent becomes a training example for it; one marked as a new service need
records something the city does not yet offer. Exported examples are marked "added to training" so that the
next export does not repeat them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import and_, func, select, update

from bot.db import Database
from bot.pii import PiiKind
from bot.unresolved import Triage, Unresolved, UnresolvedRecord, unresolved_from

# Redaction placeholders become ordinary sample values: brackets are Rasa's entity markup, and a classifier
# should learn "my number is 555-0100", not a token no resident ever types.
_SAMPLES = {
    PiiKind.EMAIL: "name@example.org",
    PiiKind.CARD: "my card number",
    PiiKind.SSN: "my social security number",
    PiiKind.PHONE: "555-0100",
    PiiKind.DOB: "01/02/1980",
    PiiKind.CASE_REF: "HVX-4KT-7QM",
    PiiKind.ADDRESS: "100 Main Street",
    PiiKind.PLATE: "ABC1234",
    PiiKind.ID: "D1234567",
    PiiKind.NAME: "Alex Doe",
    PiiKind.WITHHELD: "a long message",
}
_PLACEHOLDER = re.compile(r"\[(" + "|".join(kind.value for kind in PiiKind) + r")\]")
# Reviewed messages assigned to an intent: what an export takes.
_EXPORTABLE = and_(UnresolvedRecord.triage == Triage.REVIEWED, UnresolvedRecord.assigned_intent.is_not(None))
_MARKUP = str.maketrans({"[": "(", "]": ")", "{": "(", "}": ")"})


def training_example(text: str) -> str:
    """A redacted message as one line of Rasa NLU training data."""
    filled = _PLACEHOLDER.sub(lambda match: _SAMPLES[PiiKind(match.group(1))], text)
    return " ".join(filled.translate(_MARKUP).split())


def nlu_yaml(examples: dict[str, list[str]]) -> str:
    """Rasa 3 NLU training data for these intents, each example once, in a stable order."""
    lines = ['version: "3.1"', "nlu:"]
    for intent in sorted(examples):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {example}" for example in sorted(set(examples[intent]))]
    return "\n".join(lines) + "\n"


class TriageInbox:
    def __init__(self, database: Database) -> None:
        self._db = database

    def messages(self, state: Triage | None = None, limit: int | None = None) -> list[Unresolved]:
        """Messages in one review state (all when None), newest first, at most `limit` of them."""
        query = select(UnresolvedRecord).order_by(UnresolvedRecord.at.desc(), UnresolvedRecord.id.desc())
        if state is not None:
            query = query.where(UnresolvedRecord.triage == state)
        with self._db.transaction() as session:
            return [unresolved_from(record) for record in session.execute(query.limit(limit)).scalars()]

    def counts(self) -> dict[Triage, int]:
        """How many messages stand in each review state."""
        with self._db.transaction() as session:
            rows = session.execute(
                select(UnresolvedRecord.triage, func.count()).group_by(UnresolvedRecord.triage)
            ).all()
        return {state: 0 for state in Triage} | {state: count for state, count in rows}

    def exportable(self) -> int:
        """How many messages the next export would take."""
        with self._db.transaction() as session:
            query = select(func.count()).select_from(UnresolvedRecord).where(_EXPORTABLE)
            return int(session.execute(query).scalar_one())

    def assign(self, ids: Collection[int], intent: str) -> int:
        """Say these messages meant an existing intent; they wait in Reviewed until exported."""
        return self._update(ids, triage=Triage.REVIEWED, assigned_intent=intent, service_need=None)

    def mark_need(self, ids: Collection[int], need: str) -> int:
        """Say these messages ask for a service the city does not offer yet."""
        return self._update(ids, triage=Triage.REVIEWED, assigned_intent=None, service_need=need.strip()[:200])

    def set_state(self, ids: Collection[int], state: Triage) -> int:
        return self._update(ids, triage=state)

    def export(self, language: str, own_language: str) -> str:
        """NLU YAML of every reviewed message in `language` assigned to an intent, which are then marked added to
        training; messages recorded without a language are in the city's own (`own_language`)."""
        written_in = func.coalesce(UnresolvedRecord.language, own_language) == language
        with self._db.transaction() as session:
            query = select(UnresolvedRecord).where(_EXPORTABLE, written_in).with_for_update()
            records = session.execute(query).scalars().all()
            examples: dict[str, list[str]] = defaultdict(list)
            for record in records:
                example = training_example(record.text)
                if example:
                    examples[record.assigned_intent].append(example)
                record.triage = Triage.ADDED_TO_TRAINING
            return nlu_yaml(examples)

    def _update(self, ids: Collection[int], **values: object) -> int:
        if not ids:
            return 0
        with self._db.transaction() as session:
            return int(session.execute(
                update(UnresolvedRecord).where(UnresolvedRecord.id.in_(list(ids))).values(**values)
                .execution_options(synchronize_session=False)
            ).rowcount)
