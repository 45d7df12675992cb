"""One retention run over both stores: a tally of what it removed, and a unit of work a dry run rolls back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from bot.db import Database

# What an anonymised case, handoff or audit entry says instead of the conversation id. A conversation id is a
# keyed hash of the resident's address, so it would still lead back to them.
REMOVED = "[removed]"


@dataclass
class Removed:
    """Rows removed or anonymised, per table: counts only, never the rows' content."""

    deleted: dict[str, int] = field(default_factory=dict)
    anonymised: dict[str, int] = field(default_factory=dict)

    def delete(self, table: str, count: int) -> None:
        self.deleted[table] = self.deleted.get(table, 0) + count

    def anonymise(self, table: str, count: int) -> None:
        self.anonymised[table] = self.anonymised.get(table, 0) + count

    def total(self) -> int:
        return sum(self.deleted.values()) + sum(self.anonymised.values())

    def lines(self) -> list[str]:
        """One line per table touched (zeros included, so an operator sees what was covered)."""
        return [f"{table}: {count} deleted" for table, count in self.deleted.items()] + [
            f"{table}: {count} anonymised" for table, count in self.anonymised.items()
        ]

    def summary(self) -> str:
        """The counts on one line, for the audit log."""
        return "; ".join(self.lines())


@dataclass(frozen=True)
class Stores:
    """A session on One Door's database and, when configured, a connection to Rasa's tracker store."""

    session: Session
    trackers: Connection | None


@contextmanager
def changes(database: Database, trackers: Engine | None, dry_run: bool) -> Iterator[Stores]:
    """Both stores in one transaction each: committed at the end, or rolled back for a dry run or on error.

    Note:
        The tracker store commits first. Should One Door's commit then fail, running the command again
        finishes the job: every step is idempotent. When both live in the same database, one transaction
        serves both (two writers on one SQLite file would wait for each other).
    """
    with Session(database.engine, future=True) as session:
        session.begin()
        shared = trackers is not None and _same(trackers, database.engine)
        own = trackers.connect() if trackers is not None and not shared else None
        try:
            own_transaction = own.begin() if own is not None else None
            yield Stores(session, session.connection() if shared else own)
            if dry_run:
                session.rollback()
            else:
                if own_transaction is not None:
                    own_transaction.commit()
                session.commit()
        finally:
            # Closing rolls back whatever was not committed: a dry run's changes, or a failed run's.
            if own is not None:
                own.close()


def _same(one: Engine, other: Engine) -> bool:
    return bool(one.url.render_as_string(hide_password=False) == other.url.render_as_string(hide_password=False))
