"""The documents package's "besluiten genomen via schriftelijke ronde": every written round that
closed since the previous stuurgroep meeting (with its decision, or without consensus), so the
stuurgroep hears in its meeting what it decided in writing. Reads a plain connection, like the
rest of the package, on the index of `written_rounds.closed_at`."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Connection, select

from bot.domain.rounds import RoundStatus
from bot.domain.timezone import AMSTERDAM, to_local
from bot.messages import render
from storage.tables_rounds import written_rounds

ROUNDS = 50  # rounds listed in one package; a programme closes a handful between two meetings


def rounds_since(conn: Connection, since: date, meeting_day: date, lang: str) -> str:
    """The rounds closed from the previous meeting's day up to the day before this meeting."""
    c = written_rounds.c
    start = datetime.combine(since, time(0, 0), tzinfo=AMSTERDAM)
    end = datetime.combine(meeting_day, time(0, 0), tzinfo=AMSTERDAM)
    rows = conn.execute(
        select(c.reference, c.subject_ref, c.title, c.status, c.decision_number, c.closed_at)
        .where(c.closed_at.is_not(None), c.closed_at >= start, c.closed_at < end,
               c.status != RoundStatus.LAPSED.value)
        .order_by(c.closed_at, c.id).limit(ROUNDS)
    ).all()
    lines = [render("package.rounds.header", lang)]
    if not rows:
        return "\n".join([*lines, render("package.rounds.none", lang)])
    for row in rows:
        outcome = render(f"round.outcome.{row.status}", lang, decision=row.decision_number or "-")
        lines.append(render("package.rounds.line", lang, reference=row.reference, subject=row.subject_ref,
                            title=" ".join(str(row.title).split())[:120], outcome=outcome,
                            closed=to_local(row.closed_at).strftime("%d-%m-%Y")))
    return "\n".join(lines)
