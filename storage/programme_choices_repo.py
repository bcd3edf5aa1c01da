"""The persisted programme choices (`programme_choices`) on SQLAlchemy Core: one short transaction per
call, an upsert by (platform, person), so two front-end processes switching at once keep one row.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select

from storage.engine import upsert
from storage.tables_programmes import programme_choices

c = programme_choices.c


class SqlProgrammeChoices:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, platform: str, person: str) -> str | None:
        query = select(c.code).where(c.platform == platform[:20], c.person == person.strip()[:254])
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return str(found) if found is not None else None

    def set(self, platform: str, person: str, code: str, at: datetime) -> None:
        values = {"platform": platform[:20], "person": person.strip()[:254], "code": code[:20], "updated_at": at}
        statement = upsert(self.engine.dialect.name, programme_choices).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=["platform", "person"], set_={"code": values["code"], "updated_at": at}
        )
        with self.engine.begin() as conn:
            conn.execute(statement)
