"""The real ASGI app under uvicorn on 127.0.0.1, in a thread, for the browser tests."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from bot.asgi import create_asgi
from bot.bootstrap.app import App


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    def __init__(self, app: App, port: int) -> None:
        config = uvicorn.Config(create_asgi(app), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="web-test-server", daemon=True)
        self.base_url = f"http://127.0.0.1:{port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        for _ in range(500):  # until it listens (a start-up condition, not a timed assertion)
            if self.server.started:
                return self
            time.sleep(0.01)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
