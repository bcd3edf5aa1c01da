"""The calendar feeds: `/calendar/<gremium>.ics?token=...`, one subscription per gremium.

Each feed has its own unguessable token (`vaart calendar feeds` prints the addresses); the token
is compared in constant time. An unknown gremium is 404, a missing or wrong token 403. The feed
shows every meeting in the store as it stands (moved, cancelled) plus the calendar's plan for this
year and next, with the same UIDs as the invitations.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.services.meetings import MeetingService


def calendar_route(meetings: MeetingService) -> Route:
    async def feed(request: Request) -> Response:
        gremium = str(request.path_params["gremium"])
        token = request.query_params.get("token", "")
        allowed = await run_in_threadpool(meetings.check_feed, gremium, token)
        if allowed is None:
            return PlainTextResponse("onbekend gremium", status_code=404)
        if not allowed:
            return PlainTextResponse("geen toegang", status_code=403)
        data = await run_in_threadpool(meetings.feed, gremium)
        return Response(
            data,
            media_type="text/calendar; charset=utf-8",
            headers={
                "Cache-Control": "private, max-age=300",
                "Content-Disposition": f'inline; filename="{gremium}.ics"',
            },
        )

    return Route("/calendar/{gremium}.ics", feed, methods=["GET", "HEAD"])
