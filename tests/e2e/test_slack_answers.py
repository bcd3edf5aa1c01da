"""Answers POSTed to response_urls (and the Web API calls) leave on one kept-open HTTP session: a
connection of its own per call cost the event loop that makes the acks a connect and a close each time."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from bot.frontends.slack.requests import HttpSession, post_response
from tests.e2e.slack_support import running


def test_three_answers_to_response_urls_share_one_connection_until_the_session_closes() -> None:
    async def scenario() -> tuple[list[int], list[int]]:
        peers: list[int] = []

        async def answer(request: web.Request) -> web.Response:
            peer = request.transport.get_extra_info("peername") if request.transport else None
            peers.append(int(peer[1]) if peer else -1)
            return web.Response(text="ok")

        server = web.Application()
        server.router.add_post("/response/{n}", answer)
        runner = web.AppRunner(server)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = int(runner.addresses[0][1])
        client = AsyncWebClient(token="xoxb-test", timeout=5)
        session = HttpSession()
        try:
            for n in range(3):
                await post_response(client, f"http://127.0.0.1:{port}/response/{n}", {"text": "ok"}, session)
            before = list(peers)
            await session.close()
            await post_response(client, f"http://127.0.0.1:{port}/response/3", {"text": "ok"}, session)
            await session.close()
        finally:
            await runner.cleanup()
        return before, peers

    first_three, every = asyncio.run(scenario())
    assert len(first_three) == 3 and len(set(first_three)) == 1
    assert every[3] != every[0]  # a closed session is made again on the next answer


def test_the_running_front_end_calls_the_web_api_and_the_response_urls_on_one_kept_open_connection(
    tmp_path: Path,
) -> None:
    with running(tmp_path, "http") as slack:
        for _ in range(3):
            assert slack.vaart("U0ANNA", "mijn")
        calls = [c for c in slack.fake.calls if c.method in ("auth.test", "users.info", "response_url")]
    assert {c.method for c in calls} == {"auth.test", "users.info", "response_url"}
    assert len({c.peer for c in calls}) == 1, [(c.method, c.peer) for c in calls]
