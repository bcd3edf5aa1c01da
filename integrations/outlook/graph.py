"""Calls to Microsoft Graph for one shared mailbox, with the retries and limits Graph asks for.

The requests go through O365's connection (its session, its Graph URLs for the mailbox
`resource`), but O365 does not retry POST or PATCH on 429, so every call is retried here:
429, 503 and 504 honour Retry-After (seconds or an HTTP date) and are repeated in place while
the wait is short; a longer wait, or the last attempt, becomes a temporary `DeliveryError` with
`retry_after` and the outbox tries again later. A 401 first drops the cached token and signs in
again (a revoked token); if the token endpoint then refuses the client (an expired secret) or
Graph still says 401, the message is dead-lettered with the reason. Other 4xx (403 no permission
on the mailbox, 400, 404, 413 too large) are permanent; other 5xx and connection errors are
temporary. At most four requests per mailbox are in flight at once (Graph's concurrency limit
for a mailbox), across all threads of the process.

Graph throttles per app and mailbox, so a 429 pauses the whole mailbox, not just the request that
got it: until its Retry-After has passed (or the back-off when it names none), every request of
this client to the mailbox waits in place when the rest of the pause is short, and otherwise is not
sent at all but refused with a deferred `DeliveryError`, which the outbox gives back without
counting an attempt and moves on to other mailboxes and channels. The composition root builds one
client per mailbox, so that client is the one place the pause lives.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from msal.exceptions import MsalError
from O365 import Account

from bot.services.ports.outbox import DeliveryError

log = logging.getLogger("vaart.graph")
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
RETRY_STATUSES = frozenset({429, 503, 504})
MAX_IN_FLIGHT = 4
_SLOTS: dict[str, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()
# the token endpoint's answers that no retry can fix (a wrong or expired secret, an unknown app)
_PERMANENT_TOKEN_ERRORS = frozenset({"invalid_client", "unauthorized_client", "invalid_request", "invalid_scope"})


def mailbox_slots(mailbox: str) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(mailbox.lower(), threading.BoundedSemaphore(MAX_IN_FLIGHT))


@dataclass(frozen=True)
class GraphReply:
    status: int
    body: dict[str, Any]


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date (then relative to *now*)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


def _error_text(response: requests.Response) -> str:
    try:
        error = response.json().get("error", {})
    except ValueError:
        return response.text[:300]
    if not isinstance(error, Mapping):
        return str(error)[:300]
    return f"{error.get('code', '')}: {error.get('message', '')}".strip(": ")[:300]


class GraphClient:
    """Graph requests for *mailbox* through an O365 account whose main resource is that mailbox."""

    def __init__(
        self,
        account: Account,
        mailbox: str,
        *,
        attempts: int = 4,
        max_inline_wait: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.account = account
        self.mailbox = mailbox
        self.attempts = attempts
        self.max_inline_wait = max_inline_wait
        self.sleep = sleep
        self.monotonic = monotonic  # the pause is measured on this clock, and waited with `sleep`
        self.slots = mailbox_slots(mailbox)
        self._token_lock = threading.Lock()
        self._pause_lock = threading.Lock()
        self._paused_until = float("-inf")

    # -- the mailbox's pause after a 429 --------------------------------------------------------
    def paused_for(self) -> float:
        """Seconds until requests to the mailbox may go again (0 when they may go now)."""
        with self._pause_lock:
            return max(0.0, self._paused_until - self.monotonic())

    def pause(self, seconds: float) -> None:
        """Hold every request to the mailbox back for *seconds* (a later end wins)."""
        with self._pause_lock:
            self._paused_until = max(self._paused_until, self.monotonic() + seconds)

    def _wait_for_mailbox(self, method: str, url: str) -> None:
        remaining = self.paused_for()
        if remaining <= 0:
            return
        if remaining > self.max_inline_wait:
            raise DeliveryError(
                f"Graph throttles {self.mailbox}: {method.upper()} {_path(url)} not sent, "
                f"the mailbox is paused for {remaining:.0f} s more",
                retry_after=remaining, deferred=True,
            )
        log.info("Graph throttles %s: waiting %.1f s before %s %s", self.mailbox, remaining, method.upper(),
                 _path(url))
        self.sleep(remaining)

    def url(self, endpoint: str, *, calendar: bool = False) -> str:
        """The Graph URL of *endpoint* under the mailbox (passed to O365 as the resource)."""
        component = (self.account.schedule(resource=self.mailbox) if calendar
                     else self.account.mailbox(resource=self.mailbox))
        url: str = component.build_url(endpoint)
        return url

    # -- tokens -------------------------------------------------------------------------------
    def sign_in(self, fresh: bool = False) -> None:
        """Make sure the session carries a valid token (msal answers from its memory cache)."""
        con = self.account.con
        with self._token_lock:
            if fresh:
                for token in list(con.token_backend.search(con.token_backend.CredentialType.ACCESS_TOKEN)):
                    con.token_backend.remove_at(token)
            try:
                result = con.msal_client.acquire_token_for_client(scopes=[GRAPH_SCOPE])
            except (requests.RequestException, MsalError, ValueError) as exc:
                raise DeliveryError(f"Graph sign-in failed: {type(exc).__name__}: {exc}", retry_after=60) from exc
            if "access_token" not in result:
                error = str(result.get("error", "unknown"))
                detail = (str(result.get("error_description") or "").splitlines() or [""])[0][:300]
                permanent = error in _PERMANENT_TOKEN_ERRORS
                raise DeliveryError(f"Graph sign-in refused: {error}: {detail}".rstrip(": "),
                                    permanent=permanent, retry_after=None if permanent else 60)
            if con.session is None:
                con.session = con.get_session(load_token=True)
            con.session.headers["Authorization"] = f"Bearer {result['access_token']}"

    # -- requests -----------------------------------------------------------------------------
    def request(
        self,
        method: str,
        url: str,
        *,
        json_body: dict[str, Any] | None = None,
        text_body: str | None = None,
        headers: Mapping[str, str] | None = None,
        missing_ok: bool = False,
    ) -> GraphReply:
        """One Graph call with retries; returns status and JSON body, or raises DeliveryError."""
        signed_in_again = False
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_mailbox(method, url)
            self.sign_in()
            # O365 reads the exact key "Content-type" (and JSON-encodes `data` when it says JSON)
            send_headers: dict[str, str] = {}
            if text_body is not None:
                send_headers["Content-type"] = "text/plain"
            elif json_body is not None:
                send_headers["Content-type"] = "application/json"
            send_headers.update(headers or {})
            data: Any = json_body if text_body is None else text_body
            try:
                with self.slots:
                    response = self.account.con.oauth_request(url, method, data=data, headers=send_headers)
            except requests.HTTPError as exc:
                response = exc.response
                if response is None:
                    raise DeliveryError(f"Graph {method.upper()} failed: {exc}", retry_after=60) from exc
                status = response.status_code
                reason = f"Graph {status} on {method.upper()} {_path(url)}: {_error_text(response)}"
                if status in RETRY_STATUSES:
                    wait = retry_after_seconds(response.headers.get("Retry-After"))
                    pause = wait if wait is not None else float(2 ** (attempt - 1))
                    if status == 429:  # throttled: the mailbox as a whole waits, this request included
                        self.pause(pause)
                    if attempt < self.attempts and pause <= self.max_inline_wait:
                        log.info("%s; retrying in %.1f s", reason, pause)
                        if status != 429:  # after a 429 the wait at the top of the loop is the pause
                            self.sleep(pause)
                        continue
                    raise DeliveryError(reason, retry_after=pause) from exc
                if status == 401 and not signed_in_again:  # once, and not counted as a throttled attempt
                    signed_in_again = True
                    attempt -= 1
                    self.sign_in(fresh=True)
                    continue
                if status == 404 and missing_ok:
                    return GraphReply(404, {})
                raise DeliveryError(reason, permanent=400 <= status < 500) from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise DeliveryError(f"Graph not reachable: {type(exc).__name__}", retry_after=60) from exc
            except requests.RequestException as exc:
                raise DeliveryError(f"Graph request failed: {type(exc).__name__}: {exc}", retry_after=60) from exc
            body: dict[str, Any] = {}
            if response.content:
                try:
                    parsed = response.json()
                except ValueError:
                    parsed = {}
                body = parsed if isinstance(parsed, dict) else {}
            return GraphReply(response.status_code, body)


def _path(url: str) -> str:
    """The path of a Graph URL without host and version, for reasons shown to the staf."""
    _, _, rest = url.partition("/v1.0/")
    return "/" + (rest or url).split("?")[0]
