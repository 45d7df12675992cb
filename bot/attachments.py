"""What a channel adds to a report besides words: a photo, or the phone number a text came from.

Channels record it against the conversation as it arrives, before any case exists; filing a case
(`CaseStore.create`) takes every attachment of its conversation that no earlier case took.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.cases import Attachment, AttachmentKind, AttachmentRecord, attached_to
from bot.db import Database

__all__ = ["Attachment", "AttachmentKind", "Attachments", "TELEGRAM_FILE_PREFIX"]

# A Telegram photo is kept as its `file_id` behind this prefix; the console fetches it with `getFile`.
TELEGRAM_FILE_PREFIX = "telegram-file:"


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
