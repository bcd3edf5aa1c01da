"""The backlog behind the acks: jobs wait for a quiet moment (or their patience), urgent ones do not."""

from __future__ import annotations

import asyncio

from bot.frontends.slack.backlog import Backlog


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_jobs_wait_while_requests_keep_coming_and_urgent_ones_run_at_once() -> None:
    async def scenario() -> None:
        ticker = Ticker()
        backlog = Backlog(workers=2, quiet=0.001, patience=5.0, monotonic=ticker)
        done: list[str] = []

        async def job(name: str) -> None:
            done.append(name)

        backlog.touch()
        backlog.submit(job("answer"))
        backlog.submit(job("modal"), urgent=True)
        for _ in range(20):
            await asyncio.sleep(0.002)
            backlog.touch()  # requests keep arriving; the clock does not move
        assert done == ["modal"]
        ticker.now += 0.01  # a quiet moment
        await backlog.settle(timeout=1.0)
        assert done == ["modal", "answer"]
        await backlog.close()

    asyncio.run(scenario())


def test_a_job_runs_after_its_patience_even_in_a_busy_stream() -> None:
    async def scenario() -> None:
        ticker = Ticker()
        backlog = Backlog(workers=1, quiet=0.001, patience=1.0, monotonic=ticker)
        done: list[int] = []

        async def job(n: int) -> None:
            done.append(n)

        backlog.submit(job(1))
        for _ in range(5):
            backlog.touch()
            await asyncio.sleep(0.002)
        assert done == []
        ticker.now += 1.0
        backlog.touch()  # still busy, but the job has waited long enough
        await backlog.settle(timeout=1.0)
        assert done == [1]

        async def broken() -> None:
            raise RuntimeError("boom")

        backlog.submit(broken())
        ticker.now += 2.0
        await backlog.settle(timeout=1.0)  # a failing job is logged, the backlog goes on
        backlog.submit(job(2))
        ticker.now += 2.0
        await backlog.settle(timeout=1.0)
        assert done == [1, 2]
        await backlog.close()

    asyncio.run(scenario())
