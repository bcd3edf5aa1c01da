"""A data subject's request over every programme of an installation (AVG): each programme has a
store of its own, and the same person may be kernteam in one and indiener in another (and the chat
router copies their Slack/Teams identity into every store), so an export or an erasure that covers
one store does not answer the request.

**Export**: `storage.personal_data.export_person` on every store, keyed by programme code; a store
that knows nothing of the address is left out, and only when none knows it is the request refused;
a store that cannot be read stops the export with its programme named (a part missing unsaid would
answer the request wrongly).

**Erase**, all-or-nothing as far as separate stores allow: first every store is checked to be at the
schema head (a store that cannot be erased is named before any is touched); then the erasure is done
in one open transaction per store (`erase_within`), none committed, so a failure in any rolls every
one back and names the programme; only then is each committed in turn, each with its own
`person_erased` audit entry. A commit that fails after another store's succeeded (a lost connection,
a full disk) cannot be undone; it is named with the programmes already done, and running the command
again finishes it (a store that no longer knows the person is skipped).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.domain.errors import Refused
from storage.migrate import current_revision, head_revision
from storage.personal_data import Erasure, erase_files, erase_within, export_person
from storage.unit_of_work import SqlAlchemyUnitOfWork, session_factory


@dataclass(frozen=True)
class Store:
    engine: Engine
    outbox_dir: Path | None = None  # its file outbox, whose copies of messages to the person go too


def export_everywhere(engines: dict[str, Engine], email: str) -> dict[str, dict[str, Any]]:
    """Every programme's export of *email*, by code, in the installation's order; refused when no
    store holds anything about the address."""
    found: dict[str, dict[str, Any]] = {}
    for code, engine in engines.items():
        try:
            found[code] = export_person(engine, email)
        except Refused as refusal:
            if refusal.code != "privacy.unknown_person":
                raise
        except SQLAlchemyError as problem:  # an export with a programme missing is no answer to the request
            raise _failed("installation.export_failed", code, email.strip().lower(), problem) from problem
    if not found:
        raise Refused("privacy.unknown_person", email=email.strip().lower())
    return found


def erase_everywhere(stores: dict[str, Store], email: str, actor: str, origin: str,
                     now: datetime) -> dict[str, Erasure | None]:
    """Erase *email* in every store (see the module's docstring): each code's erasure, None where the
    store held nothing about the address."""
    address = email.strip().lower()
    head = head_revision()
    for code, store in stores.items():
        try:
            revision = current_revision(store.engine)
        except SQLAlchemyError as problem:
            raise _failed("installation.erase_unreachable", code, address, problem) from problem
        if revision != head:
            raise Refused("installation.erase_not_migrated", programme=code, email=address, revision=str(revision))
    done: dict[str, Erasure | None] = {}
    with ExitStack() as stack:  # leaving it rolls back whatever was not committed
        open_ones: dict[str, SqlAlchemyUnitOfWork] = {}
        for code, store in stores.items():
            uow = stack.enter_context(SqlAlchemyUnitOfWork(session_factory(store.engine)))
            try:
                done[code] = erase_within(uow, address, actor, origin, now)
            except SQLAlchemyError as problem:
                raise _failed("installation.erase_failed", code, address, problem) from problem
            open_ones[code] = uow
        if all(e is None for e in done.values()):
            raise Refused("privacy.unknown_person", email=address)
        committed: list[str] = []
        for code, uow in open_ones.items():
            try:
                uow.commit()
            except SQLAlchemyError as problem:
                message = "installation.erase_partly" if committed else "installation.erase_failed"
                raise _failed(message, code, address, problem, done=", ".join(committed)) from problem
            committed.append(code)
    for code, erasure in done.items():
        if erasure is not None:
            erasure.files = erase_files(stores[code].outbox_dir, address)
    return done


def _failed(message: str, code: str, address: str, problem: Exception, **more: str) -> Refused:
    """A refusal naming the programme and the kind of error (nothing of the store's settings)."""
    return Refused(message, programme=code, email=address, reason=type(problem).__name__, **more)
