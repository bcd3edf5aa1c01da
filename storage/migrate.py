"""Schema migrations with Alembic, driven from code (`vaart migrate`, and every command on a fresh store)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported where it is used: `HEAD` alone loads none of it (storage.sqlite_lookup)
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


HEAD = "0015_language_choices"  # the newest migration (a test checks it is Alembic's head)


def _config(connection: object) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


MIGRATE_LOCK = 0x7661617275  # PostgreSQL advisory lock: replicas starting at once migrate one after the other


def is_current(engine: Engine) -> bool:
    """Is the store at HEAD? One read of `alembic_version`, without loading Alembic (every command
    asks this at start; only a store that needs migrating pays for Alembic)."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from storage.engine import reader

    try:
        with reader(engine).connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    except DBAPIError:  # no alembic_version yet: a fresh store
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and is_current(engine):
        return
    from alembic import command
    from sqlalchemy import text

    from storage.engine import schema_of

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # SQLite: BEGIN IMMEDIATE already serialises
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
            schema = schema_of(engine)
            if schema:  # a programme's own schema: search_path names it, so it must exist first
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        command.upgrade(_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with engine.begin() as connection:
        command.downgrade(_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config(None)).get_current_head()


def revision(engine: Engine, message: str) -> None:
    """Autogenerate a new migration against *engine* (a developer tool)."""
    from alembic import command

    with engine.begin() as connection:
        command.revision(_config(connection), message=message, autogenerate=True)
