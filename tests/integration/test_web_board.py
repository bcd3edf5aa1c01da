"""The pipeline board's cards come from one statement for every column (storage.monitor_repo): each
column still holds its own state's oldest-waiting ideas in (updated_at, id) order, however the
states interleave in the table, on SQLite and PostgreSQL, with and without filters and paging.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from bot.bootstrap.app import App
from bot.domain.lifecycle import Status
from bot.services.ports.web import BoardFilters
from storage import tables
from storage.involvement import recount
from tests.web.seed import ROLES, build_app

STATUSES = tuple(s.value for s in Status)
BASE = "http://127.0.0.1:8000"
LINES = ("Zorg en Welzijn", "Leven Lang Ontwikkelen")


@pytest.fixture
def store(tmp_path: Path, database_url: str) -> Iterator[App]:
    app = build_app(tmp_path / "var", BASE, database_url)
    rng = random.Random(17)
    start = app.clock.now()
    rows = []
    for n in range(240):
        when = start - timedelta(hours=rng.randint(0, 50))  # ties on purpose: the id decides between them
        rows.append({"reference": f"ZOD-2025-{n + 1:05d}", "title": f"Idee {n}", "description": "Omschrijving",
                     "submitter": f"indiener{n}@voorbeeld.nl", "submitted_at": when, "origin": "test",
                     "organisation": rng.choice(("Gemeente Emmen", "Gemeente Assen")),
                     "status": rng.choice(STATUSES[:5]), "kernteam_contact": ROLES["kernteam"], "designers": [],
                     "parts": {}, "din": {"opgaven": [], "programmalijn": rng.choice(LINES), "subdoelen": [],
                                          "principes": []},
                     "recusals": [], "updated_at": None if n % 9 == 0 else when, "version": 1})
    with app.engine.begin() as conn:
        conn.execute(insert(tables.ideas), rows)
        recount(conn)  # written past the unit of work: the tallies counted afresh
    yield app
    app.close()


def _expected(app: App, status: str, per: int, offset: int, **where: str) -> list[str]:
    """The column as one query per state would read it: the state's ideas by (updated_at, id)."""
    c = tables.ideas.c
    query = select(c.reference).where(c.status == status, *(getattr(c, k) == v for k, v in where.items()))
    with app.engine.connect() as conn:
        return list(conn.execute(query.order_by(c.updated_at, c.id).limit(per).offset(offset)).scalars())


def test_every_column_holds_its_own_states_first_ideas_in_waiting_order(store: App) -> None:
    found = store.monitor.board(BoardFilters(), STATUSES, 6)
    assert [column.status for column in found.columns] == list(STATUSES)
    assert sum(len(column.cards) for column in found.columns) == 30 and found.total >= 240
    for column in found.columns:
        assert [card.reference for card in column.cards] == _expected(store, column.status, 6, 0)
        assert {card.status for card in column.cards} <= {column.status}


def test_a_filtered_and_paged_column_reads_the_same_rows(store: App) -> None:
    found = store.monitor.board(BoardFilters(organisation="Gemeente Emmen"), STATUSES, 4)
    for column in found.columns:
        assert [c.reference for c in column.cards] == _expected(store, column.status, 4, 0,
                                                                 organisation="Gemeente Emmen")
    status = STATUSES[2]
    for page in (1, 2, 3):
        paged = store.monitor.board(BoardFilters(status=status, organisation="Gemeente Assen"), STATUSES, 5, page)
        assert [c.reference for c in paged.columns[0].cards] == _expected(
            store, status, 5, (page - 1) * 5, organisation="Gemeente Assen")
    again = store.monitor.board(BoardFilters(organisation="Gemeente Emmen"), STATUSES, 4)  # the kept statement
    assert again == found


def test_when_a_state_empties_the_board_still_reads_the_others(store: App) -> None:
    first = store.monitor.board(BoardFilters(), STATUSES, 3)
    emptied = STATUSES[0]
    with store.engine.begin() as conn:
        conn.execute(tables.ideas.update().where(tables.ideas.c.status == emptied).values(status=STATUSES[1]))
        recount(conn)
    second = store.monitor.board(BoardFilters(), STATUSES, 3)
    assert first.columns[0].cards and not second.columns[0].cards and second.columns[0].count == 0
    for column in second.columns:
        assert [c.reference for c in column.cards] == _expected(store, column.status, 3, 0)


def test_the_filters_offer_the_distinct_organisations_in_order_as_distinct_reads_them(store: App) -> None:
    """The options walk the organisation index one seek per value; the same list as DISTINCT, no NULL."""
    c = tables.ideas.c
    with store.engine.begin() as conn:
        conn.execute(tables.ideas.update().where(c.reference.in_(["ZOD-2025-00001", "ZOD-2025-00002"]))
                     .values(organisation=None))
        conn.execute(tables.ideas.update().where(c.reference == "ZOD-2025-00003").values(organisation="Aa en Hunze"))
    with store.engine.connect() as conn:
        expected = list(conn.execute(select(c.organisation).where(c.organisation.is_not(None)).distinct()
                                     .order_by(c.organisation)).scalars())
    assert list(store.monitor.filter_options().organisations) == expected
    assert expected[0] == "Aa en Hunze" and len(expected) == 3
    assert list(store.monitor.filter_options(limit=2).organisations) == expected[:2]
    found, options = store.monitor.board_page(BoardFilters(), STATUSES, 2)
    assert options == store.monitor.filter_options() and found == store.monitor.board(BoardFilters(), STATUSES, 2)


def test_the_whole_programmes_counts_come_from_the_tallies_and_match_a_count_of_the_ideas(store: App) -> None:
    c = tables.ideas.c
    with store.engine.connect() as conn:
        counted = {str(s): int(n) for s, n in conn.execute(select(c.status, func.count()).group_by(c.status))}
    board = store.monitor.board(BoardFilters(), STATUSES, 6)
    assert {column.status: column.count for column in board.columns} == {s: counted.get(s, 0) for s in STATUSES}
    assert board.total == 240
    filtered = store.monitor.board(BoardFilters(organisation="Gemeente Emmen"), STATUSES, 6)
    with store.engine.connect() as conn:
        emmen = int(conn.execute(select(func.count()).where(c.organisation == "Gemeente Emmen")).scalar_one())
    assert filtered.total == emmen < 240
