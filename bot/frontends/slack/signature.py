"""The door of /slack/events: the signature is checked before the body is parsed, then the body's
shape, and only then does Bolt see the request.

Bolt parses before it verifies (`json.loads` of an unsigned body, `int()` of the timestamp header),
so a malformed request from anyone became a 500 with a traceback. Here anything not signed with our
secret inside Slack's five-minute window gets 401 (a timestamp of anything but ASCII digits, a body
that is not UTF-8), a signed body Bolt could not read gets 400, and the log line names the reason,
never the body, a header or the secret. The five minutes are wall-clock time, as Slack signs them
(the programme's clock may be set elsewhere in a demo or a test).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from slack_sdk.signature import SignatureVerifier

MAX_TIMESTAMP_DIGITS = 12  # seconds since 1970 have 10 digits until the year 2286


class Rejected(Exception):
    """The request does not get past the door: *status* is the answer, *reason* goes to the log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def admit(
    raw: bytes, headers: Mapping[str, str], verifier: SignatureVerifier, content_type: str | None
) -> tuple[str, dict[str, Any]]:
    """The body as text and as parsed when it is signed by Slack and shaped like a Slack request;
    Rejected otherwise."""
    timestamp = headers.get("x-slack-request-timestamp") or ""
    signature = headers.get("x-slack-signature") or ""
    if not signature or not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > MAX_TIMESTAMP_DIGITS:
        raise Rejected(401, "no signature, or a timestamp that is not a number")
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Rejected(401, "a body that is not UTF-8 cannot carry Slack's signature") from error
    if not verifier.is_valid(body, timestamp, signature):
        raise Rejected(401, "the signature does not match, or is older or newer than five minutes")
    return body, parse(body, content_type)


def parse(body: str, content_type: str | None) -> dict[str, Any]:
    """What Slack sends: an event (JSON), an interaction (a form with a JSON `payload`) or a slash
    command (a form); Rejected(400) for anything else.

    JSON or form is decided as Bolt decides it, but a form is read by its fields: Bolt looks for the
    word "payload" anywhere in the body, so `/vaart idee payload` reached it as an empty request."""
    media = (content_type or "").split(";")[0].strip().lower()
    try:
        if media == "application/json" or body.startswith("{"):
            parsed: Any = json.loads(body)
        else:
            fields = dict(parse_qsl(body, keep_blank_values=True))
            parsed = json.loads(fields["payload"]) if "payload" in fields else fields
    except ValueError as error:  # json.JSONDecodeError is one
        raise Rejected(400, "a signed body that is not JSON or form data") from error
    if not isinstance(parsed, dict):
        raise Rejected(400, "a signed body that is not an object")
    if isinstance(parsed.get("type"), str) or isinstance(parsed.get("command"), str) or "ssl_check" in parsed:
        return parsed
    raise Rejected(400, "a signed body that is no event, interaction or command")
