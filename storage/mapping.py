"""Classical (imperative) mapping of the pure domain classes onto the tables.

The domain stays free of SQLAlchemy; this module is the only place that knows both sides.
Call `start_mappers()` once from the composition root (it is idempotent).
"""

from __future__ import annotations

from sqlalchemy.orm import configure_mappers, registry, relationship

from bot.domain.assessment import Advice, Decision, ProgressReport
from bot.domain.ideas import Idea
from bot.domain.people import Person
from storage import din_links, involvement, tables

mapper_registry = registry(metadata=tables.metadata)
_started = False


def start_mappers() -> None:
    global _started
    if _started:
        return
    mapper_registry.map_imperatively(Person, tables.people)
    mapper_registry.map_imperatively(Advice, tables.advices)
    mapper_registry.map_imperatively(Decision, tables.decisions)
    mapper_registry.map_imperatively(ProgressReport, tables.progress_reports)
    mapper_registry.map_imperatively(
        Idea,
        tables.ideas,
        version_id_col=tables.ideas.c.version,
        properties={
            "advices": relationship(
                Advice, order_by=tables.advices.c.id, cascade="all, delete-orphan", lazy="selectin"
            ),
            "decisions": relationship(
                Decision, order_by=tables.decisions.c.id, cascade="all, delete-orphan", lazy="selectin"
            ),
            "progress": relationship(
                ProgressReport,
                order_by=tables.progress_reports.c.id,
                cascade="all, delete-orphan",
                lazy="selectin",
            ),
        },
    )
    involvement.install()  # idea_people and the tallies follow every change of an idea
    din_links.install()  # idea_din follows every change of an idea's DIN links (the coverage overview)
    # Now, not at the first mapped object made: until then a mapped attribute has no implementation, so
    # reading one on an object made before the mapping (a module's constant Person) raised AttributeError.
    configure_mappers()
    _started = True
