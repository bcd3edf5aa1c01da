"""`vaart backup` and `vaart restore`: a consistent copy of the store, and a checked way back.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies a consistent snapshot while
vaart keeps running. PostgreSQL: `pg_dump -Fc` of the server's own major version (found in
/usr/lib/postgresql/<major>/bin, VAART_PG_BIN, or on PATH; an older pg_dump is refused), run on a
snapshot exported from a REPEATABLE READ transaction in which the row counts are read too, so the
counts describe exactly what the dump holds. The password goes to pg_dump through PGPASSWORD,
never on a command line.

Next to every backup a manifest (`<file>.json`) records the format, the schema revision, the row
count of every table, the audit log's head and the file's SHA-256. `restore` refuses a target
that already holds tables, checks the checksum, restores (SQLite: the backup API again;
PostgreSQL: `pg_restore --single-transaction --exit-on-error`), then checks the audit chain and
compares every table's row count with the manifest: a restore drill in one command. Backups hold
personal data: files are created readable by their owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.engine import URL

from bot.domain.audit import ChainProblem
from bot.domain.errors import Refused
from bot.private_files import private_dir
from storage import tables
from storage.audit import verify
from storage.engine import make_engine, schema_of

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
PG_LIB = Path("/usr/lib/postgresql")
TIMEOUT = 3600  # seconds a pg_dump or pg_restore may take


@dataclass(frozen=True)
class Manifest:
    format: str  # "sqlite" or "pg_dump"
    created_at: str
    revision: str | None
    tables: dict[str, int]
    audit_seq: int
    audit_hash: str
    sha256: str = ""
    server_version: str | None = None
    programme: str | None = None  # the code of the programme whose store it is (None: made before 2026-12)

    def write(self, path: Path) -> None:
        _private(manifest_path(path)).write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n")

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        source = manifest_path(path)
        if not source.exists():
            return None
        data = json.loads(source.read_text())
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


@dataclass
class Restored:
    manifest: Manifest | None
    tables: dict[str, int]
    audit_rows: int
    audit_problems: list[ChainProblem] = field(default_factory=list)
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)  # table: (manifest, restored)

    @property
    def ok(self) -> bool:
        return not self.audit_problems and not self.mismatches


def manifest_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _private(path: Path) -> Path:
    private_dir(path.parent, tighten=False)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_counts(conn: Connection) -> dict[str, int]:
    """Rows per table of vaart's schema (and Alembic's revision table) that exist in the database."""
    present = set(inspect(conn).get_table_names())
    counts = {}
    for name in sorted(set(tables.metadata.tables) | {"alembic_version"}):
        if name in present:
            counts[name] = int(conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
    return counts


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(select(tables.audit_head.c.seq, tables.audit_head.c.hash)).first()
    return (int(row.seq), str(row.hash)) if row else (0, "0" * 64)


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not inspect(conn).get_table_names()


# -- backup ----------------------------------------------------------------------------------------
def backup(engine: Engine, target: Path, now: datetime, pg_bin: Path | None = None,
           programme: str | None = None) -> Manifest:
    """Write a backup of *engine*'s database to *target* and its manifest next to it, the manifest
    naming *programme*, the programme whose store it is."""
    if target.exists():
        raise Refused("ops.backup_exists", path=str(target))
    partial = target.with_name(target.name + ".partial")
    _private(partial)
    created = now.astimezone(UTC).isoformat(timespec="seconds")
    try:
        if engine.dialect.name == "postgresql":
            manifest = _backup_postgres(engine, partial, created, pg_bin)
        else:
            manifest = _backup_sqlite(engine, partial, created)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    manifest = Manifest(**{**asdict(manifest), "sha256": _sha256(target), "programme": programme})
    manifest.write(target)
    return manifest


def _sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:":
        raise Refused("ops.backup_memory")
    return Path(database)


def _backup_sqlite(engine: Engine, partial: Path, created: str) -> Manifest:
    source = sqlite3.connect(f"file:{_sqlite_path(engine)}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # a consistent snapshot, while writers carry on
    finally:
        source.close()
        copy.close()
    snapshot = make_engine(f"sqlite:///{partial}")
    try:
        with snapshot.connect() as conn:
            counts, (seq, digest), revision = table_counts(conn), _head(conn), _revision(conn)
    finally:
        snapshot.dispose()
    return Manifest("sqlite", created, revision, counts, seq, digest)


def _backup_postgres(engine: Engine, partial: Path, created: str, pg_bin: Path | None) -> Manifest:
    with engine.connect() as plain:
        conn = plain.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            snapshot = str(conn.execute(text("SELECT pg_export_snapshot()")).scalar_one())
            version = str(conn.execute(text("SHOW server_version")).scalar_one())
            counts, (seq, digest), revision = table_counts(conn), _head(conn), _revision(conn)
            tool = pg_tool("pg_dump", _major(conn), pg_bin)
            _run([str(tool), "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  *_schemas(conn, engine), f"--file={partial}", f"--dbname={conninfo(engine.url)}"], engine.url)
    return Manifest("pg_dump", created, revision, counts, seq, digest, server_version=version)


def _schemas(conn: Connection, engine: Engine) -> list[str]:
    """pg_dump's choice of schemas: only this store's. A programme's own schema (an installation
    with several programmes shares one database, `storage.engine.make_engine(schema=...)`) alone;
    the default store everything but the other programmes' schemas (each holds its own
    `alembic_version`), so no backup of one programme carries another's rows."""
    own = schema_of(engine)
    if own:
        return [f"--schema={own}"]
    others = conn.execute(text(
        "SELECT table_schema FROM information_schema.tables WHERE table_name = 'alembic_version' "
        "AND table_schema <> current_schema() ORDER BY table_schema")).scalars()
    return [f"--exclude-schema={name}" for name in others]


# -- restore ---------------------------------------------------------------------------------------
def detect_format(path: Path) -> str:
    with path.open("rb") as handle:
        start = handle.read(16)
    if start.startswith(SQLITE_MAGIC):
        return "sqlite"
    if start.startswith(PGDUMP_MAGIC):
        return "pg_dump"
    raise Refused("ops.backup_unknown", path=str(path))


def restore(engine: Engine, source: Path, pg_bin: Path | None = None, programme: str | None = None) -> Restored:
    """Restore *source* into *engine*'s (empty) database, then check it against the manifest. A backup
    belongs to one programme: one whose manifest names another than *programme* is refused."""
    if not source.is_file():
        raise Refused("ops.backup_missing", path=str(source))
    kind = detect_format(source)
    manifest = Manifest.read(source)
    owner = manifest.programme if manifest is not None else None
    if owner and programme and owner.upper() != programme.upper():
        raise Refused("ops.restore_other_programme", path=str(source), owner=owner, programme=programme)
    if manifest is not None and manifest.sha256 and manifest.sha256 != _sha256(source):
        raise Refused("ops.backup_checksum", path=str(source))
    backend = "pg_dump" if engine.dialect.name == "postgresql" else "sqlite"
    if kind != backend:
        raise Refused("ops.backup_wrong_kind", kind=kind, backend=engine.dialect.name)
    if not _is_empty(engine):
        raise Refused("ops.restore_not_empty")
    if kind == "sqlite":
        engine.dispose()
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        target = sqlite3.connect(_sqlite_path(engine))
        try:
            copy.backup(target)
        finally:
            copy.close()
            target.close()
    else:
        with engine.begin() as conn:
            tool = pg_tool("pg_restore", _major(conn), pg_bin)
            own = schema_of(engine)
            if own:  # the dump makes the programme's schema itself; an empty one left by a start goes first
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{own}" RESTRICT'))
        _run([str(tool), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              f"--dbname={conninfo(engine.url)}", str(source)], engine.url)
    engine.dispose()
    with engine.connect() as conn:
        counts = table_counts(conn)
    problems, rows = verify(engine)
    result = Restored(manifest, counts, rows, problems)
    if manifest is not None:
        for name in sorted(set(manifest.tables) | set(counts)):
            expected, found = manifest.tables.get(name, 0), counts.get(name, 0)
            if expected != found:
                result.mismatches[name] = (expected, found)
    return result


def default_name(engine: Engine, now: datetime) -> str:
    suffix = "dump" if engine.dialect.name == "postgresql" else "sqlite"
    return f"vaart-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.{suffix}"


# -- PostgreSQL client tools -----------------------------------------------------------------------
def _major(conn: Connection) -> int:
    return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000


def _tool_major(tool: Path) -> int | None:
    try:
        output = subprocess.run([str(tool), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    match = re.search(r"\)\s*(\d+)", output) or re.search(r"(\d+)\.\d+", output)
    return int(match.group(1)) if match else None


def pg_tool(name: str, server_major: int, configured: Path | None = None) -> Path:
    """The client tool for this server: the same major version, else the nearest newer one."""
    candidates: list[Path] = []
    if configured is not None:
        candidates.append(configured / name)
    candidates.append(PG_LIB / str(server_major) / "bin" / name)
    candidates += sorted(PG_LIB.glob(f"*/bin/{name}"))
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    usable: list[tuple[int, Path]] = []
    for tool in candidates:
        if tool.is_file() and os.access(tool, os.X_OK):
            major = _tool_major(tool)
            if major == server_major:
                return tool
            if major is not None and major > server_major:
                usable.append((major, tool))
    if usable:
        return min(usable)[1]
    raise Refused("ops.pg_tool_missing", tool=name, version=server_major)


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def conninfo(url: URL) -> str:
    """A libpq connection string for *url*, without its password (that goes in PGPASSWORD)."""
    parts: dict[str, Any] = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}
    for key, value in url.query.items():
        if key != "password":
            parts[key] = value if isinstance(value, str) else value[-1]
    return " ".join(f"{k}={_quote(str(v))}" for k, v in parts.items() if v is not None)


def _run(command: list[str], url: URL) -> None:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise Refused("ops.pg_tool_failed", tool=Path(command[0]).name, reason=(lines[-1] if lines else "?")[:300])
