"""Bring a database's schema up to date with Alembic, from code (the CLI, tests and `make run`)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from bot.settings import PROJECT_ROOT


def upgrade(database_url: str) -> None:
    """Apply every migration not yet applied; safe to run on every start."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url)
    command.upgrade(config, "head")
