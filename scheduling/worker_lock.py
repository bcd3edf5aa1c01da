"""One scheduler process: a lock the worker holds for as long as it runs.

Claims are already safe against a second worker (see `scheduling.reminders` and
`scheduling.outbox`), but two schedulers side by side are a mistake worth refusing loudly. On
PostgreSQL the lock is a session advisory lock on a connection of its own; on SQLite an exclusive
OS file lock next to the store. Both are released by the operating system or the server when the
process dies, so a crashed worker never blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, text

ADVISORY_KEY = 0x7661617274  # "vaart"


class WorkerLock:
    def __init__(self, engine: Engine, lock_dir: Path) -> None:
        self.engine = engine
        self.lock_dir = lock_dir
        self._connection: Any = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another worker holds it."""
        if self.engine.dialect.name == "postgresql":
            connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar())
            if got:
                self._connection = connection
            else:
                connection.close()
            return got
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.lock_dir / "worker.lock", "a+", encoding="utf-8")  # noqa: SIM115 (held open)
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

    def release(self) -> None:
        if self._connection is not None:
            self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None
