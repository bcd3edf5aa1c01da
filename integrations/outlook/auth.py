"""App-only sign-in for Microsoft Graph: msal client credentials through O365, tokens in memory.

O365's `Account(credentials, auth_flow_type="credentials", tenant_id=...)` drives msal's
`ConfidentialClientApplication`. Three things are set here on purpose:

- the token cache is O365's `MemoryTokenBackend`: the access token lives in this process only,
  never in a file (O365's default backend writes it to disk in plain text);
- the authority host is configurable (`VAART_GRAPH_AUTHORITY_URL`). msal only accepts https
  authorities, so for a loopback test server msal keeps the real https authority and an injected
  HTTP client sends those requests to the loopback address instead (msal's documented
  `http_client` hook, set through O365's `Connection` subclass below);
- O365 logs request headers at DEBUG level, which would put the bearer token in a log. Those
  loggers are held at INFO and filtered so that a token or secret never reaches a log line.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import requests
from msal import ConfidentialClientApplication
from O365 import Account
from O365.connection import Connection, MSGraphProtocol
from O365.utils.token import MemoryTokenBackend

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com"
_SECRETS = re.compile(
    r"(?i)(bearer\s+|authorization['\"]?\s*[:=]\s*['\"]?(?:bearer\s+)?|client_secret=|access_token['\"]?\s*[:=]\s*['\"]?)"
    r"[A-Za-z0-9._~+/=-]{8,}"
)
_GUARDED_LOGGERS = ("O365", "O365.connection", "msal", "msal.application", "msal.token_cache", "urllib3")


class RedactSecrets(logging.Filter):
    """Replaces bearer tokens, client secrets and access tokens in a record by '[verborgen]'."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        cleaned = _SECRETS.sub(lambda m: m.group(1) + "[verborgen]", text)
        if cleaned != text:
            record.msg, record.args = cleaned, ()
        return True


def guard_logs() -> None:
    """Keep the libraries that see tokens away from DEBUG and filter what they do log."""
    for name in _GUARDED_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET or logger.level < logging.INFO:
            logger.setLevel(logging.INFO)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())


class LoopbackAuthority(requests.Session):
    """An HTTP client for msal that sends requests for the Microsoft authority to a loopback server."""

    def __init__(self, target: str, timeout: float) -> None:
        super().__init__()
        self.target = target.rstrip("/")
        self.timeout = timeout

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        text = url.decode() if isinstance(url, bytes) else url
        if text.startswith(MICROSOFT_AUTHORITY):
            text = self.target + text[len(MICROSOFT_AUTHORITY):]
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, text, *args, **kwargs)


class VaartConnection(Connection):  # type: ignore[misc]
    """O365's connection with msal built from our authority settings and an in-memory cache."""

    authority_url: str = MICROSOFT_AUTHORITY
    _msal_client: ConfidentialClientApplication | None

    @property
    def msal_client(self) -> ConfidentialClientApplication:
        if self._msal_client is None:
            loopback = not self.authority_url.startswith("https://")
            host = MICROSOFT_AUTHORITY if loopback else self.authority_url
            self._msal_client = ConfidentialClientApplication(
                client_id=self.auth[0],
                client_credential=self.auth[1],
                authority=f"{host}/{self.tenant_id}",
                token_cache=self.token_backend,
                http_client=LoopbackAuthority(self.authority_url, self.timeout or 30) if loopback else None,
                timeout=self.timeout,
            )
        return self._msal_client


class VaartAccount(Account):  # type: ignore[misc]
    connection_constructor = VaartConnection


def graph_account(
    *,
    tenant_id: str,
    client_id: str,
    client_secret: str,
    mailbox: str,
    graph_url: str,
    authority_url: str,
    timeout: float = 30.0,
) -> Account:
    """An O365 Account for one shared mailbox (always the `resource`), app-only, tokens in memory.

    O365 retries nothing here (`request_retries=0`) and waits nothing between requests: the
    Graph client does Retry-After-aware retries for every method and paces by mailbox itself.
    """
    guard_logs()
    protocol = MSGraphProtocol(default_resource=mailbox)
    protocol.protocol_url = graph_url
    protocol.service_url = f"{graph_url}v1.0/"
    account = VaartAccount(
        (client_id, client_secret),
        auth_flow_type="credentials",
        tenant_id=tenant_id,
        main_resource=mailbox,
        protocol=protocol,
        token_backend=MemoryTokenBackend(),
        request_retries=0,
        requests_delay=0,
        timeout=timeout,
        default_headers={"Prefer": 'IdType="ImmutableId"'},
    )
    account.con.authority_url = authority_url.rstrip("/")
    return account
