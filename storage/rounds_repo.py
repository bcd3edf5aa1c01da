"""The schriftelijke ronde's repository (bot.services.ports.rounds) on SQLAlchemy Core: a round and its
votes, the one open round of a subject, the worker's due rounds on (status, deadline)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from bot.domain.errors import Refused
from bot.domain.rounds import Choice, RoundStatus, Vote, WrittenRound
from bot.services.ports.read_models import Page
from storage.tables_rounds import round_votes, written_rounds

R, V = written_rounds.c, round_votes.c


class SqlRoundRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, round_: WrittenRound) -> None:
        self.session.execute(insert(written_rounds).values(**_row(round_)))

    def get(self, reference: str, lock: bool = False) -> WrittenRound | None:
        return self._one(R.reference == reference.strip().upper()[:40], lock)

    def open_for(self, subject_ref: str, lock: bool = False) -> WrittenRound | None:
        return self._one(R.open_subject == subject_ref.strip().upper()[:40], lock)

    def save(self, round_: WrittenRound) -> None:
        """The round's state and its votes (votes are only ever added)."""
        row = _row(round_)
        found = self.session.execute(select(R.id).where(R.reference == round_.reference)).scalar_one()
        self.session.execute(update(written_rounds).where(R.id == found).values(**row))
        have = set(self.session.execute(select(V.email).where(V.round_id == found)).scalars())
        new = [v for v in round_.votes if v.email not in have]
        if new:
            self.session.execute(insert(round_votes), [
                {"round_id": found, "email": v.email, "choice": v.choice.value, "reason": v.reason,
                 "voted_at": v.at} for v in new])

    def of_subject(self, subject_ref: str, limit: int) -> list[WrittenRound]:
        rows = self.session.execute(select(written_rounds).where(R.subject_ref == subject_ref.strip().upper()[:40])
                                    .order_by(R.id.desc()).limit(limit)).all()
        return self._with_votes(rows)

    def page(self, open_only: bool, limit: int, after: str | None = None) -> Page[WrittenRound]:
        """Newest first; *after* is the reference of the last round seen."""
        where: list[ColumnElement[bool]] = [R.status == RoundStatus.OPEN.value] if open_only else []
        if after is not None:
            found = self.session.execute(select(R.id).where(R.reference == after.strip().upper()[:40])).scalar()
            if found is None:
                raise Refused("round.unknown", reference=after.strip()[:40])
            where.append(R.id < int(found))
        rows = self.session.execute(select(written_rounds).where(*where).order_by(R.id.desc()).limit(limit + 1)).all()
        shown = rows[:limit]
        more = 0
        if len(rows) > limit:
            more = int(self.session.execute(select(func.count()).select_from(written_rounds)
                                            .where(*where, R.id < shown[-1].id)).scalar_one())
        return Page(self._with_votes(shown), more, shown[-1].reference if more and shown else None)

    def due(self, until: date, limit: int) -> list[str]:
        """The open rounds whose deadline is on or before *until* (the worker looks ahead by the
        longest reminder), and those every member voted on already (their closing was interrupted
        after the last vote: a crash must not leave them open until the deadline), oldest deadline first."""
        votes = select(func.count()).where(V.round_id == R.id).scalar_subquery()
        everyone = votes >= func.json_array_length(R.members)
        return [str(r) for r in self.session.execute(
            select(R.reference).where(R.status == RoundStatus.OPEN.value, or_(R.deadline <= until, everyone))
            .order_by(R.deadline, R.id).limit(limit)).scalars()]

    def closed_between(self, start: datetime | None, end: datetime) -> list[WrittenRound]:
        where: list[ColumnElement[bool]] = [R.closed_at.is_not(None), R.closed_at < end,
                                            R.status != RoundStatus.LAPSED.value]
        if start is not None:
            where.append(R.closed_at >= start)
        rows = self.session.execute(select(written_rounds).where(*where).order_by(R.closed_at, R.id)).all()
        return self._with_votes(rows)

    # -- helpers -----------------------------------------------------------------------------------
    def _one(self, where: ColumnElement[bool], lock: bool) -> WrittenRound | None:
        query = select(written_rounds).where(where)
        if lock:
            query = query.with_for_update()
        row = self.session.execute(query).first()
        return self._with_votes([row])[0] if row is not None else None

    def _with_votes(self, rows: Any) -> list[WrittenRound]:
        rows = list(rows)
        ids = [r.id for r in rows]
        votes: dict[int, list[Vote]] = {i: [] for i in ids}
        if ids:
            for v in self.session.execute(select(round_votes).where(V.round_id.in_(ids)).order_by(V.id)).all():
                votes[v.round_id].append(Vote(v.email, Choice(v.choice), v.reason, v.voted_at))
        return [_round(r, votes[r.id]) for r in rows]


def _row(r: WrittenRound) -> dict[str, Any]:
    return {
        "reference": r.reference, "subject_kind": r.subject_kind, "subject_ref": r.subject_ref,
        "open_subject": r.subject_ref if r.is_open else None, "title": r.title, "amount": r.amount,
        "deadline": r.deadline, "members": list(r.members), "note": r.note, "started_by": r.started_by,
        "started_at": r.started_at, "status": r.status.value, "reminders_sent": list(r.reminders_sent),
        "closed_at": r.closed_at, "decision_number": r.decision_number,
    }


def _round(row: Any, votes: list[Vote]) -> WrittenRound:
    return WrittenRound(
        row.reference, row.subject_kind, row.subject_ref, row.title, row.amount, row.deadline,
        tuple(row.members), row.started_by, row.started_at, row.note, RoundStatus(row.status), tuple(votes),
        tuple(int(d) for d in row.reminders_sent), row.closed_at, row.decision_number, row.id,
    )
