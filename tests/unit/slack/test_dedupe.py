"""A request Slack sends again is acted on once: an O(1) check in memory before the ack, the durable
claim after it, by the request's first job."""

from __future__ import annotations

import asyncio

import pytest

from bot.frontends.slack.backlog import Backlog
from bot.frontends.slack.dedupe import CLAIM, Claim, Recent, claimed


def test_a_key_is_first_once_and_the_oldest_make_way_when_the_memory_is_full() -> None:
    recent = Recent(size=2)
    assert recent.first("a") and recent.first("b")
    assert not recent.first("a")
    assert recent.first("c")  # "a" made way
    assert recent.first("a")
    recent.forget("a")
    assert recent.first("a")


def test_every_job_of_a_request_waits_for_one_durable_claim_and_acts_when_it_is_the_first() -> None:
    async def scenario() -> None:
        asked: list[str] = []

        async def claim(key: str) -> bool:
            asked.append(key)
            await asyncio.sleep(0)
            return True

        done: list[str] = []

        async def job(name: str) -> None:
            done.append(name)

        request = Claim("slack:event:Ev1", claim)
        await asyncio.gather(request.then(job("answer")), request.then(job("home")))
        assert asked == ["slack:event:Ev1"]
        assert sorted(done) == ["answer", "home"]

    asyncio.run(scenario())


def test_a_request_claimed_elsewhere_before_is_closed_unrun() -> None:
    async def scenario() -> None:
        async def claim(key: str) -> bool:
            return False

        done: list[str] = []

        async def job() -> None:
            done.append("acted")

        await Claim("slack:command:T1", claim).then(job())
        assert done == []

    asyncio.run(scenario())


def test_a_claim_that_fails_runs_nothing_and_raises_to_the_backlog() -> None:
    async def scenario() -> None:
        async def claim(key: str) -> bool:
            raise OSError("database gone")

        done: list[str] = []

        async def job() -> None:
            done.append("acted")

        with pytest.raises(OSError):
            await Claim("slack:command:T2", claim).then(job())
        assert done == []

    asyncio.run(scenario())


def test_work_outside_a_keyed_request_is_not_wrapped_and_inside_one_waits_for_its_claim() -> None:
    async def scenario() -> None:
        async def claim(key: str) -> bool:
            return False

        async def job() -> None:
            return None

        bare = job()
        assert claimed(bare) is bare
        bare.close()
        token = CLAIM.set(Claim("slack:event:Ev2", claim))
        try:
            wrapped = claimed(job())
        finally:
            CLAIM.reset(token)
        await wrapped  # claimed before: the job is closed, nothing runs

    asyncio.run(scenario())


def test_the_backlog_runs_a_job_without_the_claim_of_the_request_that_submitted_it() -> None:
    async def scenario() -> None:
        async def claim(key: str) -> bool:
            return True

        seen: list[object] = []

        async def job() -> None:
            seen.append(CLAIM.get())  # work this job spawns must not wait for that request's claim again

        backlog = Backlog(quiet=0.0)
        CLAIM.set(Claim("slack:event:Ev3", claim))
        backlog.submit(job())
        backlog.submit(job(), urgent=True)
        await backlog.settle(timeout=1.0)
        await backlog.close()
        assert seen == [None, None]

    asyncio.run(scenario())
