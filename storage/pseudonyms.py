"""Pseudonyms in the audit log, so that erasing a person (AVG art. 17) never breaks its hash chain.

The audit log is append-only (database triggers) and every row's hash covers its content, so a
row can never be edited, not even to remove an e-mail address. Therefore no audit row holds one:
when an entry is appended, every e-mail address in its actor, object, result and details is
replaced by the person's pseudonym, `pid-` and 16 random hex digits, kept in `person_pseudonyms`
(one row per address, made the first time the address is audited). The hash is computed over the
pseudonymised row. Reading the log back joins the mapping to show addresses again.

Erasing a person deletes their mapping row: the audit rows, their hashes and `vaart audit verify`
are untouched, but nothing links the pseudonym to the person any more (the pseudonym is random,
not derived from the address, so it cannot be recomputed from a known address either). The same
pseudonym replaces the address in the records that are kept (decisions, ideas; see
`storage.personal_data`), so the record stays consistent ("the same person voted and objected")
without saying who. Free text that names a person by name is outside what a pattern can find;
`storage.personal_data` replaces the registered name too.

Migration 0006_operations pseudonymised the rows written before this scheme and sealed the chain
again once, after checking the old chain, with the old head hash on record in the log itself.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from bot.domain.audit import AuditRecord
from storage.engine import upsert
from storage.tables_ops import person_pseudonyms

EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
PSEUDONYM = re.compile(r"pid-[0-9a-f]{16}")


def new_pseudonym() -> str:
    return "pid-" + secrets.token_hex(8)


def emails_in(value: Any) -> set[str]:
    """Every e-mail address anywhere in *value* (strings, lists, dicts, keys too), lower-cased."""
    found: set[str] = set()
    if isinstance(value, str):
        found.update(m.group(0).lower() for m in EMAIL.finditer(value))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            found |= emails_in(key) | emails_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            found |= emails_in(item)
    return found


def substitute(value: Any, pattern: re.Pattern[str], mapping: Mapping[str, str]) -> Any:
    """*value* with every match of *pattern* that *mapping* knows (by its lower-case form) replaced."""
    if isinstance(value, str):
        return pattern.sub(lambda m: mapping.get(m.group(0).lower(), m.group(0)), value)
    if isinstance(value, Mapping):
        return {substitute(k, pattern, mapping): substitute(v, pattern, mapping) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [substitute(item, pattern, mapping) for item in value]
    return value


def pseudonyms_for(conn: Connection, emails: Iterable[str], at: datetime) -> dict[str, str]:
    """The pseudonym of each address, made when it has none yet (safe under concurrency: the
    address is unique, a concurrent insert of the same address does nothing and is read back)."""
    wanted = sorted({e.strip().lower() for e in emails})
    if not wanted:
        return {}
    t = person_pseudonyms
    found = {str(r.email): str(r.pseudonym) for r in conn.execute(select(t).where(t.c.email.in_(wanted)))}
    missing = [e for e in wanted if e not in found]
    if missing:
        insert = upsert(conn.dialect.name, t)
        for email in missing:
            conn.execute(
                insert.values(pseudonym=new_pseudonym(), email=email, created_at=at).on_conflict_do_nothing(
                    index_elements=["email"]
                )
            )
        for r in conn.execute(select(t).where(t.c.email.in_(missing))):
            found[str(r.email)] = str(r.pseudonym)
    return found


def pseudonymise(conn: Connection, record: AuditRecord) -> AuditRecord:
    """The audit record as it is stored: every address replaced by its pseudonym."""
    emails = emails_in([record.actor, record.object, record.result, dict(record.details)])
    if not emails:
        return record
    mapping = pseudonyms_for(conn, emails, datetime.fromisoformat(record.at))
    return replace(
        record,
        actor=substitute(record.actor, EMAIL, mapping),
        object=substitute(record.object, EMAIL, mapping),
        result=substitute(record.result, EMAIL, mapping),
        details=substitute(dict(record.details), EMAIL, mapping),
    )


def pseudonym_of(conn: Connection, email: str) -> str | None:
    t = person_pseudonyms
    value = conn.execute(select(t.c.pseudonym).where(t.c.email == email.strip().lower())).scalar_one_or_none()
    return None if value is None else str(value)


def addresses_for(conn: Connection, values: Iterable[Any]) -> dict[str, str]:
    """pseudonym -> address for the pseudonyms in *values* that still have a person behind them."""
    found: set[str] = set()
    for value in values:
        found.update(PSEUDONYM.findall(value if isinstance(value, str) else str(value)))
    if not found:
        return {}
    t = person_pseudonyms
    rows = conn.execute(select(t.c.pseudonym, t.c.email).where(t.c.pseudonym.in_(sorted(found))))
    return {str(r.pseudonym): str(r.email) for r in rows}


def reveal(value: Any, mapping: Mapping[str, str]) -> Any:
    """*value* with known pseudonyms shown as addresses again (for people allowed to read the log)."""
    return substitute(value, PSEUDONYM, mapping)
