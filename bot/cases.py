"""Cases: requests filed with an agency, each with a reference the resident can quote on any channel, and the
photos and phone numbers channels attach to them (`bot/attachments.py` records those)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, relationship

from bot import references
from bot.db import Base, Database, utc_now, value_enum

REFERENCE_ATTEMPTS = 5


class CaseStatus(str, enum.Enum):
    """Where a case stands, as staff set it."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


_STATUS = value_enum(CaseStatus, 16)


class CaseOrigin(str, enum.Enum):
    """How a case was filed, which decides how staff answer it."""

    FORM = "form"  # a service's form: staff update its status
    # A request for a person nobody was in to take (out of hours, or given up after a long wait): staff answer
    # it in the resident's conversation, and the assistant tells the resident meanwhile that staff have it.
    PERSON_REQUEST = "person_request"


class CaseRecord(Base):
    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    reference = Column(String(11), nullable=False, unique=True)
    service_id = Column(String(64), nullable=False)
    agency_id = Column(String(64), nullable=False, index=True)
    status = Column(_STATUS, nullable=False, default=CaseStatus.OPEN)
    channel = Column(String(32), nullable=False)
    conversation_id = Column(String(128), nullable=False, index=True)
    location = Column(Text)
    description = Column(Text)
    contact = Column(Text)
    # Why the case goes first ("priority: infant in the home"); None for an ordinary case.
    priority_reason = Column(String(120))
    # The resident's language (a code from data/catalog/languages.yml), for a callback in it; None: the city's own.
    language = Column(String(8))
    origin = Column(value_enum(CaseOrigin, 16), nullable=False, default=CaseOrigin.FORM,
                    server_default=CaseOrigin.FORM.value)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    updates = relationship("CaseUpdateRecord", order_by="CaseUpdateRecord.id", back_populates="case")


class AttachmentKind(str, enum.Enum):
    # A provider's media address (an MMS picture URL) or file reference (Telegram's `file_id`).
    PHOTO = "photo"
    # The number a text message came from, so that the agency can call back.
    PHONE = "phone"


@dataclass(frozen=True)
class Attachment:
    kind: AttachmentKind
    value: str
    channel: str


class AttachmentRecord(Base):
    __tablename__ = "case_attachments"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    channel = Column(String(32), nullable=False)
    kind = Column(value_enum(AttachmentKind, 16), nullable=False)
    value = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


class CaseUpdateRecord(Base):
    __tablename__ = "case_updates"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    status = Column(_STATUS, nullable=False)
    note = Column(Text, nullable=False, default="")
    case = relationship("CaseRecord", back_populates="updates")


@dataclass(frozen=True)
class NewCase:
    """What a conversation collected for the agency."""

    service_id: str
    agency_id: str
    channel: str
    conversation_id: str
    location: str | None = None
    description: str | None = None
    contact: str | None = None
    priority_reason: str | None = None
    language: str | None = None
    origin: CaseOrigin = CaseOrigin.FORM


@dataclass(frozen=True)
class CaseView:
    """A case as the resident may see it: no contact details, only where it stands."""

    reference: str
    service_id: str
    agency_id: str
    status: CaseStatus
    created_at: datetime
    updated_at: datetime
    last_note: str
    priority_reason: str | None = None
    language: str | None = None
    origin: CaseOrigin = CaseOrigin.FORM


@dataclass(frozen=True)
class CaseUpdate:
    """One entry of a case's history: each status change or note is kept, never overwritten."""

    at: datetime
    status: CaseStatus
    note: str


@dataclass(frozen=True)
class CaseDetail:
    """A case as staff see it: where it stands, what the resident told us, and where to reach them."""

    view: CaseView
    channel: str
    conversation_id: str
    location: str | None
    description: str | None
    contact: str | None
    attachments: list[Attachment]
    history: tuple[CaseUpdate, ...] = ()


class CaseStore:
    """Create cases, look them up by reference, list them for staff and change their status."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def create(self, new: NewCase) -> CaseView:
        """File a case under a fresh reference.

        Raises:
            RuntimeError: when no unused reference was found in a few attempts, which would mean the
                reference space is nearly full.
        """
        for _ in range(REFERENCE_ATTEMPTS):
            try:
                with self._db.transaction() as session:
                    record = CaseRecord(reference=references.new_reference(), **new.__dict__)
                    record.updates.append(CaseUpdateRecord(status=CaseStatus.OPEN, note=""))
                    session.add(record)
                    session.flush()
                    attach_pending(session, new.conversation_id, record.id)
                    return _view(record)
            except IntegrityError:
                continue
        raise RuntimeError("no unused case reference found")

    def find(self, reference: str) -> CaseView | None:
        """The case with this reference, typed in any form; None if the reference is invalid or unknown."""
        found = self.detail(reference)
        return found.view if found else None

    def detail(self, reference: str) -> CaseDetail | None:
        """The case with this reference (typed in any form) as staff see it, with its whole history."""
        canonical = references.parse(reference)
        if canonical is None:
            return None
        with self._db.transaction() as session:
            record = session.execute(select(CaseRecord).where(CaseRecord.reference == canonical)).scalar_one_or_none()
            return _detail(session, record) if record else None

    def list(self, agency_ids: set[str] | None, status: CaseStatus | None = None) -> list[CaseDetail]:
        """Cases of these agencies (all when None), priority cases first, then newest first, optionally of one
        status."""
        query = select(CaseRecord).order_by(
            CaseRecord.priority_reason.is_(None), CaseRecord.created_at.desc(), CaseRecord.id.desc()
        )
        if agency_ids is not None:
            query = query.where(CaseRecord.agency_id.in_(agency_ids))
        if status is not None:
            query = query.where(CaseRecord.status == status)
        with self._db.transaction() as session:
            return [_detail(session, record) for record in session.execute(query).scalars()]

    def for_conversation(self, conversation_id: str) -> list[CaseDetail]:
        """Cases filed from one conversation, oldest first: the details its forms collected."""
        query = select(CaseRecord).where(CaseRecord.conversation_id == conversation_id).order_by(CaseRecord.id)
        with self._db.transaction() as session:
            return [_detail(session, record) for record in session.execute(query).scalars()]

    def set_status(self, reference: str, status: CaseStatus, note: str) -> CaseDetail | None:
        """Move a case to a new status with a note for the resident; None when there is no such case."""
        with self._db.transaction() as session:
            record = session.execute(
                select(CaseRecord).where(CaseRecord.reference == reference).with_for_update()
            ).scalar_one_or_none()
            if record is None:
                return None
            record.status = status
            record.updated_at = utc_now()
            record.updates.append(CaseUpdateRecord(status=status, note=note))
            session.flush()
            return _detail(session, record)


def is_change(case: CaseView, status: CaseStatus, note: str) -> bool:
    """Whether a staff update changes anything: a new status, or a note for the resident. Pressing Update on an
    unchanged case must neither record an update nor message the resident."""
    return status is not case.status or bool(note)


def _detail(session: Session, record: CaseRecord) -> CaseDetail:
    return CaseDetail(
        view=_view(record),
        channel=record.channel,
        conversation_id=record.conversation_id,
        location=record.location,
        description=record.description,
        contact=record.contact,
        attachments=attached_to(session, record.id),
        history=tuple(CaseUpdate(update.at, update.status, update.note) for update in record.updates),
    )


def _view(record: CaseRecord) -> CaseView:
    last = record.updates[-1] if record.updates else None
    return CaseView(
        reference=record.reference,
        service_id=record.service_id,
        agency_id=record.agency_id,
        status=record.status,
        created_at=record.created_at,
        updated_at=record.updated_at,
        last_note=last.note if last else "",
        priority_reason=record.priority_reason,
        language=record.language,
        origin=record.origin,
    )


def attach_pending(session: Session, conversation_id: str, case_id: int) -> None:
    """Give a new case its conversation's attachments, inside the transaction that files it."""
    session.execute(
        update(AttachmentRecord)
        .where(AttachmentRecord.conversation_id == conversation_id, AttachmentRecord.case_id.is_(None))
        .values(case_id=case_id)
        .execution_options(synchronize_session=False)
    )


def attached_to(session: Session, case_id: int) -> list[Attachment]:
    records = session.execute(
        select(AttachmentRecord).where(AttachmentRecord.case_id == case_id).order_by(AttachmentRecord.id)
    ).scalars()
    return [Attachment(kind=r.kind, value=r.value, channel=r.channel) for r in records]
