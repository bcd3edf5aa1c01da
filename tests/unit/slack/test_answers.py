"""The Slack front end's answer work runs on a small pool of its own: never more threads than it was
given, and the little work an ack needs never waits behind an answer."""

from __future__ import annotations

import asyncio
import sys
import threading

from bot.frontends.slack.backlog import SWITCH_INTERVAL, Answers, quicken_switches


def test_answers_run_on_their_own_threads_at_most_as_many_at_once_as_given() -> None:
    answers = Answers(threads=1)
    release = threading.Event()
    order: list[str] = []

    def slow() -> str:
        order.append("slow started")
        release.wait(timeout=30)
        order.append("slow done")
        return threading.current_thread().name

    def quick() -> str:
        order.append("quick ran")
        return threading.current_thread().name

    async def scenario() -> tuple[str, str]:
        first = asyncio.ensure_future(answers.run(slow))
        second = asyncio.ensure_future(answers.run(quick))
        while not order:
            await asyncio.sleep(0.001)
        await asyncio.sleep(0.05)  # room for the second to start, were there a second thread
        assert order == ["slow started"]
        release.set()
        return await first, await second

    try:
        names = asyncio.run(scenario())
    finally:
        answers.close()
    assert order == ["slow started", "slow done", "quick ran"]
    assert all(name.startswith("slack-answer") for name in names)


def test_work_before_an_ack_does_not_queue_behind_busy_answers() -> None:
    answers = Answers(threads=2)
    release = threading.Event()

    async def scenario() -> str:
        busy = [asyncio.ensure_future(answers.run(release.wait, 30)) for _ in range(2)]
        await asyncio.sleep(0.01)  # both answer threads are taken
        before_ack = await asyncio.to_thread(lambda: "claimed")  # what the middleware does before an ack
        still_busy = not any(task.done() for task in busy)
        release.set()
        await asyncio.gather(*busy)
        return f"{before_ack} while busy: {still_busy}"

    try:
        assert asyncio.run(scenario()) == "claimed while busy: True"
    finally:
        answers.close()


def test_a_busy_thread_hands_the_interpreter_back_within_a_millisecond() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        quicken_switches()
        assert sys.getswitchinterval() <= SWITCH_INTERVAL == 0.001
    finally:
        sys.setswitchinterval(before)
