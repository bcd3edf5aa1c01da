"""One scheduler process: the leader lock the worker holds for as long as it runs.

Claims are already safe against a second worker (see `scheduling.reminders` and
`scheduling.outbox`), but only one worker should lead: a second one started by mistake, or a
standby started on purpose, waits until the lock comes free and then takes over.

On PostgreSQL the lock is a session advisory lock on a connection of its own (not from the
application's pool, with TCP keepalives, so that a leader whose host vanishes loses the lock within
about half a minute instead of the kernel's two hours). On SQLite it is an exclusive OS file lock
next to the store. Both are released by the server or the operating system when the process dies,
so a crashed worker never blocks the next one. `held()` lets the leader check that it still leads
(the database may have been restarted, or its connection killed) before it does more work.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

from bot.private_files import FILE_MODE, private_dir

ADVISORY_KEY = 0x7661617274  # "vaart"
# libpq keepalives for the lock's connection: idle 10 s, then 3 probes 5 s apart
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


class WorkerLock:
    def __init__(self, engine: Engine, lock_dir: Path) -> None:
        self.engine = engine
        self.lock_dir = lock_dir
        self._lock_engine: Engine | None = None
        self._connection: Connection | None = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another worker holds it."""
        if self.engine.dialect.name == "postgresql":
            return self._acquire_advisory()
        private_dir(self.lock_dir, tighten=False)
        descriptor = os.open(self.lock_dir / "worker.lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
        handle = os.fdopen(descriptor, "r+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return True

    def _acquire_advisory(self) -> bool:
        if self._lock_engine is None:
            self._lock_engine = create_engine(self.engine.url, poolclass=NullPool, connect_args=dict(KEEPALIVES))
        connection = self._lock_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar())
        except Exception:
            connection.close()
            raise
        if got:
            self._connection = connection
        else:
            connection.close()
        return got

    def held(self) -> bool:
        """Do we still hold the lock? False when its connection is gone (the server let it go)."""
        if self._file is not None:
            return True
        if self._connection is None:
            return False
        try:
            count = self._connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    "AND pid = pg_backend_pid() AND classid = :high AND objid = :low AND objsubid = 1"
                ),
                {"high": ADVISORY_KEY >> 32, "low": ADVISORY_KEY & 0xFFFFFFFF},
            ).scalar_one()
        except Exception:  # a broken connection: the lock went with it
            return False
        return int(count) == 1

    def release(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            except Exception:  # the connection is gone, and the lock with it
                pass
            finally:
                _close_quietly(connection)
        if self._lock_engine is not None:
            self._lock_engine.dispose()
            self._lock_engine = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def _close_quietly(connection: Any) -> None:
    with contextlib.suppress(Exception):  # closing a dead connection may fail; nothing is left to release
        connection.close()
