"""Engines for SQLite and PostgreSQL, set up so both give the same guarantees.

SQLite: WAL, foreign keys, a busy timeout, and BEGIN IMMEDIATE so every transaction holds the
write lock from its start (claims and counters are then safe across processes). The store file is
created with *file_mode* (0600: personal data, see `bot.private_files`) before SQLite opens it, so
its -wal and -shm files get the same mode; an older, more open store is tightened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.private_files import FILE_MODE, create_private, private_dir, restrict


def make_engine(url: str, file_mode: int = FILE_MODE, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, future=True, **kwargs)
    database = parsed.database
    if database and database != ":memory:":
        _private_store(Path(database), file_mode)
    engine = create_engine(url, connect_args={"timeout": 30}, future=True, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if database and database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _private_store(path: Path, mode: int) -> None:
    """The store and its companions are the owner's only; SQLite gives -wal/-shm the store's mode."""
    private_dir(path.parent, mode, tighten=False)
    if not create_private(path, mode):
        for companion in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
            restrict(companion, mode)
