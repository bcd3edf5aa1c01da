"""The idea page's read model as SQL: the idea with its advice, decisions and progress, its audit
trail, the people the page names and its spend requests, on one connection (one transaction, one
snapshot) with statements built once.

Every statement is made at import with its values as bound parameters: building a statement (and
its cache key) cost more than running it, and a prebuilt one keeps its cache key. The rows are read
as rows into plain read models (`IdeaSheet`), not through the ORM: the page only reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Integer, Select, bindparam, select

from bot.domain.assessment import Advice, Decision, ProgressReport
from bot.domain.ideas import Idea
from bot.domain.people import Person
from bot.services.ports.web import IdeaPage, IdeaSheet, SheetAdvice, SheetDecision, SheetProgress, SpendRow, TrailEntry
from storage import tables
from storage.driver_rows import DriverRows, bound_list, bound_values
from storage.tables_budget import spend_requests
from storage.tables_ops import person_pseudonyms

_ideas, _adv, _dec, _prog = tables.ideas, tables.advices, tables.decisions, tables.progress_reports
_a, _ps, _p, _r = tables.audit_log.c, person_pseudonyms.c, tables.people.c, spend_requests.c
_FIELDS = tuple(f.name for f in dataclass_fields(Idea) if f.name not in ("advices", "decisions", "progress"))

_IDEA = select(_ideas).where(_ideas.c.reference == bindparam("reference"))
_ADVICES = select(_adv).where(_adv.c.idea_id == bindparam("idea_id")).order_by(_adv.c.id)
_DECISIONS = select(_dec).where(_dec.c.idea_id == bindparam("idea_id")).order_by(_dec.c.id)
_PROGRESS = select(_prog).where(_prog.c.idea_id == bindparam("idea_id")).order_by(_prog.c.id)
_TRAIL = (
    select(_a.seq, _a.at, _a.actor, _ps.email, _a.action, _a.result, _a.origin)
    .select_from(tables.audit_log.outerjoin(person_pseudonyms, _ps.pseudonym == _a.actor))
    .where(_a.object == bindparam("reference"))
    .order_by(_a.seq)
    .limit(bindparam("limit", type_=Integer))
)
PEOPLE_BATCH = 100  # people looked up per statement


@lru_cache(maxsize=PEOPLE_BATCH)
def _people(count: int) -> Select[Any]:
    return select(_p.email, _p.name, _p.organisation, _p.roles, _p.language).where(
        _p.email.in_(bound_list("email", count)))
_SPEND = (
    select(_r.reference, _r.amount, _r.kind, _r.purpose, _r.status, _r.requested_at, _r.decided_via,
           _r.decision_number)
    .where(_r.idea_ref == bindparam("reference"))
    .order_by(_r.id)
    .limit(bindparam("limit", type_=Integer))
)


def read_idea(conn: Connection, reference: str) -> Idea | None:
    """The idea with its advice, decisions and progress (four indexed queries)."""
    row = conn.execute(_IDEA, {"reference": reference.upper()}).mappings().first()
    if row is None:
        return None
    found = Idea(**{name: row[name] for name in _FIELDS})
    key = {"idea_id": row["id"]}
    found.advices = [
        Advice(r.positive, r.criteria, r.principles, r.development_advice, r.recorded_by, r.recorded_at, r.id)
        for r in conn.execute(_ADVICES, key)
    ]
    found.decisions = [
        Decision(r.number, r.outcome, r.decided_on, r.present, r.recused, r.objections, r.conditions,
                 r.considerations, r.amount, r.recorded_by, r.recorded_at, r.subject, r.id)
        for r in conn.execute(_DECISIONS, key)
    ]
    found.progress = [ProgressReport(r.text, r.reported_by, r.reported_at, r.id) for r in conn.execute(_PROGRESS, key)]
    return found


def read_sheet(conn: Connection, reference: str) -> IdeaSheet | None:
    """The idea as its page shows it, from the same four queries as `read_idea`, into plain rows
    (on the driver's cursor: storage.driver_rows)."""
    rows = DriverRows(conn)
    r = rows.first(_IDEA, {"reference": reference.upper()})
    if r is None:
        return None
    key = {"idea_id": r.id}
    advices = tuple(SheetAdvice(a.positive, a.criteria, a.principles, a.development_advice, a.recorded_at)
                    for a in rows.all(_ADVICES, key))
    decisions = tuple(SheetDecision(d.number, d.outcome, d.decided_on, d.amount, d.considerations, d.conditions,
                                    d.objections) for d in rows.all(_DECISIONS, key))
    progress = tuple(SheetProgress(p.text, p.reported_at) for p in rows.all(_PROGRESS, key))
    return IdeaSheet(r.reference, r.title, r.description, r.submitter, r.submitted_at, r.organisation, r.status,
                     r.kernteam_contact, r.designers, r.proposal_type, r.parts, r.din, r.meeting_date,
                     r.evaluation, advices, decisions, progress)


def read_trail(conn: Connection, reference: str, limit: int = 200) -> list[TrailEntry]:
    return [TrailEntry(r.seq, r.at, r.actor, r.email, r.action, r.result, r.origin)
            for r in DriverRows(conn).all(_TRAIL, {"reference": reference, "limit": limit})]


def read_people(conn: Connection, emails: Iterable[str]) -> dict[str, Person]:
    """The people a page names, by e-mail: one indexed query for those few, not the whole store."""
    wanted = sorted({e for e in emails if e})
    found: dict[str, Person] = {}
    rows = DriverRows(conn)
    for start in range(0, len(wanted), PEOPLE_BATCH):
        batch = wanted[start:start + PEOPLE_BATCH]
        found.update({r.email: Person(r.email, r.name, r.organisation, list(r.roles or ()), r.language)
                      for r in rows.all(_people(len(batch)), bound_values("email", batch))})
    return found


def read_spend(conn: Connection, reference: str, limit: int = 50) -> list[SpendRow]:
    return [SpendRow(*row) for row in DriverRows(conn).all(_SPEND, {"reference": reference, "limit": limit})]


def read_idea_page(conn: Connection, reference: str, trail_limit: int = 200) -> IdeaPage | None:
    found = read_sheet(conn, reference)
    if found is None:
        return None
    trail = read_trail(conn, found.reference, trail_limit)
    people = read_people(conn, [found.kernteam_contact or "", *found.designers, *(e.actor_email or "" for e in trail)])
    return IdeaPage(found, trail, people, read_spend(conn, found.reference))
