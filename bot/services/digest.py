"""Status notices bundled per person per day (Programmaplan §7: communication coordinated "mede om een
overload aan berichten te voorkomen").

A person gets their first `[communicatie] bundel_boven` status notices of a day at once; the ones after
that wait for one digest, which the worker sends at `bundel_uur` (or at its first tick after, when it
was down). Urgent messages never wait: a task for you, a decision on your idea, an invitation to an
ontwerpteam are written to the outbox as before; only "the status of ... is now ..." is held. The
count and the held entry are written in the transaction of the change that caused them, and the
digest is taken and marked sent in one transaction with its outbox row, so nothing goes twice or is lost.
"""

from __future__ import annotations

from datetime import timedelta

from bot.domain.timezone import to_local
from bot.messages import render
from bot.programme.execution import parse_execution_config
from bot.services.base import Context, Service
from bot.services.ports.execution import execution_uow
from bot.services.ports.outbound import OutboundMessage
from bot.services.record import reader_language

BATCH = 100  # digests per transaction


class DigestService(Service):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.hour = parse_execution_config(ctx.programme.raw).digest_hour

    def send_due(self) -> int:
        """Every digest whose hour has come (today's after `bundel_uur`, every earlier day's); returns how many."""
        sent = 0
        while True:
            now = self.ctx.clock.now()
            local = to_local(now)
            until = local.date() if local.hour >= self.hour else local.date() - timedelta(days=1)
            with self.ctx.uow_factory() as uow:
                repo = execution_uow(uow).execution
                due = repo.pending_digests(until, BATCH)
                for recipient, day in due:
                    entries = repo.take_digest(recipient, day, now)
                    if not entries:
                        continue
                    lang = reader_language(uow, recipient, self.programme.language)
                    listed = "\n\n".join(f"{subject}\n{body}" for subject, body in entries)
                    uow.enqueue(OutboundMessage(
                        key=f"digest:{recipient}:{day.isoformat()}",
                        recipient=recipient,
                        subject=render("digest.subject", lang, date=day.strftime("%d-%m-%Y"), count=len(entries)),
                        body=render("digest.body", lang, date=day.strftime("%d-%m-%Y"), count=len(entries),
                                    listed=listed),
                        payload={"event": "digest", "day": day.isoformat(), "count": len(entries)},
                    ), now)
                    sent += 1
                uow.commit()
            if len(due) < BATCH:
                return sent
