"""A store of N ideas for the scale benchmark: one block of 100 ideas through the service layer (every
stage of the route, several indieners, two kernteam members, ontwerpteams, advice, decisions,
progress, spend requests, the 2021 budget, the year's meetings), then copied in SQL, block after
block, with new ids and references, until the store holds N ideas. The tallies are counted afresh
after each growth (`storage.involvement.recount`).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from integrations.budget_import import read_budget_table
from storage.involvement import recount
from tests.cast import CAST, EMAIL, PARTS, at_meeting

BLOCK = 100
FIXTURE = Path(__file__).parents[1] / "fixtures" / "uitvoeringsprogramma_2021.csv"
ADMIN = "beheer@vaart.local"
KERN = (EMAIL["kernteam"], EMAIL["kernteam2"])
STAGES = (
    ["ingediend"] * 15 + ["orientatie"] * 10 + ["niet_verder"] * 10 + ["alliantie"] * 5 + ["ontwerpteam"] * 5
    + ["voorstel_in_uitwerking"] * 10 + ["gereed_voor_toetsing"] * 5 + ["getoetst"] * 5 + ["geagendeerd"] * 5
    + ["akkoord"] * 5 + ["afgewezen"] * 5 + ["terug_naar_ontwerpteam"] * 5 + ["in_uitvoering"] * 5
    + ["afgerond"] * 10
)
ORDER = ["ingediend", "orientatie", "ontwerpteam", "voorstel_in_uitwerking", "gereed_voor_toetsing", "getoetst",
         "geagendeerd", "besluit", "in_uitvoering", "afgerond"]
MEETING = date(2026, 12, 11)


def submitter(n: int) -> str:
    return f"indiener{n % 20:02d}@partner{n % 7}.nl"


def _walk(app: App, ref: str, n: int, target: str) -> None:
    """Take idea *ref* to *target* the way people would, one service call per step."""
    s, kern, designer = app.ideas, KERN[n % 2], f"ontwerper{n % 9}@partner{n % 5}.nl"
    if target == "ingediend":
        return
    s.pick_up(kern, "bench", ref)
    if target == "orientatie":
        return
    if target in ("niet_verder", "alliantie"):
        s.conclude_orientation(kern, "bench", ref, target, (), "Zo verder")  # an alliantie stays (§4.1)
        return
    s.conclude_orientation(kern, "bench", ref, "ontwerpteam", [designer, "d.ontwerp@treant.nl"])
    if target == "ontwerpteam":
        return
    s.start_proposal(designer, "bench", ref, "project")
    s.link_din(designer, "bench", ref, "programmalijn", "Zorg en Welzijn")
    s.link_din(designer, "bench", ref, "subdoel", "1")  # the DIN complete before toetsing (Bijlage 1)
    s.link_din(designer, "bench", ref, "principe", "1")
    for part, text in PARTS.items():
        s.set_part(designer, "bench", ref, part, f"{text} ({n})")
    if target == "voorstel_in_uitwerking":
        return
    s.submit_for_review(EMAIL["director"], "bench", ref)
    if target == "gereed_voor_toetsing":
        return
    criteria = {k: ("voldoet", "goed onderbouwd") for k in app.programme.criteria}
    principles = {p: ("voldoet", "past") for p in app.programme.principles}
    s.record_advice(EMAIL["chair"], "bench", ref, True, criteria, principles, "Betrek de huisartsen")
    if target == "getoetst":
        return
    s.schedule(EMAIL["director"], "bench", ref, MEETING, admit=True)
    if target == "geagendeerd":
        return
    outcome = {"afgewezen": "afgewezen", "terug_naar_ontwerpteam": "terug"}.get(target, "akkoord")
    amount = Decimal("45000.00") if outcome == "akkoord" else None
    clock, before = app.clock, app.clock.now()
    assert isinstance(clock, ManualClock)
    clock.set(at_meeting(before))  # the stuurgroep decides in its meeting (§3.1); then back to the block's day
    s.decide(EMAIL["staf"], "bench", ref, outcome, [EMAIL["sg1"], EMAIL["sg2"]], "Breed gedragen", amount=amount)
    clock.set(before)
    if target in ("akkoord", "afgewezen", "terug_naar_ontwerpteam"):
        return
    s.start_execution(kern, "bench", ref)
    s.report_progress(kern, "bench", ref, "Eerste ritten gereden")
    if target == "afgerond":
        s.complete(kern, "bench", ref, "Geslaagd; gemeenten nemen het over")


def build_block(app: App) -> None:
    """The first block, through the services: everything a user would have done."""
    for email, name, roles in CAST.values():
        app.people.add(ADMIN, "bench", email, name, roles)
    result = read_budget_table(FIXTURE)
    app.budget.import_projects(ADMIN, "bench", result, accept_differences=True)
    app.meetings.generate(EMAIL["staf"], "bench", 2026, invite=False)
    app.meetings.generate(EMAIL["staf"], "bench", 2027, invite=False)
    refs = []
    for n, target in enumerate(STAGES):
        refs.append(app.ideas.submit(submitter(n), "bench", f"Idee {n}: buurtvervoer", "Omschrijving " * 20,
                                     opgaven=["5"]).params["reference"])
        _walk(app, refs[-1], n, target)
    b = app.budget
    for n in range(10):
        kern = KERN[n % 2]
        amount = Decimal("60000.00") if n >= 8 else Decimal(2000 + 100 * n)
        reply = b.request(kern, "bench", amount, f"Onderzoek {n} naar vervoer", "onderzoek", refs[15 + n])
        if n < 3:
            b.approve(EMAIL["director"], "bench", reply.params["reference"])
        elif n < 5:
            b.reject(EMAIL["director"], "bench", reply.params["reference"], "Past niet in het plan")


COPIES = {
    # table: (columns with placeholders for the offsets; the block's rows; the id column)
    "ideas": "id + :o, printf('ZOD-2026-%04d', id + :o), title, description, submitter, submitted_at, origin, "
             "organisation, support_asked, status, kernteam_contact, designers, outcome_reason, proposal_type, "
             "parts, din, recusals, meeting_date, evaluation, penvoerder, updated_at, version",
    "advices": "id + :oa, idea_id + :o, positive, criteria, principles, development_advice, recorded_by, recorded_at",
    "decisions": "id + :od, idea_id + :o, printf('ZOD-B-2026-%05d', id + :od), subject, outcome, decided_on, "
                 "present, recused, objections, conditions, considerations, amount, recorded_by, recorded_at",
    "progress_reports": "id + :op, idea_id + :o, text, reported_by, reported_at",
    "idea_people": "email, relation, idea_id + :o",
    "spend_requests": "id + :orq, printf('ZOD-U-2026-%05d', id + :orq), amount, kind, purpose, purpose_key, "
                      "CASE WHEN idea_ref IS NULL THEN NULL ELSE printf('ZOD-2026-%04d', "
                      "CAST(substr(idea_ref, 10) AS INTEGER) + :o) END, requester, line_key, requested_at, status, "
                      "decided_by, decided_at, decided_via, reason, decision_number",
    "projects": "id + :opj, printf('ZOD-2026-%04d', CAST(substr(reference, 10) AS INTEGER) + :o), name, "
                "project_group, penvoerder, line_key, parent, cofinanciering, remarks, progress, source, recorded_at",
    "project_tranches": "id + :ot, project_id + :opj, position, tranche, amount",
    "ledger": "id + :ol, line_key, kind, amount, at, CASE WHEN reference LIKE 'ZOD-U-%' THEN "
              "printf('ZOD-U-2026-%05d', CAST(substr(reference, 12) AS INTEGER) + :orq) WHEN reference LIKE "
              "'ZOD-2026-%' THEN printf('ZOD-2026-%04d', CAST(substr(reference, 10) AS INTEGER) + :o) "
              "ELSE reference END, tranche, note, recorded_by",
    "outbox": "id + :oo, key || ':' || :j, channel, recipient, subject, body, payload, created_at, 'sent', 1, "
              "next_attempt_at, created_at",
}
OUTBOX_COLUMNS = ("id, key, channel, recipient, subject, body, payload, created_at, status, attempts, next_attempt_at, "
                  "sent_at")
OFFSETS = {"ideas": "o", "advices": "oa", "decisions": "od", "progress_reports": "op", "idea_people": "o",
           "spend_requests": "orq", "projects": "opj", "project_tranches": "ot", "ledger": "ol", "outbox": "oo"}
OUTBOX_EVERY = 10  # the sent messages of one block in ten: an outbox of ~170,000 rows at 100,000 ideas
ALLOCATED = "reference LIKE 'ZOD-2026-%'"  # the projects the block's decisions made (not the 2021 import)


def block_tops(database: Path) -> dict[str, int]:
    """The last id of each table right after the block: its rows are the ones every copy repeats."""
    conn = sqlite3.connect(database)
    try:
        return {t: conn.execute(f"SELECT coalesce(max({'idea_id' if t == 'idea_people' else 'id'}), 0) "
                                f"FROM {t}").fetchone()[0] for t in OFFSETS}
    finally:
        conn.close()


def _block_rows(table: str) -> str:
    if table in ("advices", "decisions", "progress_reports", "idea_people"):
        return "idea_id <= :B"
    if table == "projects":
        return f"id <= :top AND {ALLOCATED}"
    if table == "project_tranches":
        return f"project_id IN (SELECT id FROM projects WHERE id <= :ptop AND {ALLOCATED})"
    return "id <= :top"


def grow(database: Path, tops: dict[str, int], ideas: int) -> None:
    """Copy the block with new ids and references until the store holds *ideas* ideas (one transaction)."""
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("PRAGMA cache_size=-400000")  # the indexes stay in memory while they grow
        conn.execute("PRAGMA synchronous=OFF")
        have = conn.execute("SELECT count(*) FROM ideas").fetchone()[0]
        conn.execute("BEGIN IMMEDIATE")
        for j in range(have // BLOCK, ideas // BLOCK):
            params = {"j": j, "B": BLOCK, "ptop": tops["projects"],
                      **{name: j * tops[table] for table, name in OFFSETS.items()}}
            for table, columns in COPIES.items():
                if table == "outbox" and j % OUTBOX_EVERY:
                    continue
                into = f"{table} ({OUTBOX_COLUMNS})" if table == "outbox" else table
                conn.execute(f"INSERT INTO {into} SELECT {columns} FROM {table} "
                             f"WHERE {_block_rows(table)}", {**params, "top": tops[table]})
        conn.execute("COMMIT")
    finally:
        conn.close()


def finish(app: App) -> None:
    """After a growth: tallies counted afresh, statistics for the planner."""
    with app.engine.begin() as conn:
        recount(conn)
    with app.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
