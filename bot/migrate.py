"""Bring a database's schema up to date with Alembic (`python -m bot db upgrade`), and check that it is.

Migrating is a step of its own, run once per release before any process starts (`make run` does it first; a
deployment runs it as a one-off job). Processes never migrate on start: several replicas starting together would
race to apply the same migration. They check instead (`require_current`) and refuse to start with one message.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.db import make_engine
from bot.settings import PROJECT_ROOT


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this code needs."""


def _config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    # Alembic's ini interpolation treats "%" as special; a password may hold an escaped character.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    """Apply every migration not yet applied; safe to run again."""
    command.upgrade(_config(database_url), "head")


def require_current(database_url: str) -> None:
    """Raise `SchemaNotCurrent`, naming the database (never its password), unless it opens and every migration is
    applied."""
    head = ScriptDirectory.from_config(_config(database_url)).get_current_head()
    engine = make_engine(database_url)
    where = make_url(database_url).render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as error:
        raise SchemaNotCurrent(f"One Door's database {where} cannot be opened ({type(error.orig).__name__}): "
                               "check ONE_DOOR_DB_* or ONE_DOOR_DATABASE_URL, then start again") from None
    finally:
        engine.dispose()
    if current != head:
        raise SchemaNotCurrent(
            f"One Door's database {where} is at schema {current or 'none'}, this release needs {head}: "
            "run `python -m bot db upgrade` once (make run does), then start again"
        )


def exit_unless_current(database_url: str) -> None:
    """At a process's start: stop it with `require_current`'s one-line message (exit status 1) when not current."""
    try:
        require_current(database_url)
    except SchemaNotCurrent as error:
        raise SystemExit(str(error)) from None
