"""The list views as paged queries, on SQLite and PostgreSQL: one page, how many follow, the next
page by its cursor; the involvement rows and tallies they stand on stay true; and a long read never
holds up a writer."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from bot.bootstrap.app import App
from bot.domain.errors import Refused
from bot.domain.lifecycle import Status
from bot.services.ports.unit_of_work import UnitOfWork
from storage import tables
from storage.involvement import DECISIONS_TALLY, links_of, person_tally, status_tally
from storage.tables_reads import idea_people, tallies
from tests.cast import ANNA, DIRK, EMAIL
from tests.integration.test_store import register, walk_to_decision

KERN = EMAIL["kernteam"]


def submit(app: App, n: int, who: str = ANNA) -> list[str]:
    return [app.ideas.submit(who, "test", f"Idee {i}", "Omschrijving", opgaven=["5"]).params["reference"]
            for i in range(n)]


def expected_reads(app: App) -> tuple[set[tuple[str, str, int]], Counter[str]]:
    """What idea_people and tallies must hold, worked out from the ideas themselves."""
    links: set[tuple[str, str, int]] = set()
    counts: Counter[str] = Counter()
    with app.engine.connect() as conn:
        i = tables.ideas.c
        for row in conn.execute(select(i.id, i.status, i.submitter, i.kernteam_contact, i.designers)):
            pairs = links_of(row.submitter, row.kernteam_contact, row.designers)
            links |= {(e, r, row.id) for e, r in pairs}
            counts[status_tally(row.status)] += 1
            for email in {e for e, _ in pairs}:
                counts[person_tally(email)] += 1
        counts[DECISIONS_TALLY] = len(conn.execute(select(tables.decisions.c.id)).all())
    return links, +counts


def stored_reads(app: App) -> tuple[set[tuple[str, str, int]], Counter[str]]:
    with app.engine.connect() as conn:
        p = idea_people.c
        links = {(r.email, r.relation, r.idea_id) for r in conn.execute(select(p.email, p.relation, p.idea_id))}
        counts = Counter({r.name: int(r.value) for r in conn.execute(select(tallies))})
    return links, +counts


def assert_reads_true(app: App) -> None:
    assert stored_reads(app) == expected_reads(app)


def test_involvement_rows_and_tallies_follow_every_step_of_the_route(any_app: App) -> None:
    register(any_app)
    [ref, other] = submit(any_app, 2)
    assert_reads_true(any_app)
    walk_to_decision(any_app, ref)  # kernteam contact, ontwerpteam, decision
    any_app.ideas.pick_up(KERN, "test", other, EMAIL["kernteam2"])
    any_app.ideas.conclude_orientation(EMAIL["kernteam2"], "test", other, "niet_verder", reason="Past niet")
    assert_reads_true(any_app)
    links, counts = stored_reads(any_app)
    assert (DIRK, "designer", 1) in {(e, r, i) for e, r, i in links}
    assert counts[status_tally("akkoord")] == 1 and counts[status_tally("niet_verder")] == 1
    assert counts[person_tally(ANNA)] == 2 and counts[DECISIONS_TALLY] == 1


def test_a_refused_command_leaves_the_tallies_as_they_were(any_app: App) -> None:
    register(any_app)
    [ref] = submit(any_app, 1)
    before = stored_reads(any_app)
    with pytest.raises(Refused):
        any_app.ideas.pick_up(KERN, "test", ref, "onbekend@voorbeeld.nl")  # nobody by that address
    with pytest.raises(Refused):
        any_app.ideas.conclude_orientation(KERN, "test", ref, "ontwerpteam", [])  # not picked up yet
    assert stored_reads(any_app) == before


def test_my_ideas_come_one_page_at_a_time_newest_first_with_the_count_of_the_rest(any_app: App) -> None:
    register(any_app)
    refs = submit(any_app, 7)
    first = any_app.ideas.involved(ANNA, limit=3)
    assert [s.reference for s in first.items] == refs[::-1][:3]
    assert (first.more, first.after) == (4, refs[4])
    second = any_app.ideas.involved(ANNA, first.after, limit=3)
    assert [s.reference for s in second.items] == refs[::-1][3:6] and second.more == 1
    last = any_app.ideas.involved(ANNA, second.after, limit=3)
    assert [s.reference for s in last.items] == refs[:1] and (last.more, last.after) == (0, None)


def test_tasks_leave_out_what_the_person_may_not_act_on_and_count_the_rest(any_app: App) -> None:
    register(any_app)
    own = submit(any_app, 2, who=KERN)  # the kernteam member's own ideas: a conflict of interest
    refs = submit(any_app, 5)
    page = any_app.ideas.tasks(KERN, limit=2)
    assert [s.reference for s in page.items] == refs[:2] and page.more == 3
    rest = any_app.ideas.tasks(KERN, page.after, limit=10)
    assert [s.reference for s in rest.items] == refs[2:] and rest.more == 0
    assert not {s.reference for s in page.items + rest.items} & set(own)
    overview = any_app.ideas.mine(KERN, limit=2)
    assert overview.tasks == page and [s.reference for s in overview.involved.items] == own[::-1]


def test_a_proposal_waits_only_for_its_own_kernteam_contact(any_app: App) -> None:
    register(any_app)
    [ref] = submit(any_app, 1)
    any_app.ideas.pick_up(KERN, "test", ref)
    any_app.ideas.conclude_orientation(KERN, "test", ref, "ontwerpteam", [DIRK])
    any_app.ideas.start_proposal(DIRK, "test", ref, "project")
    assert [s.reference for s in any_app.ideas.tasks(KERN).items] == [ref]
    other = any_app.ideas.tasks(EMAIL["kernteam2"])
    assert other.items == [] and other.more == 0


def test_open_lists_ideas_under_way_oldest_first_across_statuses(any_app: App) -> None:
    register(any_app)
    refs = submit(any_app, 5)
    any_app.ideas.pick_up(KERN, "test", refs[1])
    any_app.ideas.pick_up(KERN, "test", refs[3])
    any_app.ideas.conclude_orientation(KERN, "test", refs[3], "niet_verder", reason="Elders gefinancierd")
    page = any_app.ideas.open_page(limit=2)
    assert [(s.reference, s.state) for s in page.items] == [(refs[0], Status.INGEDIEND), (refs[1], Status.ORIENTATIE)]
    assert page.more == 2
    rest = any_app.ideas.open_page(page.after, limit=2)
    assert [s.reference for s in rest.items] == [refs[2], refs[4]] and rest.more == 0


def test_the_register_pages_newest_first_and_refuses_an_unknown_cursor(any_app: App) -> None:
    register(any_app)
    refs = submit(any_app, 2)
    for ref in refs:
        walk_to_decision(any_app, ref)
    page = any_app.ideas.decisions(limit=1)
    assert [d.reference for d in page.items] == [refs[1]] and page.more == 1
    assert page.items[0].amount == Decimal("45000.00") and page.items[0].decided_on == date(2026, 12, 11)
    older = any_app.ideas.decisions(page.after, limit=1)
    assert [d.reference for d in older.items] == [refs[0]] and older.after is None
    with pytest.raises(Refused) as refused:
        any_app.ideas.decisions("ZOD-B-1999-999")
    assert refused.value.code == "decisions.unknown_number"


def test_chat_says_how_many_more_and_pages_on(any_app: App) -> None:
    register(any_app)
    refs = submit(any_app, 17)
    session = any_app.chat.session(KERN, "console")
    text = any_app.chat.handle(session, "open")
    assert refs[14] in text and refs[15] not in text
    assert f"… en nog 2 meer: typ 'open na {refs[14]}'" in text
    more = any_app.chat.handle(session, f"open na {refs[14]}")
    assert refs[15] in more and refs[16] in more and "meer" not in more
    mine = any_app.chat.handle(session, "mijn")
    assert f"typ 'mijn taken na {refs[14]}'" in mine
    tasks = any_app.chat.handle(session, f"mijn taken na {refs[14]}")
    assert refs[16] in tasks and refs[0] not in tasks
    assert "Gebruik: open" in any_app.chat.handle(session, "open verder")
    english = any_app.chat.session(KERN, "console", "en")
    assert f"… and 2 more: type 'open after {refs[14]}'" in any_app.chat.handle(english, "open")


def test_a_write_commits_while_a_long_read_is_still_open(any_app: App) -> None:
    """No timing: the write runs inside the read's transaction and must commit before it ends. With
    the read holding SQLite's write lock (BEGIN IMMEDIATE) the write could not get it at all."""
    register(any_app)
    [ref] = submit(any_app, 1)

    def long_read(uow: UnitOfWork) -> tuple[Status, Status, bool]:
        listed = uow.ideas.status_page(["ingediend"], 15)  # the read's transaction is open from here
        any_app.ideas.pick_up(KERN, "test", ref)  # a writer, while the read is still under way
        seen_elsewhere = any_app.ideas.status(KERN, ref).state  # committed: a new transaction sees it
        still_open = uow.session.connection().in_transaction()  # type: ignore[attr-defined]
        return listed.items[0].state, seen_elsewhere, still_open

    before, after, still_open = any_app.ideas.read(long_read)
    assert (before, after, still_open) == (Status.INGEDIEND, Status.ORIENTATIE, True)


def test_a_read_only_unit_of_work_cannot_write(any_app: App) -> None:
    def sneaky(uow: UnitOfWork) -> None:
        uow.next_number("sneaky")

    with pytest.raises(DBAPIError, match=r"(?i)read.?only"):  # refused by the database, not waited for
        any_app.ideas.read(sneaky)
    with any_app.engine.connect() as conn:
        assert conn.execute(select(tables.counters.c.name).where(tables.counters.c.name == "sneaky")).all() == []


def test_the_migration_fills_involvement_and_tallies_from_the_ideas_already_there_and_goes_back(
    any_app: App,
) -> None:
    from storage.migrate import current_revision, downgrade, head_revision, upgrade

    register(any_app)
    refs = submit(any_app, 3)
    any_app.ideas.pick_up(KERN, "test", refs[0])
    any_app.ideas.conclude_orientation(KERN, "test", refs[0], "ontwerpteam", [DIRK, ANNA])
    walk_to_decision(any_app, refs[1])
    made_by_the_code = stored_reads(any_app)
    downgrade(any_app.engine, "0008_web")
    with any_app.engine.connect() as conn:
        assert not any_app.engine.dialect.has_table(conn, "idea_people")
    upgrade(any_app.engine)
    assert current_revision(any_app.engine) == head_revision()
    assert stored_reads(any_app) == made_by_the_code == expected_reads(any_app)
