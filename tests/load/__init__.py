"""A bounded load test of `vaart serve` on PostgreSQL, all on 127.0.0.1 (an equivalent of a locust run,
without its dependencies): `python -m tests.load [--duration 600] [--rate 20]`, `make load`.

What runs: a throwaway PostgreSQL cluster (or VAART_TEST_POSTGRES_URL), the fake Slack Web API
(`tests.e2e.slack_fakes`, in its own process), `vaart serve` and `vaart worker` as real processes
with JSON logs. Then requests at a constant arrival rate (open loop: a slow answer does not slow
the next request down), exactly `duration * rate` of them, each with a 10 s timeout:

- 50 %: a signed `/vaart idee Titel | Omschrijving` slash command from one of 50 Slack users: an
  idea stored, its notices written to the outbox, the answer POSTed to the response_url;
- 20 %: a signed `/vaart mijn` (a read, answered on the response_url);
- 10 % each: GET /healthz, /readyz and /metrics.

Afterwards it waits (bounded) until every command was answered and the worker has delivered the
outbox, then counts: errors (a status other than 200, a timeout, a refused connection), ideas
stored against ideas acknowledged, outbox rows per status (none may stay pending or be dead,
every idea has its notice to the indiener), and it scans the processes' logs for the secrets and
the ideas' descriptions (none may appear). `LoadResult.failures()` lists every target missed.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode
from urllib.request import urlopen

import aiohttp
from sqlalchemy import create_engine, func, select, text

from storage import tables
from tests.e2e.slack_fakes import sign, slash_command

HOST = "127.0.0.1"
SECRET = "load-signing-secret-0123456789abcdef"
TOKEN = "xoxb-load-token-0123456789"
USERS = 50
MAX_DURATION = 900.0  # bounded: no run is longer than 15 minutes or faster than 100 requests a second
MAX_RATE = 100.0
ROOT = Path(__file__).parents[2]
KERNTEAM = ("k.kern@regiodeal-zod.nl", "l.lid@regiodeal-zod.nl")


def kind_of(n: int) -> str:
    return ("idee", "idee", "idee", "idee", "idee", "mijn", "mijn", "healthz", "readyz", "metrics")[n % 10]


@dataclass
class LoadResult:
    duration: float
    rate: float
    planned: int
    elapsed: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    submitted: int = 0
    answered: int = 0
    commands: int = 0
    ideas: int = 0
    ideas_without_notice: int = 0
    outbox: Counter[str] = field(default_factory=Counter)
    drained_in: float = 0.0
    leaks: list[str] = field(default_factory=list)
    late_start: float = 0.0  # the largest delay of a request behind its planned moment

    @property
    def sent(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status != "200")

    @property
    def achieved_rate(self) -> float:
        return self.sent / self.elapsed if self.elapsed else 0.0

    def failures(self, timed: bool = True) -> list[str]:
        """What missed a target; without *timed*, only what holds however busy the machine is (the
        smoke test in the suite: speed is measured by `make load` and `make bench`, never in a test)."""
        out = []
        if self.errors:
            out.append(f"{self.errors} errors: {dict(self.statuses)}")
        if self.sent != self.planned:
            out.append(f"{self.sent} of {self.planned} requests made")
        if timed and self.achieved_rate < self.rate * 0.97:
            out.append(f"rate {self.achieved_rate:.2f}/s below {self.rate:.0f}/s")
        if self.ideas != self.submitted:
            out.append(f"{self.ideas} ideas stored of {self.submitted} acknowledged")
        if self.answered != self.commands:
            out.append(f"{self.answered} of {self.commands} commands answered")
        if self.ideas_without_notice:
            out.append(f"{self.ideas_without_notice} ideas without their outbox notice")
        if self.outbox["pending"] or self.outbox["dead"]:
            out.append(f"outbox not delivered: {dict(self.outbox)}")
        out += [f"log leak: {leak}" for leak in self.leaks]
        return out

    def report(self, out: TextIO) -> None:
        def q(values: list[float], share: float) -> float:
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000 if ordered else 0.0

        print(f"  target: {self.rate:.0f} requests/s for {self.duration:.0f} s ({self.planned} requests), "
              f"error rate 0, no outbox row lost", file=out)
        print(f"  made:   {self.sent} requests in {self.elapsed:.1f} s = {self.achieved_rate:.2f}/s "
              f"(latest start {self.late_start * 1000:.0f} ms behind plan)", file=out)
        error_rate = self.errors / self.sent if self.sent else 0.0
        print(f"  errors: {self.errors} (error rate {error_rate:.4f}); statuses {dict(self.statuses)}", file=out)
        print("  latency ms          p50      p95      p99      max      n", file=out)
        for kind, values in sorted(self.latencies.items()):
            print(f"    {kind:<14} {q(values, .5):8.1f} {q(values, .95):8.1f} {q(values, .99):8.1f} "
                  f"{q(values, 1):8.1f} {len(values):6d}", file=out)
        acks = self.latencies.get("idee", []) + self.latencies.get("mijn", [])
        print(f"  Slack ack p99 {q(acks, .99):.1f} ms (Slack's limit: 3000 ms)", file=out)
        print(f"  ideas acknowledged {self.submitted}, stored {self.ideas}; commands answered "
              f"{self.answered} of {self.commands}", file=out)
        print(f"  outbox rows {sum(self.outbox.values())}: {dict(self.outbox)}; every idea has its notice: "
              f"{'yes' if not self.ideas_without_notice else 'NO'}; delivered {self.drained_in:.1f} s after "
              f"the last request", file=out)
        print(f"  logs: {'no secret, no message body' if not self.leaks else 'LEAKS: ' + '; '.join(self.leaks)}",
              file=out)
        failures = self.failures()
        print(f"  result: {'target met' if not failures else 'NOT met: ' + '; '.join(failures)}", file=out)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"vaart serve exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("vaart serve did not start")


def _count(api_url: str, method: str) -> int:
    base = api_url.removesuffix("/api/")
    with urlopen(f"{base}/count/{method}", timeout=5) as answer:  # the fake Slack on 127.0.0.1
        return int(json.loads(answer.read())["count"])


async def _fire(port: int, result: LoadResult, response_base: str, run: str) -> None:
    base = f"http://{HOST}:{port}"
    timeout = aiohttp.ClientTimeout(total=10)
    connector = aiohttp.TCPConnector(limit=200)
    loop = asyncio.get_running_loop()

    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(n: int, at: float) -> None:
            await asyncio.sleep(max(0.0, at - loop.time()))
            result.late_start = max(result.late_start, loop.time() - at)
            kind = kind_of(n)
            started = time.perf_counter()
            try:
                if kind in ("idee", "mijn"):
                    words = f"idee Last {run} {n} | {_description(run, n)}" if kind == "idee" else "mijn"
                    fields = slash_command(f"U0L{n % USERS:03d}", "/vaart", words, f"{response_base}{run}-{n}")
                    body = urlencode(fields)
                    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
                    async with session.post(f"{base}/slack/events", data=body.encode(), headers=headers) as answer:
                        await answer.read()
                        status = str(answer.status)
                else:
                    async with session.get(f"{base}/{kind}") as answer:
                        await answer.read()
                        status = str(answer.status)
            except (TimeoutError, aiohttp.ClientError) as exc:
                status = type(exc).__name__
            result.latencies.setdefault(kind, []).append(time.perf_counter() - started)
            result.statuses[status] += 1
            if kind == "idee" and status == "200":
                result.submitted += 1

        start = loop.time() + 0.2
        tasks = [asyncio.create_task(one(n, start + n / result.rate)) for n in range(result.planned)]
        began = time.perf_counter()
        await asyncio.gather(*tasks)
        result.elapsed = time.perf_counter() - began - 0.2


def _description(run: str, n: int) -> str:
    return f"Omschrijving-{run}-{n}: een buurtbus langs de kernen"


def _wait(check: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return bool(check())


def run(duration: float, rate: float, postgres_url: str | None = None, workdir: Path | None = None,
        drain_timeout: float = 180) -> LoadResult:
    """One bounded load run (see the module's docstring)."""
    duration, rate = min(duration, MAX_DURATION), min(rate, MAX_RATE)
    result = LoadResult(duration, rate, int(duration * rate))
    with tempfile.TemporaryDirectory(prefix="vaart-load-") as tmp:
        base = workdir or Path(tmp)
        cluster = None
        if postgres_url is None:
            from tests.conftest import PostgresCluster

            cluster = PostgresCluster()
            server_url = cluster.start()
            admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text('CREATE DATABASE "vaart_load"'))
            admin.dispose()
            postgres_url = server_url.rsplit("/", 1)[0] + "/vaart_load"
        try:
            _run(result, postgres_url, base, drain_timeout)
        finally:
            if cluster is not None:
                cluster.stop()
    return result


def _run(result: LoadResult, url: str, base: str | Path, drain_timeout: float) -> None:
    base = Path(base)
    run_id = uuid.uuid4().hex[:6]
    fake = subprocess.Popen([sys.executable, "-m", "tests.e2e.slack_fakes"], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert fake.stdout is not None and fake.stdin is not None
    api_url = fake.stdout.readline().strip()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VAART_DATABASE_URL": url, "VAART_VAR_DIR": str(base / "var"),
           "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": api_url,
           "VAART_MAIL": "file", "VAART_LOG_FORMAT": "json", "VAART_LOG_LEVEL": "INFO",
           "VAART_WORKER_OUTBOX_INTERVAL": "0.5", "VAART_WORKER_DELIVERY_THREADS": "16"}
    env.pop("VAART_NOW", None)
    vaart = [sys.executable, "-m", "bot.cli"]
    for email in KERNTEAM:
        subprocess.run([*vaart, "people", "add", "--name", "Kern Team", "--email", email, "--role", "kernteam"],
                       cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    logs = {name: (base / f"{name}.log").open("w+") for name in ("serve", "worker")}
    serve = subprocess.Popen([*vaart, "serve", "--host", HOST, "--port", str(port)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=logs["serve"])
    worker = subprocess.Popen([*vaart, "worker"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=logs["worker"])
    engine = create_engine(url)
    try:
        _wait_listening(port, serve)
        answered_before = _count(api_url, "response_url")
        asyncio.run(_fire(port, result, api_url.replace("/api/", "/response/"), run_id))
        finished = time.monotonic()
        result.commands = sum(1 for n in range(result.planned) if kind_of(n) in ("idee", "mijn"))
        _wait(lambda: _count(api_url, "response_url") - answered_before >= result.commands, 60)
        result.answered = _count(api_url, "response_url") - answered_before
        _wait(lambda: _stored(engine, run_id) >= result.submitted, 60)
        o = tables.outbox.c
        _wait(lambda: _pending(engine) == 0, drain_timeout)
        result.drained_in = time.monotonic() - finished
        with engine.connect() as conn:
            result.ideas = _stored(engine, run_id)
            result.outbox = Counter({str(s): int(c) for s, c in
                                     conn.execute(select(o.status, func.count()).group_by(o.status))})
            refs = conn.execute(select(tables.ideas.c.reference, tables.ideas.c.submitter)
                                .where(tables.ideas.c.title.like(f"Last {run_id} %"))).all()
            notified = {(key.split(":")[0], key.rsplit(":", 1)[1]) for key in conn.execute(
                select(o.key).where(o.key.like("%:submitted:%"))).scalars()}
        result.ideas_without_notice = sum(1 for ref, submitter in refs if (ref, submitter) not in notified)
    finally:
        engine.dispose()
        for process in (serve, worker):
            process.terminate()
        for process in (serve, worker):
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
        fake.stdin.close()
        fake.wait(15)
    for name, handle in logs.items():
        handle.seek(0)
        output = handle.read()
        handle.close()
        for secret in (TOKEN, SECRET):
            if secret in output:
                result.leaks.append(f"{name} log holds a secret")
        if f"Omschrijving-{run_id}-" in output:
            result.leaks.append(f"{name} log holds an idea's description")
        if serve.returncode not in (0, -15) and name == "serve":
            result.leaks.append(f"serve exited with {serve.returncode}")


def _stored(engine: Any, run_id: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.ideas)
                                .where(tables.ideas.c.title.like(f"Last {run_id} %"))).scalar_one())


def _pending(engine: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.outbox)
                                .where(tables.outbox.c.status == "pending")).scalar_one())
