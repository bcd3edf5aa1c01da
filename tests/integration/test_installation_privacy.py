"""Erasing a person in every programme's store (`storage.personal_data_stores`), on SQLite and
PostgreSQL: a store behind the schema head is named before any store is touched; a commit that fails
in the first store leaves every store as it was; one that fails after another store committed names
both, and running the erasure again finishes it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.bootstrap.clock import ManualClock
from bot.bootstrap.installation import Installation, build_installation
from bot.bootstrap.settings import Settings
from bot.domain.errors import Refused
from storage.personal_data_stores import Store, erase_everywhere, export_everywhere
from storage.unit_of_work import SqlAlchemyUnitOfWork
from tests.cast import ANNA
from tests.conftest import START
from tests.e2e.test_cli_installation_privacy import env, erased_entries  # noqa: F401 (a fixture)
from tests.integration.test_ops_privacy import _mentions


@pytest.fixture
def two(env: dict[str, str]) -> Iterator[Installation]:  # noqa: F811
    made = build_installation(Settings.from_env(env), clock=ManualClock(START))
    for code in ("ZOD", "VDG"):
        made.app(code).ideas.submit(ANNA, "test", "Zorgbus", "Een bus voor ouderen")
    yield made
    made.close()


def stores(installation: Installation) -> dict[str, Store]:
    return {code: Store(app.engine, app.settings.outbox_dir) for code, app in installation.apps.items()}


def failing_commit_in(monkeypatch: pytest.MonkeyPatch, installation: Installation, code: str) -> None:
    """The commit of programme *code*'s store fails, as on a lost connection or a full disk."""
    engine = installation.app(code).engine
    real = SqlAlchemyUnitOfWork.commit

    def commit(uow: SqlAlchemyUnitOfWork) -> None:
        if uow.session.get_bind() is engine:
            raise OperationalError("COMMIT", {}, Exception("disk full"))
        real(uow)

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "commit", commit)


def test_a_store_behind_the_schema_head_is_named_before_any_store_is_changed(two: Installation) -> None:
    with two.app("VDG").engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0012_old'"))
    with pytest.raises(Refused) as refused:
        erase_everywhere(stores(two), ANNA, "beheer@vaart.local", "cli", START)
    assert refused.value.code == "installation.erase_not_migrated"
    assert refused.value.params["programme"] == "VDG"
    assert _mentions(two.app("ZOD").engine, ANNA) and erased_entries(two, "ZOD") == 0


def test_a_commit_failing_in_the_first_store_leaves_every_store_as_it_was(
    two: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_commit_in(monkeypatch, two, "ZOD")
    with pytest.raises(Refused) as refused:
        erase_everywhere(stores(two), ANNA, "beheer@vaart.local", "cli", START)
    assert (refused.value.code, refused.value.params["programme"]) == ("installation.erase_failed", "ZOD")
    for code in ("ZOD", "VDG"):
        assert _mentions(two.app(code).engine, ANNA) and erased_entries(two, code) == 0
    assert set(export_everywhere({c: a.engine for c, a in two.apps.items()}, ANNA)) == {"ZOD", "VDG"}


def test_a_commit_failing_after_another_store_committed_names_both_and_a_second_run_finishes(
    two: Installation, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = SqlAlchemyUnitOfWork.commit
    failing_commit_in(monkeypatch, two, "VDG")
    with pytest.raises(Refused) as refused:
        erase_everywhere(stores(two), ANNA, "beheer@vaart.local", "cli", START)
    assert refused.value.code == "installation.erase_partly"
    assert (refused.value.params["programme"], refused.value.params["done"]) == ("VDG", "ZOD")
    assert _mentions(two.app("ZOD").engine, ANNA) == {} and _mentions(two.app("VDG").engine, ANNA)

    monkeypatch.setattr(SqlAlchemyUnitOfWork, "commit", real)  # the store is back
    done = erase_everywhere(stores(two), ANNA, "beheer@vaart.local", "cli", START)
    assert done["ZOD"] is None and done["VDG"] is not None
    assert _mentions(two.app("VDG").engine, ANNA) == {}
    assert erased_entries(two, "ZOD") == 1 and erased_entries(two, "VDG") == 1
