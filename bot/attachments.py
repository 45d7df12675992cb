"""What a channel adds to a report besides words: a photo, or the phone number a text came from.

Channels record it against the conversation as it arrives, before any case exists; filing a case takes
every attachment of its conversation that no earlier case took.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text, select, update
from sqlalchemy.orm import Session

from bot.db import Base, Database, utc_now, value_enum


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


class Attachments:
    def __init__(self, database: Database) -> None:
        self._db = database

    def add(self, conversation_id: str, attachment: Attachment) -> None:
        """Keep an attachment for the next case this conversation files; the same one twice is kept once."""
        with self._db.transaction() as session:
            exists = session.execute(
                select(AttachmentRecord.id).where(
                    AttachmentRecord.conversation_id == conversation_id,
                    AttachmentRecord.case_id.is_(None),
                    AttachmentRecord.kind == attachment.kind,
                    AttachmentRecord.value == attachment.value,
                )
            ).first()
            if not exists:
                session.add(AttachmentRecord(conversation_id=conversation_id, **attachment.__dict__))

    def for_case(self, case_id: int) -> list[Attachment]:
        with self._db.transaction() as session:
            return attached_to(session, case_id)


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
