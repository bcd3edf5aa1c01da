"""Requests under the AVG and the retention term, on SQLite and PostgreSQL: the audit log holds only
pseudonyms, an export finds everything about a person, an erasure leaves nothing that names them
while decisions and the audit chain stay, the retention purge removes only what is past its term,
and the migration pseudonymises an existing audit log without breaking its chain.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import JSON, Engine, String, Text, cast, func, inspect, select, text

from bot.bootstrap.app import App
from bot.bootstrap.clock import ManualClock
from bot.cli.main import main as vaart
from bot.domain.audit import GENESIS, AuditRecord, chain_hash
from bot.domain.errors import Refused
from storage import tables
from storage.audit import verify
from storage.engine import make_engine
from storage.migrate import upgrade
from storage.personal_data import erase_person, export_person, purge
from storage.pseudonyms import EMAIL as EMAIL_PATTERN
from storage.pseudonyms import pseudonym_of
from storage.tables_execution import digest_entries, notice_counts
from storage.tables_teams import teams_form_drafts
from tests.cast import ANNA, CAST, DIRK, EMAIL
from tests.integration.test_store import register, walk_to_decision

ADMIN = "beheer@vaart.local"
SG1 = EMAIL["sg1"]  # a stuurgroep member: present at the decision, registered, with a name


def _everything(app: App, ref: str) -> None:
    """People, an idea through to a stuurgroep decision, and a spend request approved (a ledger booking)."""
    register(app)
    walk_to_decision(app, ref)
    request = app.budget.request(EMAIL["kernteam"], "test", Decimal("12500.00"), f"Onderzoek voor {DIRK}",
                                 kind="onderzoek")
    app.budget.approve(EMAIL["director"], "test", request.params["reference"])
    app.outbox.drain()


def _submit(app: App) -> str:
    return str(app.ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen", opgaven=["5"]).params["reference"])


def _mentions(engine: Engine, needle: str) -> dict[str, int]:
    """Rows per table that hold *needle* in any text or JSON column (the audit log included)."""
    found: dict[str, int] = {}
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for table in tables.metadata.sorted_tables:
            if table.name not in present:
                continue
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            if not columns:
                continue
            condition = func.lower(cast(columns[0], Text)).contains(needle.lower())
            for column in columns[1:]:
                condition = condition | func.lower(cast(column, Text)).contains(needle.lower())
            count = conn.execute(select(func.count()).select_from(table).where(condition)).scalar_one()
            if count:
                found[table.name] = int(count)
    return found


def test_the_audit_log_holds_pseudonyms_and_no_address(any_app: App) -> None:
    ref = _submit(any_app)
    _everything(any_app, ref)
    with any_app.engine.connect() as conn:
        rows = conn.execute(select(tables.audit_log)).mappings().all()
        anna = pseudonym_of(conn, ANNA)
    assert len(rows) > 20
    for row in rows:
        for column in ("actor", "object", "result", "details"):
            assert not EMAIL_PATTERN.search(row[column]), (row["seq"], column, row[column])
    assert anna is not None and any(r["actor"] == anna and r["action"] == "submitted" for r in rows)
    assert verify(any_app.engine)[0] == []


def test_export_finds_the_person_everywhere_with_their_audit_entries(any_app: App) -> None:
    ref = _submit(any_app)
    _everything(any_app, ref)
    data = export_person(any_app.engine, ANNA.upper())
    assert data["email"] == ANNA
    assert [row["reference"] for row in data["tables"]["ideas"]] == [ref]
    assert {row["recipient"] for row in data["tables"]["outbox"]} == {ANNA}
    assert any(e["action"] == "submitted" and e["actor"] == ANNA for e in data["audit_log"])
    others = {e["actor"] for e in data["audit_log"]} - {ANNA}
    assert all(actor.startswith("pid-") or "@" not in actor for actor in others)  # other people stay pseudonyms
    json.dumps(data)  # serialisable as it is
    with pytest.raises(Refused) as refused:
        export_person(any_app.engine, "niemand@nergens.nl")
    assert refused.value.code == "privacy.unknown_person"


@pytest.mark.parametrize("who", [SG1, DIRK, EMAIL["staf"]])
def test_erasure_leaves_no_trace_of_the_person_but_keeps_decisions_and_the_chain(any_app: App, who: str) -> None:
    ref = _submit(any_app)
    _everything(any_app, ref)
    name = next((n for e, n, _ in CAST.values() if e == who), None)
    before_decisions = len(any_app.ideas.decisions().items)
    with any_app.engine.connect() as conn:
        pseudonym = pseudonym_of(conn, who)
        audit_rows = conn.execute(select(func.count()).select_from(tables.audit_log)).scalar_one()
    assert pseudonym is not None and _mentions(any_app.engine, who)

    done = erase_person(any_app.engine, who, ADMIN, "test", any_app.clock.now())

    assert done.pseudonym == pseudonym
    assert _mentions(any_app.engine, who) == {}  # the address is nowhere, not even in the mapping
    if name:
        assert _mentions(any_app.engine, name) == {}
    problems, count = verify(any_app.engine)
    assert problems == [] and count == audit_rows + 1  # untouched, plus the erasure on record
    with any_app.engine.connect() as conn:
        assert pseudonym_of(conn, who) is None
        last = conn.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq.desc())).mappings().first()
        present = conn.execute(select(tables.decisions.c.present)).scalar_one()
        ledger = conn.execute(select(tables.metadata.tables["ledger"].c.recorded_by)).scalars().all()
    assert last is not None and (last["action"], last["object"]) == ("person_erased", pseudonym)
    assert len(any_app.ideas.decisions().items) == before_decisions  # decisions are kept
    if who == SG1:
        assert pseudonym in present and EMAIL["sg2"] in present
    if who == EMAIL["staf"]:
        assert ledger  # the booking stays, by whom is a pseudonym now (the ledger is append-only otherwise)
    with any_app.engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE ledger SET note = 'x'"))
    assert any_app.ideas.status(ANNA, ref).reference == ref  # the rest still works
    with pytest.raises(Refused):
        erase_person(any_app.engine, who, ADMIN, "test", any_app.clock.now())


def test_erase_and_export_through_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VAART_NOW", "2026-11-23T09:30:00")
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("idee Zorgbus | Een bus voor ouderen\n"))
    assert vaart(["chat", "--as", ANNA]) == 0
    assert vaart(["worker", "--once"]) == 0
    assert list((tmp_path / "var" / "outbox").glob("*.eml"))
    capsys.readouterr()
    out = tmp_path / "anna.json"
    assert vaart(["export-person", ANNA, "--out", str(out)]) == 0
    exported = json.loads(out.read_text())
    assert exported["tables"]["ideas"][0]["submitter"] == ANNA
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert vaart(["audit-log", "--json"]) == 0
    log = json.loads(capsys.readouterr().out)
    assert any(e["actor"] == ANNA and e["action"] == "submitted" for e in log)  # resolved for the reader
    assert vaart(["erase-person", ANNA, "--dry-run"]) == 0
    assert "ideas 1" in capsys.readouterr().out
    assert vaart(["erase-person", ANNA]) == 0
    said = capsys.readouterr().out
    assert "gewist" in said and "pid-" in said
    assert not [p for p in (tmp_path / "var" / "outbox").glob("*.eml") if ANNA.encode() in p.read_bytes()]
    assert vaart(["audit", "verify"]) == 0
    capsys.readouterr()
    assert vaart(["audit-log", "--json"]) == 0
    log = json.loads(capsys.readouterr().out)
    submitted = next(e for e in log if e["action"] == "submitted")
    assert submitted["actor"].startswith("pid-") and ANNA not in json.dumps(log)
    assert vaart(["export-person", ANNA]) == 1
    assert "geen gegevens" in capsys.readouterr().err


def test_retention_purges_only_what_is_past_its_term(any_app: App) -> None:
    assert isinstance(any_app.clock, ManualClock)
    _submit(any_app)  # a notice to Anna
    any_app.ideas.submit("bob@voorbeeld.nl", "slack", "Fietspad", "Een pad", request_key="slack:Ev1")
    any_app.outbox.drain()  # sent now
    sent = _count(any_app.engine, "outbox", "status = 'sent'")
    assert sent >= 2
    any_app.clock.advance(timedelta(days=200))
    later = any_app.ideas.submit("carla@voorbeeld.nl", "test", "Later", "Later idee").params["reference"]
    assert later
    any_app.clock.advance(timedelta(days=200))  # the first messages are 400 days old, the later 200

    dry = purge(any_app.engine, any_app.clock.now(), 365, dry_run=True)
    assert (dry.outbox, dry.requests) == (sent, 1)
    assert _count(any_app.engine, "outbox", "status = 'sent'") == sent  # a dry run deletes nothing
    done = purge(any_app.engine, any_app.clock.now(), 365)
    assert (done.outbox, done.requests) == (sent, 1)
    assert _count(any_app.engine, "outbox", "status = 'sent'") == 0
    assert _count(any_app.engine, "outbox", "status = 'pending'") >= 1  # the later idea's notices stay
    assert _count(any_app.engine, "processed_requests", "1 = 1") == 0
    assert _count(any_app.engine, "ideas", "1 = 1") == 3  # records are kept
    assert purge(any_app.engine, any_app.clock.now(), 365).total == 0
    with any_app.engine.connect() as conn:
        actions = [r[0] for r in conn.execute(text("SELECT action FROM audit_log ORDER BY seq"))]
    assert actions.count("retention_purged") == 1  # on record once: a purge of nothing is not recorded
    assert verify(any_app.engine)[0] == []


def test_an_unfinished_teams_form_step_is_purged_after_the_term_a_recent_one_stays(any_app: App) -> None:
    """The steps of a Teams form hold what the person typed; never finished, they go at the retention term."""
    assert isinstance(any_app.clock, ManualClock)
    now = any_app.clock.now()
    with any_app.engine.begin() as conn:
        for n, age in enumerate((400, 10)):
            conn.execute(teams_form_drafts.insert().values(
                email=ANNA, form="advice", reference=f"ZOD-2026-000{n + 1}", step_values={"c:1": "Een notitie"},
                updated_at=now - timedelta(days=age)))
    assert purge(any_app.engine, now, 365, dry_run=True).drafts == 1
    done = purge(any_app.engine, now, 365)
    assert done.drafts == 1 and done.total == 1
    assert _count(any_app.engine, "teams_form_drafts", "1 = 1") == 1
    assert verify(any_app.engine)[0] == []


def test_digest_entries_and_notice_counts_are_purged_after_the_term_recent_ones_stay(any_app: App) -> None:
    """A digest entry holds a notice's text for one person; sent or never sent, it goes at the term."""
    assert isinstance(any_app.clock, ManualClock)
    now = any_app.clock.now()
    with any_app.engine.begin() as conn:
        for n, (age, sent) in enumerate(((400, True), (400, False), (10, True), (10, False))):
            at = now - timedelta(days=age)
            conn.execute(digest_entries.insert().values(
                key=f"digest:{n}", recipient=ANNA, day=at.date(), subject="Uw idee", body="Een bericht",
                created_at=at, sent_at=at if sent else None))
        for age in (400, 10):
            conn.execute(notice_counts.insert().values(recipient=ANNA, day=(now - timedelta(days=age)).date(),
                                                       count=7))
    assert purge(any_app.engine, now, 365, dry_run=True).digests == 3
    done = purge(any_app.engine, now, 365)
    assert done.digests == 3 and done.total == 3
    assert _count(any_app.engine, "digest_entries", "1 = 1") == 2
    assert _count(any_app.engine, "notice_counts", "1 = 1") == 1
    with any_app.engine.connect() as conn:
        details = conn.execute(text("SELECT details FROM audit_log WHERE action = 'retention_purged'")).scalar_one()
    assert "digests" in str(details)
    assert verify(any_app.engine)[0] == []


def _count(engine: Engine, table: str, where: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar_one())


def _old_audit(engine: Engine, entries: list[tuple[str, str, str, dict[str, object]]]) -> str:
    """Append audit rows the way vaart did before pseudonyms (addresses in the rows); returns the head."""
    prev, seq = GENESIS, 0
    with engine.begin() as conn:
        for actor, action, obj, details in entries:
            seq += 1
            record = AuditRecord(f"2026-11-0{seq}T09:00:00.000000+00:00", actor, action, obj, "ok", "cli", details)
            body = record.canonical_details()
            digest = chain_hash(seq, prev, record.at, actor, action, obj, "ok", "cli", body)
            conn.execute(tables.audit_log.insert().values(seq=seq, at=record.at, actor=actor, action=action,
                                                          object=obj, result="ok", origin="cli", details=body,
                                                          prev_hash=prev, hash=digest))
            prev = digest
        conn.execute(tables.audit_head.update().values(seq=seq, hash=prev))
    return prev


OLD_ENTRIES: list[tuple[str, str, str, dict[str, object]]] = [
    (ADMIN, "person_added", EMAIL["kernteam"], {"roles": ["kernteam"]}),
    (ANNA, "submitted", "ZOD-2026-0001", {"title": "Zorgbus", "status": "ingediend"}),
    (EMAIL["kernteam"], "picked_up", "ZOD-2026-0001", {"kernteam": EMAIL["kernteam"], "by": EMAIL["kernteam"]}),
    ("Anna@Zorgcooperatie-Drenthe.nl", "refused", "ZOD-2026-0001", {"designers": [DIRK, ANNA]}),
]


def test_the_migration_pseudonymises_an_existing_audit_log_and_seals_it_again(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0005")
    old_head = _old_audit(engine, OLD_ENTRIES)
    assert verify(engine)[0] == []
    upgrade(engine)
    problems, count = verify(engine)
    assert problems == [] and count == len(OLD_ENTRIES) + 1
    with engine.connect() as conn:
        rows = conn.execute(select(tables.audit_log).order_by(tables.audit_log.c.seq)).mappings().all()
        anna, kern = pseudonym_of(conn, ANNA), pseudonym_of(conn, EMAIL["kernteam"])
    assert anna and kern and anna != kern
    assert [r["actor"] for r in rows[:4]] == [_pseudonym(engine, ADMIN), anna, kern, anna]  # any case: one person
    assert json.loads(rows[2]["details"]) == {"by": kern, "kernteam": kern}
    assert json.loads(rows[3]["details"]) == {"designers": [_pseudonym(engine, DIRK), anna]}
    assert not any(EMAIL_PATTERN.search(r[c]) for r in rows for c in ("actor", "object", "details"))
    last = rows[-1]
    assert (last["action"], json.loads(last["details"])) == ("audit_pseudonymised", {"previous_head": old_head,
                                                                                      "rows": len(OLD_ENTRIES)})
    with engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE audit_log SET actor = 'x' WHERE seq = 1"))  # the guard is back
    engine.dispose()


def _pseudonym(engine: Engine, email: str) -> str | None:
    with engine.connect() as conn:
        return pseudonym_of(conn, email)


def test_the_migration_refuses_to_seal_a_broken_chain(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0005")
    _old_audit(engine, OLD_ENTRIES)
    with engine.begin() as conn:  # tampering, as a database administrator could
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
            conn.execute(text("UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 2"))
            conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
        else:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(text("UPDATE audit_log SET actor = 'mallory@x.nl' WHERE seq = 2"))
    with pytest.raises(RuntimeError, match="chain is broken at 2"):
        upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT actor FROM audit_log WHERE seq = 2")).scalar_one() == "mallory@x.nl"
    engine.dispose()


def test_the_aware_clock_is_used_for_pseudonyms(any_app: App) -> None:
    _submit(any_app)
    with any_app.engine.connect() as conn:
        made = conn.execute(select(tables.metadata.tables["person_pseudonyms"].c.created_at)).scalars().all()
    assert made and all(m == any_app.clock.now().astimezone(UTC) for m in made)


def test_chat_identities_and_teams_conversations_go_with_the_person(any_app: App) -> None:
    from storage.tables_chat import identities
    from storage.tables_teams import teams_conversations

    _submit(any_app)
    now = any_app.clock.now()
    with any_app.engine.begin() as conn:
        conn.execute(identities.insert().values(platform="teams", external_user_id="aad-anna", email=ANNA,
                                                display_name="Anna Zorg", updated_at=now))
        for conversation, kind, who in (("a:personal-anna", "personal", "aad-anna"), ("19:kernteam", "channel", None)):
            conn.execute(teams_conversations.insert().values(
                conversation_id=conversation, conversation_type=kind, aad_object_id=who, tenant_id="t",
                service_url="https://127.0.0.1/teams/", reference={"user": who}, updated_at=now))
    exported = export_person(any_app.engine, ANNA)
    assert [r["conversation_id"] for r in exported["tables"]["teams_conversations"]] == ["a:personal-anna"]
    assert exported["tables"]["identities"][0]["display_name"] == "Anna Zorg"
    done = erase_person(any_app.engine, ANNA, ADMIN, "test", now)
    assert done.deleted["teams_conversations"] == 1 and done.deleted["identities"] == 1
    with any_app.engine.connect() as conn:
        left = conn.execute(select(teams_conversations.c.conversation_id)).scalars().all()
    assert left == ["19:kernteam"]  # the kernteam's channel is nobody's personal data
    assert _mentions(any_app.engine, ANNA) == {} and _mentions(any_app.engine, "Anna Zorg") == {}


def _decoded_mentions(directory: Path, address: str) -> list[str]:
    """The .eml files whose decoded parts (base64, quoted-printable, folded iCalendar lines) name *address*."""
    from email import message_from_bytes
    from email import policy as mail_policy

    found = []
    for path in directory.glob("*.eml"):
        for part in message_from_bytes(path.read_bytes(), policy=mail_policy.SMTP).walk():
            content = None if part.is_multipart() else part.get_payload(decode=True)
            if isinstance(content, bytes) and address.encode() in content.replace(b"\r\n ", b"").lower():
                found.append(path.name)
    return found


def test_erasure_removes_the_invitations_to_others_that_name_the_person_as_attendee(app: App) -> None:
    from datetime import datetime

    from bot.domain.timezone import AMSTERDAM
    from tests.integration.test_meetings import ADMIN as MEETINGS_ADMIN
    from tests.integration.test_meetings import register as register_cast

    register_cast(app)
    app.people.add(ADMIN, "test", "e.emmen@emmen.nl", "Ëlse Ëmmen", ["stuurgroep"])  # the calendar part: base64
    clock = app.clock
    assert isinstance(clock, ManualClock)
    clock.set(datetime(2024, 1, 15, 10, 0, tzinfo=AMSTERDAM))
    app.meetings.generate(MEETINGS_ADMIN, "cli", 2024)
    app.outbox.drain()
    outbox = app.settings.outbox_dir
    to_others = [n for n in _decoded_mentions(outbox, SG1) if not n.endswith(f"{SG1.replace('@', '_')}.eml")]
    assert to_others  # the invitations to the other stuurgroep members list SG1 as ATTENDEE
    done = erase_person(app.engine, SG1, ADMIN, "test", clock.now(), outbox_dir=outbox)
    assert done.files >= len(to_others)
    assert _decoded_mentions(outbox, SG1) == []


def test_an_empty_people_register_and_an_audit_log_without_the_object_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VAART_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("VAART_DATABASE_URL", raising=False)
    assert vaart(["migrate"]) == 0
    capsys.readouterr()
    assert vaart(["people", "list"]) == 0
    assert capsys.readouterr().out == ("Het personenbestand is nog leeg; voeg iemand toe met "
                                       "'vaart people add --name NAAM --email ADRES --role ROL'.\n")
    assert vaart(["audit-log", "--object", "ZOD-2026-0001"]) == 0
    assert capsys.readouterr().out == "Het auditlog heeft geen regels over ZOD-2026-0001; controleer de referentie.\n"
    assert vaart(["people", "list", "--json"]) == 0 and capsys.readouterr().out == "[]\n"  # JSON stays JSON
