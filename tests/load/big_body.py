"""`python -m tests.load.big_body [--mb 200]`: the memory of `vaart serve` before and after an unsigned
POST of that many megabytes to each POST route (Slack over HTTP and Teams in local mode, 127.0.0.1).

Prints the server's resident memory (VmRSS) and its peak (VmHWM) from /proc, and the answer each
request got. Without a cap on the body the peak grows by the size of the body; with it, it does not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.e2e.slack_support import free_port

CHUNK = b"x" * (1024 * 1024)
ROUTES = ("/slack/events", "/api/messages")


def memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of *pid* in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def body(megabytes: int) -> Iterator[bytes]:
    for _ in range(megabytes):
        yield CHUNK


def post(url: str, megabytes: int, declared: bool) -> str:
    headers = {"Content-Type": "application/json"}
    if declared:
        headers["Content-Length"] = str(megabytes * len(CHUNK))
    try:
        response = httpx.post(url, content=body(megabytes), headers=headers, timeout=120)
    except httpx.HTTPError as error:
        return type(error).__name__
    return str(response.status_code)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load.big_body", description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    args = parser.parse_args(argv)
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "VAART_VAR_DIR": var, "SLACK_BOT_TOKEN": "xoxb-0000-bench",
               "SLACK_SIGNING_SECRET": "bench-signing-secret", "SLACK_API_URL": "http://127.0.0.1:9/api/",
               "TEAMS_LOCAL_MODE": "1"}
        vaart = Path(sys.executable).with_name("vaart")
        server = subprocess.Popen([str(vaart), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            rss, peak = memory(server.pid)
            print(f"before: VmRSS {rss} MB, VmHWM {peak} MB")
            for route in ROUTES:
                for declared in (True, False):
                    status = post(base + route, args.mb, declared)
                    rss, peak = memory(server.pid)
                    how = "Content-Length" if declared else "chunked"
                    print(f"{args.mb} MB unsigned POST {route} ({how}): {status}; "
                          f"after: VmRSS {rss} MB, VmHWM {peak} MB")
        finally:
            server.terminate()
            server.wait(15)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
