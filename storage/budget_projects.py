"""The imported projects (the uitvoeringsprogramma's projectenoverzicht) on SQLAlchemy Core: stored
whole per import, read back with their tranches, and summed per report group in the database.

Its own concern beside the lines, the ledger and the spend requests of `storage.budget_repo`, whose
`SqlBudgetRepository` builds on this class, so the port (`BudgetRepository`) stays one object.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, case, delete, func, insert, select, type_coerce, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.domain.budget import GroupProjects, ProgressEntry, Project
from storage.tables_budget import project_tranches, projects

_CHUNK = 500


class SqlProjectRepository:
    """On the unit of work's session; on a plain connection too, for readers outside the services."""

    def __init__(self, session: Session | Connection) -> None:
        self.session = session

    def save_projects(self, items: Sequence[Project], source: str, at: datetime) -> int:
        """Store *items*; a project already there under the same reference is replaced."""
        references = [p.reference for p in items]
        for start in range(0, len(references), _CHUNK):
            chunk = references[start : start + _CHUNK]
            self.session.execute(delete(projects).where(projects.c.reference.in_(chunk)))
        if not items:
            return 0
        rows = [
            {
                "reference": p.reference,
                "name": p.name[:300],
                "project_group": p.group,
                "penvoerder": p.penvoerder[:200],
                "line_key": p.line_key,
                "parent": p.parent,
                "cofinanciering": p.cofinanciering,
                "remarks": list(p.remarks),
                "progress": [{"moment": e.moment, "text": e.text} for e in p.progress],
                "source": source[:200],
                "recorded_at": at,
            }
            for p in items
        ]
        ids = (
            self.session.execute(insert(projects).returning(projects.c.id, sort_by_parameter_order=True), rows)
            .scalars()
            .all()
        )
        tranche_rows = [
            {"project_id": pid, "position": n, "tranche": tranche, "amount": amount}
            for pid, project in zip(ids, items, strict=True)
            for n, (tranche, amount) in enumerate(project.tranches.items())
        ]
        if tranche_rows:
            self.session.execute(insert(project_tranches), tranche_rows)
        return len(items)

    def set_penvoerder(self, reference: str, penvoerder: str) -> bool:
        """The project's penvoerder changed (set on its idea); False when no project has *reference*."""
        result = self.session.execute(
            update(projects).where(projects.c.reference == reference).values(penvoerder=penvoerder[:200])
        )
        return bool(getattr(result, "rowcount", 0))

    def group_sums(self, by: str, no_group: str) -> tuple[list[GroupProjects], list[str]]:
        """The projects summed per report group (as `compute_report` groups them) and tranche, in the
        database: the groups in the order of their first project, the tranches in the order first
        met (project, then position). Two GROUP BYs, whatever the number of projects."""
        p, t = projects.c, project_tranches.c
        grouping = p.penvoerder if by == "penvoerder" else func.coalesce(p.project_group, no_group)
        parents = select(p.parent).where(p.parent.is_not(None)).scalar_subquery()
        counted = select(
            grouping.label("grp"),
            func.sum(case((p.reference.in_(parents), 0), else_=1)).label("projects"),
            func.min(p.id).label("first"),
        ).group_by(grouping).order_by(func.min(p.id))
        cents = type_coerce(t.amount, BigInteger)  # whole cents, turned into euros below without rounding
        summed = (
            select(grouping.label("grp"), t.tranche, func.sum(cents).label("cents"), func.count().label("n"))
            .select_from(project_tranches.join(projects, p.id == t.project_id))
            .group_by(grouping, t.tranche)
        )
        per_group: dict[str, list[tuple[str, Decimal, int]]] = {}
        for r in self.session.execute(summed):
            per_group.setdefault(r.grp, []).append((r.tranche, Decimal(int(r.cents)).scaleb(-2), int(r.n)))
        seen = self._tranches_in_order()
        groups = [
            GroupProjects(r.grp, int(r.projects), per_group.get(r.grp, [])) for r in self.session.execute(counted)
        ]
        return groups, seen

    def _tranches_in_order(self) -> list[str]:
        """The tranche labels in the order first met: one row per label (its first project and position)."""
        t = project_tranches.c
        first = (
            select(t.tranche, func.min(t.project_id * 100_000 + t.position).label("place"))
            .group_by(t.tranche)
            .order_by("place")
        )
        return [str(r.tranche) for r in self.session.execute(first)]

    def projects(self, details: bool = True) -> list[Project]:
        """Every project with its tranches; without *details* no remarks and progress texts (reports)."""
        t = project_tranches.c
        tranches: dict[int, dict[str, Decimal]] = {}
        raw = type_coerce(t.amount, BigInteger)  # whole cents, turned into euros below without rounding
        for pid, tranche, cents in self.session.execute(
            select(t.project_id, t.tranche, raw).order_by(t.project_id, t.position)
        ).all():
            tranches.setdefault(pid, {})[tranche] = Decimal(cents).scaleb(-2)
        c = projects.c
        columns = [c.id, c.reference, c.name, c.project_group, c.penvoerder, c.parent, c.line_key]
        if details:
            columns += [c.cofinanciering, c.remarks, c.progress]
        rows = self.session.execute(select(*columns).order_by(c.id)).all()
        return [
            Project(
                reference=r.reference,
                name=r.name,
                group=r.project_group,
                penvoerder=r.penvoerder,
                tranches=tranches.get(r.id, {}),
                cofinanciering=r.cofinanciering if details else None,
                remarks=tuple(r.remarks) if details else (),
                progress=tuple(ProgressEntry(p.get("moment"), p.get("text", "")) for p in r.progress)
                if details
                else (),
                parent=r.parent,
                line_key=r.line_key,
            )
            for r in rows
        ]

