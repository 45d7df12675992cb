"""Staff accounts for the console: who they are, which agency they serve, their hashed password, and whether
their sessions still count."""

from __future__ import annotations

import enum
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, Column, DateTime, Integer, String, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import Base, Database, utc_now, value_enum

MIN_PASSWORD_CHARS = 12
_hasher = PasswordHasher()


class StaffRole(str, enum.Enum):
    """What a staff member may see and do."""

    AGENT = "agent"  # their agency's queue and cases
    CONTACT_CENTER = "contact_center"  # every queue
    SUPERVISOR = "supervisor"  # their agency's queue (every queue in the Contact Center); takes over, reassigns
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
    # Every console session carries the version it was issued under; raising it ends them all at once.
    session_version = Column(Integer, nullable=False, default=0, server_default="0")
    # Set for a password someone else chose or read (a generated or reset one): the next sign-in changes it.
    must_change_password = Column(Boolean, nullable=False, default=False, server_default="0")


@dataclass(frozen=True)
class StaffMember:
    username: str
    display_name: str
    agency_id: str
    role: StaffRole
    active: bool = True
    session_version: int = 0
    must_change_password: bool = False

    @property
    def first_name(self) -> str:
        """The name residents know staff by: `Pat Example` signs replies as `Pat`."""
        return self.display_name.split()[0] if self.display_name.split() else self.username


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked; the message says why."""


class WrongPassword(StaffError):
    """The current password given to prove who is changing it is wrong."""


def username_for(display_name: str) -> str:
    """A sign-in name from a person's name: `Pat Example` becomes `pat.example`."""
    return re.sub(r"[^a-z0-9]+", ".", display_name.lower()).strip(".")


def generated_password() -> str:
    """A random password of 16 characters, for a new or reset account that must change it."""
    return secrets.token_urlsafe(12)


class StaffDirectory:
    """Create and change staff accounts and check their passwords.

    Note:
        Hashing is CPU-bound (argon2, tens of milliseconds): async callers run these methods in a thread.
    """

    def __init__(self, database: Database) -> None:
        self._db = database

    def add(
        self, username: str, display_name: str, agency_id: str, role: StaffRole, password: str,
        must_change_password: bool = False,
    ) -> StaffMember:
        """Create an account.

        Raises:
            StaffError: the password is too short, or the username is taken.
        """
        _check_length(password)
        record = StaffRecord(
            username=username,
            display_name=display_name,
            agency_id=agency_id,
            role=role,
            password_hash=_hasher.hash(password),
            must_change_password=must_change_password,
        )
        try:
            with self._db.transaction() as session:
                session.add(record)
        except IntegrityError as error:
            raise StaffError(f"the username '{username}' is taken") from error
        return _member(record)

    def members(self, include_inactive: bool = False) -> list[StaffMember]:
        """Every active account (or every account), by agency then name."""
        query = select(StaffRecord).order_by(StaffRecord.agency_id, StaffRecord.display_name)
        if not include_inactive:
            query = query.where(StaffRecord.active.is_(True))
        with self._db.transaction() as session:
            return [_member(record) for record in session.execute(query).scalars()]

    def find(self, username: str) -> StaffMember | None:
        """The account with this username, active or not."""
        with self._db.transaction() as session:
            record = _record(session, username)
            return _member(record) if record else None

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
            if not _verify(record.password_hash if record else _UNKNOWN_USER_HASH, password) or record is None:
                return None
            if _hasher.check_needs_rehash(record.password_hash):
                record.password_hash = _hasher.hash(password)
            return _member(record)

    def end_sessions(self, username: str) -> StaffMember:
        """End every console session of this account (sign-out ends them everywhere)."""
        return self._change(username, lambda session, record: None)

    def set_active(self, username: str, active: bool) -> StaffMember:
        """Deactivate (or reactivate) an account; deactivating ends its sessions.

        Raises:
            StaffError: no such account, or it is the last active admin.
        """
        def apply(session: Session, record: StaffRecord) -> None:
            if not active:
                _keep_an_admin(session, record)
            record.active = active

        return self._change(username, apply)

    def set_role(self, username: str, role: StaffRole) -> StaffMember:
        """Give an account another role; its sessions end, so that no page runs on the old role.

        Raises:
            StaffError: no such account, or it is the last active admin and the role is not admin.
        """
        def apply(session: Session, record: StaffRecord) -> None:
            if role is not StaffRole.ADMIN:
                _keep_an_admin(session, record)
            record.role = role

        return self._change(username, apply)

    def reset_password(self, username: str) -> str:
        """Give an account a random password that must be changed at the next sign-in; its sessions end.

        Returns:
            The new password, to be shown once to the person who asked.
        """
        password = generated_password()
        hashed = _hasher.hash(password)

        def apply(session: Session, record: StaffRecord) -> None:
            record.password_hash = hashed
            record.must_change_password = True

        self._change(username, apply)
        return password

    def change_password(self, username: str, current: str, new: str) -> StaffMember:
        """Replace one's own password, proving the current one; every session ends, this one is re-issued.

        Raises:
            WrongPassword: the current password is wrong.
            StaffError: the new password is too short or the same as the current one.
        """
        _check_length(new)
        if new == current:
            raise StaffError("the new password must differ from the current one")
        if self.authenticate(username, current) is None:
            raise WrongPassword("the current password is wrong")
        hashed = _hasher.hash(new)

        def apply(session: Session, record: StaffRecord) -> None:
            record.password_hash = hashed
            record.must_change_password = False

        return self._change(username, apply)

    def _change(self, username: str, apply: Callable[[Session, StaffRecord], None]) -> StaffMember:
        with self._db.transaction() as session:
            record = _record(session, username)
            if record is None:
                raise StaffError(f"no account '{username}'")
            apply(session, record)
            record.session_version = record.session_version + 1
            return _member(record)



def _record(session: Session, username: str) -> StaffRecord | None:
    return session.execute(select(StaffRecord).where(StaffRecord.username == username)).scalar_one_or_none()


def _keep_an_admin(session: Session, record: StaffRecord) -> None:
    """Refuse a change that would leave no active admin to manage accounts."""
    if record.role is not StaffRole.ADMIN or not record.active:
        return
    admins = session.execute(
        select(func.count()).select_from(StaffRecord)
        .where(StaffRecord.role == StaffRole.ADMIN, StaffRecord.active.is_(True))
    ).scalar_one()
    if admins <= 1:
        raise StaffError(f"'{record.username}' is the last active admin")


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _check_length(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise StaffError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")


_UNKNOWN_USER_HASH = _hasher.hash("no such user: a password nobody has")


def _member(record: StaffRecord) -> StaffMember:
    return StaffMember(
        username=record.username, display_name=record.display_name, agency_id=record.agency_id, role=record.role,
        active=record.active, session_version=record.session_version,
        must_change_password=record.must_change_password,
    )
