"""Work that follows an ack (answering a command, updating a card), kept out of the acks' way.

Slack needs every ack within three seconds and retries or shows an error otherwise; the answer itself
may come a little later (through the response_url or the Web API). So the front end acks first and
queues the rest here: a few workers take jobs in order, and a job starts once no request has come in
for `quiet` seconds, or once it has waited `patience` seconds, whichever is first. Under a burst the
acks keep their speed and the answers follow the burst; in quiet times a job starts almost at once.
Opening a modal cannot wait (its trigger expires): that goes in as urgent and starts at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("vaart.slack")
Job = Coroutine[Any, Any, None]


class Backlog:
    def __init__(
        self,
        workers: int = 4,
        quiet: float = 0.005,
        patience: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workers = workers
        self.quiet = quiet
        self.patience = patience
        self.monotonic = monotonic
        self.last_request = 0.0
        self._queue: asyncio.Queue[tuple[float, Job]] | None = None
        self._slots: asyncio.Semaphore | None = None
        self._running: set[asyncio.Task[None]] = set()
        self._pending = 0

    def touch(self) -> None:
        """A request came in (called for every request, before its listener runs)."""
        self.last_request = self.monotonic()

    def submit(self, job: Job, urgent: bool = False) -> None:
        loop = asyncio.get_running_loop()
        self._pending += 1
        if urgent:
            self._track(loop.create_task(self._run(job)))
            return
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._slots = asyncio.Semaphore(self.workers)
            self._track(loop.create_task(self._dispatch(self._queue, self._slots)))
        self._queue.put_nowait((self.monotonic(), job))

    def _track(self, task: asyncio.Task[None]) -> None:
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _dispatch(self, queue: asyncio.Queue[tuple[float, Job]], slots: asyncio.Semaphore) -> None:
        """One task watches the clock and starts the jobs in order, at most `workers` at a time."""
        loop = asyncio.get_running_loop()
        while True:
            queued_at, job = await queue.get()
            while True:
                now = self.monotonic()
                if now - self.last_request >= self.quiet or now - queued_at >= self.patience:
                    break
                await asyncio.sleep(self.quiet)
            await slots.acquire()
            task = loop.create_task(self._run(job))
            task.add_done_callback(lambda _: slots.release())
            self._track(task)

    async def _run(self, job: Job) -> None:
        try:
            await job
        except Exception:  # background work has nobody to raise to: log it with its traceback
            log.exception("slack: background work failed")
        finally:
            self._pending -= 1

    async def settle(self, timeout: float = 30.0) -> None:
        """Wait until every queued job has run (tests, shutdown)."""
        deadline = self.monotonic() + timeout
        while self._pending > 0 and self.monotonic() < deadline:
            await asyncio.sleep(0.01)

    async def close(self) -> None:
        await self.settle()
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)
