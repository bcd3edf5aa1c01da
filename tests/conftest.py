"""Shared fixtures. Real parts only: SQLite files, and a throwaway PostgreSQL cluster on 127.0.0.1
that this file starts (as the `postgres` user when the tests run as root) and stops again.
Set VAART_TEST_POSTGRES_URL to use an existing server instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings, load_programme
from bot.domain.programme import Programme
from bot.domain.timezone import AMSTERDAM

START = datetime(2026, 11, 23, 9, 30, tzinfo=AMSTERDAM)

# No test asserts a speed (that is `make bench`): Hypothesis' deadline and its "input generation is slow"
# check time the machine, not the code, and fail on a busy CI runner.
hypothesis_settings.register_profile("vaart", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("vaart")


def _pg_bin() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    def __init__(self) -> None:
        bin_dir = _pg_bin()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed: run 'make test' (it installs it) or apt-get install postgresql"
            )
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="vaart-pg-"))
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> str:
        data = self.dir / "data"
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.dir / "log"), "-w", "start")
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    given = os.environ.get("VAART_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    cluster = PostgresCluster()
    url = cluster.start()
    try:
        yield url
    finally:
        cluster.stop()


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A fresh, empty database on *server*, dropped afterwards (also for a fixture wider than one test)."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the throwaway server, dropped afterwards."""
    with fresh_database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'vaart.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def programme() -> Programme:
    return load_programme()


def make_app(tmp_path: Path, clock: ManualClock, database_url: str | None = None) -> App:
    env = {"VAART_VAR_DIR": str(tmp_path / "var")}
    if database_url:
        env["VAART_DATABASE_URL"] = database_url
    return build(Settings.from_env(env), clock=clock)


@pytest.fixture
def app(tmp_path: Path, clock: ManualClock) -> Iterator[App]:
    """The whole application on a fresh SQLite store, with a clock the test can move."""
    application = make_app(tmp_path, clock)
    yield application
    application.close()


@pytest.fixture
def any_app(tmp_path: Path, clock: ManualClock, database_url: str) -> Iterator[App]:
    """The whole application on SQLite and on PostgreSQL."""
    application = make_app(tmp_path, clock, database_url)
    yield application
    application.close()
