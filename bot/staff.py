"""Staff accounts for the console: who they are, which agency they serve, and their hashed password."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Column, DateTime, Integer, String, select
from sqlalchemy.exc import IntegrityError

from bot.db import Base, Database, utc_now, value_enum

MIN_PASSWORD_CHARS = 12
_hasher = PasswordHasher()


class StaffRole(str, enum.Enum):
    """What a staff member may see and do."""

    AGENT = "agent"  # their agency's queue and cases
    CONTACT_CENTER = "contact_center"  # every queue
    ADMIN = "admin"  # every queue, and manages users
    SERVICE_OWNER = "service_owner"  # the unresolved-message inbox and reports, for improving content and training


class StaffRecord(Base):
    __tablename__ = "staff"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(128), nullable=False)
    agency_id = Column(String(64), nullable=False)
    role = Column(value_enum(StaffRole, 16), nullable=False)
    password_hash = Column(String(256), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


@dataclass(frozen=True)
class StaffMember:
    username: str
    display_name: str
    agency_id: str
    role: StaffRole


class StaffError(ValueError):
    """A staff account cannot be created as asked; the message says why."""


def username_for(display_name: str) -> str:
    """A sign-in name from a person's name: `Pat Example` becomes `pat.example`."""
    return re.sub(r"[^a-z0-9]+", ".", display_name.lower()).strip(".")


class StaffDirectory:
    """Create staff accounts and check their passwords."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, username: str, display_name: str, agency_id: str, role: StaffRole, password: str) -> StaffMember:
        """Create an account.

        Raises:
            StaffError: the password is too short, or the username is taken.
        """
        if len(password) < MIN_PASSWORD_CHARS:
            raise StaffError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
        record = StaffRecord(
            username=username,
            display_name=display_name,
            agency_id=agency_id,
            role=role,
            password_hash=_hasher.hash(password),
        )
        try:
            with self._db.transaction() as session:
                session.add(record)
        except IntegrityError as error:
            raise StaffError(f"the username '{username}' is taken") from error
        return _member(record)

    def members(self) -> list[StaffMember]:
        """Every active account, by agency then name."""
        query = (
            select(StaffRecord)
            .where(StaffRecord.active.is_(True))
            .order_by(StaffRecord.agency_id, StaffRecord.display_name)
        )
        with self._db.transaction() as session:
            return [_member(record) for record in session.execute(query).scalars()]

    def authenticate(self, username: str, password: str) -> StaffMember | None:
        """The active staff member with these credentials, or None.

        Note:
            An unknown username still costs one hash verification, so that response time does not reveal
            which usernames exist.
        """
        with self._db.transaction() as session:
            record = session.execute(
                select(StaffRecord).where(StaffRecord.username == username, StaffRecord.active.is_(True))
            ).scalar_one_or_none()
            stored = record.password_hash if record else _UNKNOWN_USER_HASH
            try:
                _hasher.verify(stored, password)
            except (VerificationError, InvalidHashError):
                return None
            if record is None:
                return None
            if _hasher.check_needs_rehash(record.password_hash):
                record.password_hash = _hasher.hash(password)
            return _member(record)


_UNKNOWN_USER_HASH = _hasher.hash("no such user: a password nobody has")


def _member(record: StaffRecord) -> StaffMember:
    return StaffMember(
        username=record.username, display_name=record.display_name, agency_id=record.agency_id, role=record.role
    )
