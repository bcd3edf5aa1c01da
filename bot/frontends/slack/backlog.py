"""Work that follows an ack (answering a command, updating a card), kept out of the acks' way.

Slack needs every ack within three seconds and retries or shows an error otherwise; the answer itself
may come a little later (through the response_url or the Web API). So the front end acks first and
queues the rest here: a few workers take jobs in order, and a job starts once no request has come in
for `quiet` seconds, or once it has waited `patience` seconds, whichever is first. Under a burst the
acks keep their speed and the answers follow the burst; in quiet times a job starts almost at once.
Opening a modal cannot wait (its trigger expires): that goes in as urgent and starts at once.

The jobs' blocking work (the services, the database) runs in `Answers`: a small pool of its own
threads, so however many answers are under way, at most that many threads compete with the event
loop for the interpreter, and the little short work in the default executor (a form's validation
before its ack, a request's durable claim) never queues behind an answer. `quicken_switches` makes
a busy answer thread hand the interpreter back to the event loop within a millisecond (Python's
default is 5 ms), so an ack waits at most that long for it.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextvars import Context
from functools import partial
from typing import Any, TypeVar

log = logging.getLogger("vaart.slack")
Job = Coroutine[Any, Any, None]
T = TypeVar("T")
ANSWER_THREADS = 2
SWITCH_INTERVAL = 0.001  # seconds a thread may keep the interpreter while another waits for it


def quicken_switches() -> None:
    """A thread computing an answer gives the interpreter back to the event loop within 1 ms."""
    if sys.getswitchinterval() > SWITCH_INTERVAL:
        sys.setswitchinterval(SWITCH_INTERVAL)


class Answers:
    """The blocking work after an ack, on at most *threads* threads of its own."""

    def __init__(self, threads: int = ANSWER_THREADS) -> None:
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="slack-answer")

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.pool, partial(work, *args))

    def close(self) -> None:
        self.pool.shutdown(wait=True)


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
        if urgent:  # a context of its own: nothing of the request that submitted it (`dedupe.CLAIM`)
            self._track(loop.create_task(self._run(job), context=Context()))
            return
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._slots = asyncio.Semaphore(self.workers)
            self._track(loop.create_task(self._dispatch(self._queue, self._slots), context=Context()))
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
