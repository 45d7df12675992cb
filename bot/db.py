"""The database One Door keeps its own records in: engine and sessions, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import enum

from sqlalchemy import Enum, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

# Re-exported: every model defaults its time stamp columns to it.
from bot.clock import utc_now as utc_now

Base = declarative_base()


def value_enum(kind: type[enum.Enum], length: int = 32) -> Enum:
    """A column type storing an enum's values ("in_progress"), not its names, as plain text anyone can read."""
    return Enum(kind, native_enum=False, length=length, values_callable=lambda members: [m.value for m in members])


def make_engine(url: str) -> Engine:
    """An engine for `url`; for SQLite the file's folder is created, foreign keys are enforced, and the file is
    written ahead-of-log (`write_ahead`).

    Note:
        SQLite waits up to 30 s for a lock instead of failing at once, so that the action server and a
        console process can write at the same time.
    """
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True, connect_args={"timeout": 30})
        event.listen(engine, "connect", _enforce_foreign_keys)
        event.listen(engine, "connect", write_ahead)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def _enforce_foreign_keys(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def write_ahead(connection: object, _record: object = None) -> None:
    """Put a SQLite connection in WAL mode with `synchronous=NORMAL`: a commit appends to the log without an fsync.

    Note:
        In the default rollback-journal mode every commit waits for two or three fsyncs, which under load was a
        sixth of the Rasa process's time (docs/adr/0017-throughput.md). With WAL and NORMAL a commit survives a
        crash of the process; only a power cut or an operating-system crash can lose the last commits before
        the next checkpoint. Readers in other processes (reports, retention) no longer wait for writers. A
        backup must copy the `-wal` file with the database, or use `sqlite3 .backup`.
    """
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """Sessions on one engine; a unit of work commits on success and rolls back on any error."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session
