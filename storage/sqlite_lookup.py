"""`vaart status` on an SQLite store with the standard library's `sqlite3` alone (#17: "`vaart status
REF` as a whole process under 400 ms"). Importing SQLAlchemy costs a lookup from a shell some 300 ms
before it reads a row; this read-only unit of work answers the reads `status` makes (an idea with its
advices, decisions and progress, a person, the idea's escalations, written rounds and member bodies'
advice and decisions) with the same SQL the repositories run, and decodes the columns the way the
SQLAlchemy types do (`storage.columns`, the SQLite dialect's DATETIME and DATE, JSON, Boolean), so
the objects and so the output are the same. Anything else a unit of work offers is not here: the
composition root hands it only to `status`, on a store at HEAD (`bot.bootstrap.store.open_lookup`);
PostgreSQL and a store that needs migrating keep the SQLAlchemy path.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from bot.domain.assessment import Advice, Decision, ProgressReport
from bot.domain.cycle import Escalation, EscalationStatus
from bot.domain.ideas import Idea
from bot.domain.member_bodies import BodyDecision, PreparatoryAdvice
from bot.domain.people import Person
from bot.domain.rounds import Choice, RoundStatus, Vote, WrittenRound

if TYPE_CHECKING:
    from bot.services.ports.unit_of_work import PersonRepository

CENT = Decimal("0.01")
IDEA_COLUMNS = (
    "id, reference, title, description, submitter, submitted_at, origin, organisation, support_asked, status, "
    "kernteam_contact, designers, outcome_reason, proposal_type, parts, din, recusals, meeting_date, evaluation, "
    "penvoerder, updated_at, version"
)


class ReadOnlyLookup(RuntimeError):
    """The lookup's unit of work was asked to write: a bug in the caller, never a user's error."""


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (what the embedded default makes); None for anything
    else (PostgreSQL, in-memory, a URL with options), which takes the SQLAlchemy path."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or len(url) == len(prefix):
        return None
    return Path(url[len(prefix):])


# -- the column types, as storage.columns and SQLAlchemy's SQLite dialect read them -------------------
def _aware(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _at(value: str) -> datetime:
    parsed = _aware(value)
    assert parsed is not None  # a NOT NULL column
    return parsed


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(CENT)


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


class SqliteLookup:
    """One connection for the lookup's few reads; each unit of work is one deferred, query-only
    transaction on it (a snapshot: it takes no lock and waits for no writer)."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA query_only=ON")
        self.connection.execute("PRAGMA busy_timeout=30000")

    def revision(self) -> str | None:
        """The store's Alembic revision; None for a store never migrated (no `alembic_version`)."""
        try:
            row = self.connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
        return str(row[0]) if row else None

    def unit_of_work(self) -> LookupUnitOfWork:
        return LookupUnitOfWork(self.connection)

    def close(self) -> None:
        self.connection.close()


class LookupUnitOfWork:
    """The reads of `vaart status`, under the names the services reach them by (`uow.ideas.get`,
    `uow.people`, `cycle_uow(uow).cycle`, `round_uow(uow).rounds`, `member_body_uow(uow).member_bodies`)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.ideas = _Ideas(connection)
        self.people = _People(connection)
        self.cycle = _Escalations(connection)
        self.rounds = _Rounds(connection)
        self.member_bodies = _MemberBodies(connection)

    def __enter__(self) -> LookupUnitOfWork:
        self.connection.execute("BEGIN")
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.connection.execute("ROLLBACK")

    def commit(self) -> None:
        raise ReadOnlyLookup("the status lookup does not write")

    def rollback(self) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.execute("BEGIN")


class _Ideas:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def get(self, reference: str) -> Idea | None:
        row = self.connection.execute(f"SELECT {IDEA_COLUMNS} FROM ideas WHERE reference = ?",
                                      (reference.upper(),)).fetchone()
        if row is None:
            return None
        idea_id = int(row["id"])
        idea = Idea(
            row["reference"], row["title"], row["description"], row["submitter"], _at(row["submitted_at"]),
            row["origin"], row["organisation"], row["support_asked"], row["status"], row["kernteam_contact"],
            _json(row["designers"]), row["outcome_reason"], row["proposal_type"], _json(row["parts"]),
            _json(row["din"]), _json(row["recusals"]), _day(row["meeting_date"]), row["evaluation"],
            row["penvoerder"], _aware(row["updated_at"]), self._advices(idea_id), self._decisions(idea_id),
            self._progress(idea_id),
        )
        idea.id = idea_id  # type: ignore[attr-defined]  # the mapped columns an ORM-loaded idea carries
        idea.version = row["version"]  # type: ignore[attr-defined]
        return idea

    def _advices(self, idea_id: int) -> list[Advice]:
        rows = self.connection.execute(
            "SELECT id, positive, criteria, principles, development_advice, recorded_by, recorded_at "
            "FROM advices WHERE idea_id = ? ORDER BY id", (idea_id,))
        return [Advice(bool(r["positive"]), _json(r["criteria"]), _json(r["principles"]), r["development_advice"],
                       r["recorded_by"], _at(r["recorded_at"]), r["id"]) for r in rows]

    def _decisions(self, idea_id: int) -> list[Decision]:
        rows = self.connection.execute(
            "SELECT id, number, subject, outcome, decided_on, present, recused, objections, conditions, "
            "considerations, amount, recorded_by, recorded_at FROM decisions WHERE idea_id = ? ORDER BY id",
            (idea_id,))
        return [Decision(r["number"], r["outcome"], date.fromisoformat(r["decided_on"]), _json(r["present"]),
                         _json(r["recused"]), _json(r["objections"]), _json(r["conditions"]), r["considerations"],
                         _money(r["amount"]), r["recorded_by"], _at(r["recorded_at"]), r["subject"], r["id"])
                for r in rows]

    def _progress(self, idea_id: int) -> list[ProgressReport]:
        rows = self.connection.execute(
            "SELECT id, text, reported_by, reported_at FROM progress_reports WHERE idea_id = ? ORDER BY id",
            (idea_id,))
        return [ProgressReport(r["text"], r["reported_by"], _at(r["reported_at"]), r["id"]) for r in rows]


class _People:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def get(self, email: str) -> Person | None:
        row = self.connection.execute("SELECT email, name, organisation, roles, language FROM people WHERE email = ?",
                                      (email.strip().lower(),)).fetchone()
        return None if row is None else _person(row)

    def add(self, person: Person) -> None:
        raise ReadOnlyLookup("the status lookup does not register people")

    def everyone(self) -> list[Person]:
        rows = self.connection.execute("SELECT email, name, organisation, roles, language FROM people ORDER BY name")
        return [_person(r) for r in rows]

    def with_role(self, role: str) -> list[Person]:
        return [p for p in self.everyone() if role in p.roles]

    def find(self, email: str) -> Person | None:
        """A query's actor: `get` already returns a copy no session tracks."""
        return self.get(email)

    def known(self, email: str) -> bool:
        return self.connection.execute("SELECT 1 FROM people WHERE email = ?",
                                       (email.strip().lower(),)).fetchone() is not None

    def language_choice(self, email: str) -> str | None:
        row = self.connection.execute("SELECT language FROM language_choices WHERE email = ?",
                                      (email.strip().lower(),)).fetchone()
        return None if row is None else str(row["language"])

    def choose_language(self, email: str, language: str, at: datetime) -> None:
        raise ReadOnlyLookup("the status lookup does not remember languages")


def _person(row: sqlite3.Row) -> Person:
    return Person(row["email"], row["name"], row["organisation"], _json(row["roles"]), row["language"])


class _Escalations:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def escalations_of(self, subject_ref: str, limit: int) -> list[Escalation]:
        rows = self.connection.execute(
            "SELECT reference, subject_ref, reason, raised_by, raised_at, status, outcome, outcome_by, outcome_at "
            "FROM escalations WHERE subject_ref = ? ORDER BY id DESC LIMIT ?", (subject_ref, limit))
        return [Escalation(r["reference"], r["subject_ref"], r["reason"], r["raised_by"], _at(r["raised_at"]),
                           EscalationStatus(r["status"]), r["outcome"], r["outcome_by"], _aware(r["outcome_at"]))
                for r in rows]


class _Rounds:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def of_subject(self, subject_ref: str, limit: int) -> list[WrittenRound]:
        rows = self.connection.execute(
            "SELECT id, reference, subject_kind, subject_ref, title, amount, deadline, members, note, started_by, "
            "started_at, status, reminders_sent, closed_at, decision_number FROM written_rounds "
            "WHERE subject_ref = ? ORDER BY id DESC LIMIT ?", (subject_ref.strip().upper()[:40], limit)).fetchall()
        votes: dict[int, list[Vote]] = {int(r["id"]): [] for r in rows}
        if votes:
            marks = ", ".join("?" * len(votes))
            for v in self.connection.execute(
                    f"SELECT round_id, email, choice, reason, voted_at FROM round_votes WHERE round_id IN ({marks}) "
                    "ORDER BY id", tuple(votes)):
                votes[int(v["round_id"])].append(Vote(v["email"], Choice(v["choice"]), v["reason"], _at(v["voted_at"])))
        return [WrittenRound(
            r["reference"], r["subject_kind"], r["subject_ref"], r["title"], _money(r["amount"]),
            date.fromisoformat(r["deadline"]), tuple(_json(r["members"])), r["started_by"], _at(r["started_at"]),
            r["note"], RoundStatus(r["status"]), tuple(votes[int(r["id"])]),
            tuple(int(d) for d in _json(r["reminders_sent"])), _aware(r["closed_at"]), r["decision_number"], r["id"],
        ) for r in rows]


class _MemberBodies:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def advice(self, reference: str) -> PreparatoryAdvice | None:
        r = self.connection.execute(
            "SELECT id, reference, gremium, positive, text, amount, recorded_by, recorded_at, deadline "
            "FROM preparatory_advices WHERE reference = ? ORDER BY id DESC LIMIT 1", (reference,)).fetchone()
        if r is None:
            return None
        return PreparatoryAdvice(r["reference"], r["gremium"], bool(r["positive"]), r["text"], _money(r["amount"]),
                                 r["recorded_by"], _at(r["recorded_at"]), date.fromisoformat(r["deadline"]), r["id"])

    def decisions(self, reference: str) -> list[BodyDecision]:
        rows = self.connection.execute(
            "SELECT id, reference, body, outcome, decided_on, conditions, recorded_by, recorded_at, late "
            "FROM body_decisions WHERE reference = ? ORDER BY id", (reference,))
        return [BodyDecision(r["reference"], r["body"], r["outcome"], date.fromisoformat(r["decided_on"]),
                             r["conditions"], r["recorded_by"], _at(r["recorded_at"]), bool(r["late"]), r["id"])
                for r in rows]


if TYPE_CHECKING:
    def _people_is_a_person_repository(connection: sqlite3.Connection) -> PersonRepository:
        """The composition root casts this unit of work: mypy checks here that the people's reads are all there."""
        return _People(connection)
