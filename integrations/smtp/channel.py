"""The SMTP channel: outbox rows as mail through a relay, with STARTTLS or TLS and authentication.

One connection is kept open between messages (connecting, STARTTLS and AUTH cost more than a
message), and opened again when the server has closed it. Errors are sorted by what a retry can
do: 5xx replies (unknown recipient, message too large, authentication refused), a malformed
address and a server that cannot do the required TLS are permanent; 4xx replies, refused or
broken connections and time-outs are temporary. SMTP cannot tell whether a message that was
accepted just before a crash was accepted, so delivery is at least once; the stable Message-ID
(see `integrations.mime`) lets the recipient's client show it once.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import threading

from bot.services.ports.outbox import DeliveryError, OutboxItem
from integrations.mail_payload import Limits
from integrations.mime import render_message

log = logging.getLogger("vaart.smtp")
SECURITIES = ("starttls", "tls", "none")
RETRY_AFTER_CONNECTION = 60.0


class SmtpChannel:
    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        security: str = "starttls",
        user: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        limits: Limits | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if security not in SECURITIES:
            raise ValueError(f"security is one of {SECURITIES}, not {security!r}")
        if user and not password:
            raise ValueError("an SMTP user needs a password")
        self.host = host
        self.port = port
        self.mailbox = sender
        self.security = security
        self.user = user
        self._password = password
        self.timeout = timeout
        self.limits = limits or Limits()
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.helo_name = sender.rpartition("@")[2] or "localhost"
        self._smtp: smtplib.SMTP | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SmtpChannel({self.host}:{self.port}, {self.security}, user={self.user!r})"

    # -- the Channel protocol ---------------------------------------------------------------
    def deliver(self, item: OutboxItem) -> None:
        message = render_message(item, self.mailbox, self.limits)
        with self._lock:
            for attempt in (1, 2):
                reused = self._smtp is not None
                try:
                    self._send(message, item.recipient)
                    return
                except smtplib.SMTPServerDisconnected as exc:
                    self._drop()
                    if reused and attempt == 1:
                        continue  # the server closed an idle connection: open a new one, once
                    raise DeliveryError(f"SMTP server closed the connection: {exc}",
                                        retry_after=RETRY_AFTER_CONNECTION) from exc
                except smtplib.SMTPRecipientsRefused as exc:
                    self._drop()
                    code, text = next(iter(exc.recipients.values()), (550, b"recipient refused"))
                    raise _reply_error("recipient refused", code, text) from exc
                except smtplib.SMTPResponseException as exc:
                    self._drop()
                    raise _reply_error("SMTP server refused", exc.smtp_code, exc.smtp_error) from exc
                except smtplib.SMTPNotSupportedError as exc:
                    self._drop()
                    raise DeliveryError(f"SMTP server does not support {self.security}: {exc}",
                                        permanent=True) from exc
                except ssl.SSLCertVerificationError as exc:
                    self._drop()
                    raise DeliveryError(f"SMTP server certificate not trusted: {exc.verify_message}",
                                        permanent=True) from exc
                except (OSError, smtplib.SMTPException) as exc:
                    self._drop()
                    raise DeliveryError(f"SMTP connection to {self.host}:{self.port} failed: {exc}",
                                        retry_after=RETRY_AFTER_CONNECTION) from exc

    def check(self) -> tuple[bool, str]:
        try:
            smtp = self._connect()
            try:
                code, _ = smtp.noop()
            finally:
                _quit(smtp)
        except smtplib.SMTPAuthenticationError as exc:
            return False, f"{self.host}:{self.port}: login refused ({exc.smtp_code})"
        except (OSError, smtplib.SMTPException) as exc:
            return False, f"{self.host}:{self.port}: {exc}"
        login = f", login as {self.user}" if self.user else ""
        return code == 250, f"{self.host}:{self.port} ({self.security}{login})"

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- the connection -----------------------------------------------------------------------
    def _send(self, message: bytes, recipient: str) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        self._smtp.sendmail(self.mailbox, [recipient], message)

    def _connect(self) -> smtplib.SMTP:
        smtp: smtplib.SMTP
        if self.security == "tls":
            smtp = smtplib.SMTP_SSL(self.host, self.port, local_hostname=self.helo_name, timeout=self.timeout,
                                    context=self.ssl_context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, local_hostname=self.helo_name, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=self.ssl_context)
                smtp.ehlo()
            if self.user and self._password:
                smtp.login(self.user, self._password)
        except BaseException:
            _quit(smtp)
            raise
        return smtp

    def _drop(self) -> None:
        if self._smtp is not None:
            _quit(self._smtp)
            self._smtp = None


def _reply_error(what: str, code: int, text: bytes | str) -> DeliveryError:
    reply = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    reason = f"{what}: {code} {reply}".strip()
    if 400 <= code < 500:
        return DeliveryError(reason, retry_after=RETRY_AFTER_CONNECTION if code == 421 else None)
    return DeliveryError(reason, permanent=True)


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
