"""Part of the composition root: the mail channel and the outbox's delivery options from settings.

`VAART_MAIL` picks the channel: `file` (the default: .eml files under var/outbox, nothing to set
up), `smtp`, `graph` (Outlook through Microsoft Graph) or `failing` (a demo that fails first).
A chosen channel that misses a required setting refuses to start (a Dutch `Refused`). Real
mailboxes get the rate limit (`VAART_MAIL_RATE` per minute, 30 by default); a failing message is
tried for one working day of the programme's calendar (`VAART_OUTBOX_RETRY_HORIZON`, see
`scheduling.retry`); dead letters are told to the staf through the outbox, bundled ("chat" when a
chat channel is configured, else mail).
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from bot.bootstrap.ops_settings import OpsSettings
from bot.bootstrap.settings import Settings, check_mail_settings
from bot.domain.programme import Programme
from bot.programme.calendar import working_days
from bot.services.ports.outbox import Channel
from bot.services.ports.unit_of_work import Clock
from integrations.failing import FailingChannel
from integrations.file_outbox import FileOutbox
from integrations.mail_payload import Limits
from scheduling.dead_letters import staf_notifier
from scheduling.retry import RetryPolicy, parse_horizon

RATE_LIMITED = ("smtp", "graph")


def mail_channels(settings: Settings, programme: Programme, engine: Engine, clock: Clock) -> dict[str, Channel]:
    """The outbox's channels by name: "mail" is the configured mail channel."""
    check_mail_settings(settings)
    mail = settings.mail
    limits = Limits(max_attendees=mail.max_attendees, max_bytes=mail.max_bytes)
    files = FileOutbox(settings.outbox_dir, programme.mailbox, limits, mode=settings.file_mode)
    channel: Channel
    if mail.channel == "smtp":
        from integrations.smtp import SmtpChannel

        context = ssl.create_default_context(cafile=mail.smtp_cafile) if mail.smtp_cafile else None
        channel = SmtpChannel(
            str(mail.smtp_host),
            mail.port,
            programme.mailbox,
            security=mail.smtp_security,
            user=mail.smtp_user,
            password=settings.secret("VAART_SMTP_PASSWORD") if mail.smtp_user else None,
            timeout=mail.smtp_timeout,
            limits=limits,
            ssl_context=context,
        )
    elif mail.channel == "graph":
        from integrations.outlook import GraphClient, OutlookChannel, graph_account
        from storage.delivery_repo import SqlEventLinks

        mailbox = str(mail.graph_mailbox)
        account = graph_account(
            tenant_id=str(mail.graph_tenant_id),
            client_id=str(mail.graph_client_id),
            client_secret=str(settings.secret("VAART_GRAPH_CLIENT_SECRET")),
            mailbox=mailbox,
            graph_url=mail.graph_url,
            authority_url=mail.graph_authority_url,
        )
        channel = OutlookChannel(GraphClient(account, mailbox), SqlEventLinks(engine), clock, limits=limits)
    elif mail.channel == "failing":
        channel = FailingChannel(files, failures=mail.failing_times)
    else:
        channel = files
    return {"mail": channel}


def outbox_options(settings: Settings, programme: Programme, channels: Mapping[str, Channel],
                   from_settings: bool) -> dict[str, Any]:
    """Keyword arguments for `OutboxRunner`: retries, rate limits for real mailboxes, the staf's notices."""
    ops = OpsSettings.from_env(settings.env)
    horizon = parse_horizon(ops.retry_horizon, working_days(programme.raw))
    options: dict[str, Any] = {
        "retry": RetryPolicy(max_delay=timedelta(seconds=ops.retry_max_delay), horizon=horizon),
        "on_dead": staf_notifier("chat" if "chat" in channels else "mail", programme.language,
                                 window=timedelta(seconds=ops.notice_window)),
    }
    if from_settings and settings.mail.channel in RATE_LIMITED and settings.mail.rate_per_minute > 0:
        options["rate_limits"] = {"mail": settings.mail.rate_per_minute}
    return options
