"""Logging for operators: one JSON object per line (`VAART_LOG_FORMAT=json`) or plain text, with the
fields the BIO (Baseline Informatiebeveiliging Overheid, 12.4.1) asks of an event log, and without
secrets or message contents.

BIO fields, taken from a record's `extra` (see `bio()`): `who` (the user id: an e-mail address, a
pseudonym, `systeem` or `-` for an anonymous HTTP caller), `what` (the action), `object` (which
object: an idea's reference, a route, an outbox key), `result` (`ok`, `geweigerd: <code>`, an HTTP
status), `origin` (where from: `slack`, `teams`, `cli`, the client's IP address) and `when` (the
moment the event was logged, UTC). The full, tamper-evident record of every change is the audit
log in the database; these logs are the operational trail around it.

What never reaches a log: the values of secrets (every variable that names a secret, and the
password in VAART_DATABASE_URL, are masked wherever they would appear, a safety net under the rule
that no code logs them), and message bodies (no code logs them; tests/integration/test_ops_logs.py
checks both on real captured output).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.domain.audit import bio as bio  # the fields this module formats, named where audit entries are

BIO_FIELDS = ("who", "what", "object", "result", "origin")
MASK = "***"
# variables whose value is a secret: named in the settings, and anything that looks like one
SECRET_NAME = re.compile(r"(SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|CLIENT_KEY)", re.IGNORECASE)
_HANDLER_NAME = "vaart"
# Libraries that log every request with its full address (a feed's or a link's token in the query) at
# INFO: WARNING and up only. httpx2/httpcore2 are what starlette's test client uses.
NOISY = ("apscheduler", "httpx", "httpcore", "httpx2", "httpcore2", "urllib3", "slack_bolt", "slack_sdk", "msal",
         "O365")


def secret_values(env: Mapping[str, str]) -> list[str]:
    """The values to mask: every variable whose name says it is a secret, and the database password."""
    values = {value for name, value in env.items() if value and SECRET_NAME.search(name)}
    url = env.get("VAART_DATABASE_URL")
    if url:
        from sqlalchemy.engine import make_url  # only then: a lookup on the embedded default loads no SQLAlchemy

        try:
            password = make_url(url).password
        except Exception:  # an unparseable URL is reported by the engine; here it just has no password
            password = None
        if password:
            values.add(str(password))
    # short values would mask innocent text; no real secret is this short
    return sorted((v for v in values if len(v) >= 6), key=len, reverse=True)


class _Masking:
    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = list(secrets)

    def mask(self, text: str) -> str:
        for value in self.secrets:
            if value in text:
                text = text.replace(value, MASK)
        return text


class JsonFormatter(logging.Formatter):
    """One JSON object per line: when, level, logger, message, the BIO fields, an exception's type."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.masking = _Masking(secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "when": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in BIO_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self.masking.mask(json.dumps(entry, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    """Plain lines for a terminal, with the BIO fields appended when the record has them."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self.masking = _Masking(secrets)

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = [f"{name}={getattr(record, name)}" for name in BIO_FIELDS if getattr(record, name, None) is not None]
        return self.masking.mask(f"{line} [{' '.join(fields)}]" if fields else line)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the moment of writing (a test may have swapped it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure(env: Mapping[str, str], log_format: str = "text", level: str = "WARNING",
              stream: TextIO | None = None) -> logging.Handler:
    """Route every log record through one handler on stderr (or *stream*), in *log_format*.

    Replaces a handler this function installed before (commands and tests may call it more than
    once); other handlers (pytest's capture) are left alone. Uvicorn's loggers propagate to it.
    """
    secrets = secret_values(env)
    formatter: logging.Formatter = JsonFormatter(secrets) if log_format == "json" else TextFormatter(secrets)
    handler: logging.StreamHandler = logging.StreamHandler(stream) if stream else _StderrHandler()  # type: ignore[type-arg]
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # raw paths and queries: the middleware logs routes
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger().level))
    return handler
