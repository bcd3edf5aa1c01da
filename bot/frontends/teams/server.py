"""Serving Teams: the /api/messages route of the one ASGI app.

The request's JWT is checked before anything else happens (`bot.frontends.teams.auth.InboundTokens`): a
missing, forged, expired or wrongly addressed token, or a serviceUrl the token does not name or whose
host is not allowed (`bot.frontends.teams.service_urls`), gets 401 and touches nothing. A checked
activity goes to the Agents SDK's adapter and our handlers; an invoke (a card action) is answered
in the HTTP response, everything else with 202 once the turn is done. In local mode (no client id,
TEAMS_LOCAL_MODE=1) requests are anonymous and accepted only from 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import ClaimsIdentity
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.chat.desk import FrontDesk
from bot.chat.programmes import ProgrammeDesks
from bot.frontends.teams.adapter import TeamsAdapter, ValidatedRequest
from bot.frontends.teams.auth import EntraTokens, InboundTokens, OneConnection, Unauthorized, anonymous_claims
from bot.frontends.teams.config import TeamsConfig
from bot.frontends.teams.router import TeamsFrontEnd
from bot.services.ports.conversations import ConversationReferences, FormDrafts

References = ConversationReferences | Mapping[str, ConversationReferences]  # one, or per programme code
Drafts = FormDrafts | Mapping[str, FormDrafts]

log = logging.getLogger("vaart.teams")
MAX_BODY = 1_000_000  # an activity with a full card stays far below this


@dataclass(frozen=True)
class TeamsRuntime:
    config: TeamsConfig
    adapter: TeamsAdapter
    front: TeamsFrontEnd
    tokens: InboundTokens | None

    async def authenticate(self, request: Request, body: dict[str, object]) -> ClaimsIdentity | None:
        if self.tokens is None:  # local mode: anonymous, only from this machine, only for allowed hosts
            host = request.client.host if request.client else ""
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = False
            allowed = self.config.service_urls.allows(_text(body.get("serviceUrl")))
            return anonymous_claims() if local and allowed else None
        try:
            return await self.tokens.validate(
                request.headers.get("authorization"), _text(body.get("serviceUrl")), _text(body.get("channelId"))
            )
        except Unauthorized as refused:
            log.warning("teams: request refused (401): %s", refused)
            return None

    async def messages(self, request: Request) -> Response:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return JSONResponse({"error": "Payload Too Large"}, status_code=413)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return JSONResponse({"error": "Bad Request"}, status_code=400)
        claims = await self.authenticate(request, body)
        if claims is None:
            return JSONResponse({"error": "Unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        try:
            Activity.model_validate(body)
        except ValidationError:
            return JSONResponse({"error": "Bad Request"}, status_code=400)
        headers = {key.lower(): value for key, value in request.headers.items()}
        result = await self.adapter.process_request(ValidatedRequest("POST", headers, body, claims), self.front)
        if result.body is None:
            return Response(status_code=int(result.status_code))
        return JSONResponse(result.body, status_code=int(result.status_code))


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def build_teams(desks: ProgrammeDesks | FrontDesk, references: References, config: TeamsConfig,
                drafts: Drafts) -> TeamsRuntime:
    """*desks*: the installation's programmes (one desk: a one-programme installation)."""
    config.check()
    front = TeamsFrontEnd(desks, references, config, drafts)
    adapter = TeamsAdapter(OneConnection(config, EntraTokens(config)), front.default.desk.programme.language)
    tokens = None if config.anonymous else InboundTokens(config)
    return TeamsRuntime(config, adapter, front, tokens)


def teams_parts(desks: ProgrammeDesks | FrontDesk, references: References, config: TeamsConfig,
                drafts: Drafts) -> list[BaseRoute]:
    """The route the ASGI app needs for Teams; nothing when Teams is not configured."""
    config.check()
    if not config.enabled:
        return []
    runtime = build_teams(desks, references, config, drafts)
    return [Route("/api/messages", runtime.messages, methods=["POST"])]
