"""Engines for SQLite and PostgreSQL, set up so both give the same guarantees.

SQLite: WAL (readers never wait for the writer, nor the writer for readers), foreign keys, a busy
timeout, and BEGIN IMMEDIATE for every transaction that may write, so it holds the write lock from
its start (claims and counters are then safe across processes). A transaction on `reader(engine)`
is read-only: it begins deferred (a snapshot, no lock at all) with `PRAGMA query_only` on, so a
write in it fails at once instead of taking the lock. On PostgreSQL the same reader runs its
transactions READ ONLY. The store file is created with *file_mode* (0600: personal data, see
`bot.private_files`) before SQLite opens it, so its -wal and -shm files get the same mode; an
older, more open store is tightened.

Both: `preserve_rowcount`. SQLAlchemy 2.1 with psycopg 3 reports -1 as the rowcount of an INSERT
unless asked, so "INSERT ... ON CONFLICT DO NOTHING, did it insert?" (the Slack request claims, the
agenda items, the reminders) read as "yes" or as -1 on PostgreSQL and every Slack event and command
was taken for a repeat.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url

from bot.private_files import FILE_MODE, create_private, private_dir, restrict

READ_ONLY = "vaart_read_only"
QUERY_ONLY = "vaart_query_only"  # the PRAGMA query_only a pooled SQLite connection is in
ROWCOUNT = {"preserve_rowcount": True}  # the rows an INSERT added, also on PostgreSQL (see above)
SCHEMA = "vaart_schema"  # the execution option that names a PostgreSQL engine's own schema
_SCHEMA_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


def check_schema(name: str) -> str:
    """A schema name vaart makes and puts in `search_path`: lower-case letters, digits and `_`
    (a programme's code in lower case), so it never needs quoting."""
    if not _SCHEMA_NAME.fullmatch(name):
        raise ValueError(f"not a schema name vaart uses: {name[:70]!r}")
    return name


def schema_of(engine: Engine) -> str | None:
    """The PostgreSQL schema *engine* was made for (`make_engine(schema=...)`), or None."""
    value = engine.get_execution_options().get(SCHEMA)
    return str(value) if value else None


def make_engine(url: str, file_mode: int = FILE_MODE, schema: str | None = None, **kwargs: Any) -> Engine:
    """An engine for *url*; on PostgreSQL with *schema*, every connection's `search_path` is exactly
    that schema (no `public` behind it), so each table, sequence, function and Alembic's version
    table is found and made there (`storage.migrate.upgrade` creates the schema first)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        from storage.tables import for_postgresql

        for_postgresql()
        options: dict[str, Any] = dict(ROWCOUNT)
        if schema:
            path = f"-csearch_path={check_schema(schema)}"  # exactly this schema: no "$user", no public
            kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "options": path}
            options[SCHEMA] = schema
        return create_engine(url, pool_pre_ping=True, future=True, execution_options=options, **kwargs)
    database = parsed.database
    if database and database != ":memory:":
        _private_store(Path(database), file_mode)
    engine = create_engine(url, connect_args={"timeout": 30}, future=True, execution_options=ROWCOUNT, **kwargs)
    engine.dialect.statement_compiler = _HintedCompiler

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
        read_only = bool(conn.get_execution_options().get(READ_ONLY))
        info = conn.connection.info  # lives as long as the DBAPI connection: the pragma is set only on a change
        cursor = conn.connection.cursor()  # the driver's own: SQLAlchemy's execution would cost ~50 us more
        try:
            if info.get(QUERY_ONLY) is not read_only:
                cursor.execute(f"PRAGMA query_only={'ON' if read_only else 'OFF'}")
                info[QUERY_ONLY] = read_only
            cursor.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
        finally:
            cursor.close()

    return engine


def _private_store(path: Path, mode: int) -> None:
    """The store and its companions are the owner's only; SQLite gives -wal/-shm the store's mode."""
    private_dir(path.parent, mode, tighten=False)
    if not create_private(path, mode):
        for companion in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
            restrict(companion, mode)


class _HintedCompiler(SQLiteCompiler):
    """SQLite's compiler, with a table hint (`Select.with_hint(table, "INDEXED BY ix", "sqlite")`)
    written after the table's name: SQLite's own way to pin a query to an index."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def reader(engine: Engine) -> Engine:
    """The same engine (and pool) for read-only work: SQLite begins deferred under `query_only`,
    PostgreSQL runs the transaction READ ONLY. Writes there fail instead of waiting for a lock."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return engine.execution_options(**options)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def optimize(engine: Engine) -> None:
    """`PRAGMA optimize` on SQLite: refresh the planner's statistics where they went stale (cheap
    when nothing changed; the worker runs it every hour). PostgreSQL's autovacuum does this itself."""
    if not is_sqlite(engine):
        return
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA optimize")


def upsert(dialect_name: str, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL. The dialect module is
    imported on first use: importing `sqlalchemy.dialects.postgresql` loads every PostgreSQL driver's
    dialect, which an SQLite store never needs."""
    if dialect_name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def ping(engine: Engine) -> None:
    """Does the database answer? Raises the driver's error when it does not."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
