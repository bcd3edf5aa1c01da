"""Slack: ack latency of 1,000 signed slash commands, 50 in flight at a time, to the running server.

Floor (issue "Slack front end"): a bare slack-bolt AsyncApp that only acks, served the same way
(Starlette + uvicorn on 127.0.0.1, same Bolt settings, same log level), measured in the same run.
Ours is `vaart serve` itself: signature check, then `/vaart mijn` acked at once while the command
runs in the background (identity, database, the answer POSTed to the response_url on a fake Slack
Web API that runs in its own process). Aim: p99 within 1.2x the bare app and under 100 ms.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from tests.e2e.slack_fakes import sign, slash_command

N = 1000
IN_FLIGHT = 50
WARM_UP = 100
ROUNDS = 2
USERS = 20
SECRET = "bench-signing-secret-0123456789ab"
TOKEN = "xoxb-bench"
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def bare_app(api_url: str) -> object:
    """The floor: Bolt that verifies the signature and acks, nothing else."""
    from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    bolt = AsyncApp(client=AsyncWebClient(token=TOKEN, base_url=api_url), signing_secret=SECRET,
                    process_before_response=True)

    @bolt.command("/vaart")
    async def ack_only(ack: object) -> None:
        await ack()  # type: ignore[operator]

    handler = AsyncSlackRequestHandler(bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def _wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def _start(kind: str, api_url: str, var_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = {**os.environ, "VAART_VAR_DIR": str(var_dir), "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": api_url}
    env.pop("VAART_DATABASE_URL", None)
    if kind == "ours":
        command = [sys.executable, "-m", "bot.cli", "serve", "--host", HOST, "--port", str(port)]
    else:
        command = [sys.executable, "-m", "tests.bench.bench_slack", "bare", str(port), api_url]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_listening(port, process)
    return process, port


async def _fire(port: int, count: int, response_base: str) -> list[float]:
    url = f"http://{HOST}:{port}/slack/events"
    latencies: list[float] = []
    semaphore = asyncio.Semaphore(IN_FLIGHT)
    connector = aiohttp.TCPConnector(limit=IN_FLIGHT)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(n: int) -> None:
            fields = slash_command(f"U0B{n % USERS:03d}", "/vaart", "mijn", f"{response_base}{n}")
            body = urlencode(fields)
            async with semaphore:
                headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SECRET, body)}
                started = time.perf_counter()
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    await response.read()
                    elapsed = time.perf_counter() - started
                    if response.status != 200:
                        raise RuntimeError(f"status {response.status}")
            latencies.append(elapsed)

        await asyncio.gather(*(one(n) for n in range(count)))
    return latencies


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _answered(api_url: str) -> int:
    import json
    from urllib.request import urlopen

    base = api_url.removesuffix("/api/")
    with urlopen(f"{base}/count/response_url", timeout=5) as answer:  # the fake on 127.0.0.1
        return int(json.loads(answer.read())["count"])


def measure(kind: str, api_url: str, var_dir: Path) -> tuple[list[float], float]:
    """The ack latencies of N commands, and (ours) the seconds until every command had its answer."""
    process, port = _start(kind, api_url, var_dir)
    try:
        response_base = api_url.replace("/api/", "/response/")
        first = _answered(api_url)
        asyncio.run(_fire(port, WARM_UP, response_base))
        if kind == "ours":  # let the warm-up's background answers finish before measuring
            _settle(api_url, first + WARM_UP)
        before = _answered(api_url)
        started = time.perf_counter()
        latencies = asyncio.run(_fire(port, N, response_base))
        answered = 0.0
        if kind == "ours":
            _settle(api_url, before + N)
            answered = time.perf_counter() - started
        return latencies, answered
    finally:
        process.terminate()
        process.wait(15)


def _settle(api_url: str, expected: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while _answered(api_url) < expected:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {_answered(api_url)} of {expected} commands were answered")
        time.sleep(0.05)


def main() -> None:
    fake = subprocess.Popen([sys.executable, "-m", "tests.e2e.slack_fakes"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert fake.stdout is not None and fake.stdin is not None
    api_url = fake.stdout.readline().strip()
    ours: list[float] = []
    bare: list[float] = []
    answers: list[float] = []
    print(f"{N} signed slash commands per run, {IN_FLIGHT} in flight; ack latency in ms; runs alternate")
    try:
        with tempfile.TemporaryDirectory(prefix="vaart-bench-slack-") as tmp:
            for run in range(ROUNDS):
                for kind, into in (("bare", bare), ("ours", ours)):
                    latencies, answered = measure(kind, api_url, Path(tmp) / f"{kind}{run}")
                    into += latencies
                    if answered:
                        answers.append(answered)
                    print(f"  run {run + 1} {kind:<4}  p50 {_quantile(latencies, 0.5) * 1000:7.2f}   "
                          f"p99 {_quantile(latencies, 0.99) * 1000:7.2f}")
    finally:
        fake.stdin.close()
        fake.wait(15)
    rows = [("vaart serve, /vaart mijn", ours), ("bare slack-bolt, ack only", bare)]
    print(f"  all {ROUNDS * N} per app:")
    for name, values in rows:
        print(f"  {name:<28} p50 {_quantile(values, 0.5) * 1000:7.2f}   p99 {_quantile(values, 0.99) * 1000:7.2f}")
    p50 = _quantile(ours, 0.5) / _quantile(bare, 0.5)
    p99 = _quantile(ours, 0.99) / _quantile(bare, 0.99)
    ok = p99 <= 1.2 and _quantile(ours, 0.99) < 0.1
    print(f"  ratio ours/bare: p50 {p50:.2f}x, p99 {p99:.2f}x  "
          f"(aim: p99 <= 1.2x and < 100 ms: {'met' if ok else 'NOT met'})")
    print(f"  every command was answered on its response_url, all {N} within "
          f"{max(answers):.1f} s of the first (answers follow the acks)")


def _serve_bare(port: int, api_url: str) -> None:
    import uvicorn

    uvicorn.run(bare_app(api_url), host=HOST, port=port, log_level="info")  # type: ignore[arg-type]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "bare":
        _serve_bare(int(sys.argv[2]), sys.argv[3])
    else:
        main()
