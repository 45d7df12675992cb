"""Alembic environment: migrate the database named by `sqlalchemy.url`, or by ONE_DOOR_DATABASE_URL."""

from __future__ import annotations

from alembic import context

from bot.db import Base, make_engine
from bot.settings import get_settings

import bot.cases  # noqa: F401  (registers the tables on Base.metadata)
import bot.attachments  # noqa: F401
import bot.audit  # noqa: F401
import bot.breach_log  # noqa: F401
import bot.feedback  # noqa: F401
import bot.messaging.contacts  # noqa: F401
import bot.messaging.inbound  # noqa: F401
import bot.messaging.outbox  # noqa: F401
import bot.handoff_records  # noqa: F401
import bot.staff  # noqa: F401
import bot.unresolved  # noqa: F401

url = context.config.get_main_option("sqlalchemy.url") or get_settings().database_url

if context.is_offline_mode():
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    with make_engine(url).connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
