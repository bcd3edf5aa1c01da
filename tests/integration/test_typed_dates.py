"""Every date typed in chat passes the same check: outside the accepted years a one-sentence refusal
(before, `route 01-01-1900` crashed in the working-day calendar and Slack got no answer), and a date
that plans something (a meeting added or moved, a proposal on the agenda) lies in the programme's
period. Nothing changes on a refusal."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from bot.bootstrap.app import App
from bot.domain.lifecycle import Status
from bot.domain.timezone import AMSTERDAM
from storage import tables, tables_meetings
from tests.cast import EMAIL
from tests.integration.test_meetings import ADMIN, at, ready_for_agenda, register

OUT_OF_RANGE = "ligt buiten wat vaart aanneemt: van 01-01-2000 tot en met 31-12-2099."
OUTSIDE_PROGRAMME = "valt buiten de looptijd van het programma (2023-2027, §8)"


def _rows(app: App) -> list[int]:
    """What a change would add to: outbox, meetings, agenda items, and audit entries other than refusals."""
    audit = tables.audit_log
    with app.engine.connect() as conn:
        counts = [int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                  for t in (tables.outbox, tables_meetings.meetings, tables_meetings.agenda_items)]
        done = select(func.count()).select_from(audit).where(~audit.c.result.like("geweigerd%"))
        return [*counts, int(conn.execute(done).scalar_one())]


@pytest.fixture
def staged(app: App) -> tuple[App, str]:
    register(app)
    at(app, datetime(2024, 5, 21, 9, 0, tzinfo=AMSTERDAM))
    app.meetings.generate(ADMIN, "cli", 2024, invite=False)
    return app, ready_for_agenda(app, "Zorgbus")


@pytest.mark.parametrize(
    ("who", "command", "expected"),
    [
        ("director", "agenderen {ref} 31-12-9999", OUT_OF_RANGE),
        ("director", "agenderen {ref} 9999-12-31 toelaten", OUT_OF_RANGE),
        ("director", "agenderen {ref} 13-12-2030", OUTSIDE_PROGRAMME),
        ("staf", "vergadering stuurgroep 31-12-9999", OUT_OF_RANGE),
        ("staf", "vergadering stuurgroep 07-01-2028", OUTSIDE_PROGRAMME),
        ("staf", "verplaats stuurgroep 28-06-2024 07-01-2028", OUTSIDE_PROGRAMME),
        ("staf", "verplaats stuurgroep 28-06-2024 01-01-1900", OUT_OF_RANGE),
        ("staf", "annuleer stuurgroep 01-01-1900", OUT_OF_RANGE),
        ("staf", "route 01-01-1900", OUT_OF_RANGE),
        ("staf", "route 31-12-2199", OUT_OF_RANGE),
        ("staf", "agenda 01-01-1965", OUT_OF_RANGE),
        ("director", "mandaat 01-01-1900", OUT_OF_RANGE),
        ("staf", "vergadering stuurgroep ١٣-١٢-٢٠٢٤", "is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ."),
        ("staf", "vergadering stuurgroep 13-12-2024 ١٠:٠٠", "is geen tijd; schrijf bijvoorbeeld 10:00."),
    ],
)
def test_a_date_outside_the_ranges_is_refused_in_one_sentence_and_changes_nothing(
    staged: tuple[App, str], who: str, command: str, expected: str
) -> None:
    app, ref = staged
    session = app.chat.session(EMAIL[who], "console")
    before = _rows(app)
    answer = app.chat.handle(session, command.format(ref=ref))
    assert expected in answer, answer
    assert "\n" not in answer
    assert _rows(app) == before
    assert app.ideas.status(EMAIL["director"], ref).state is Status.GETOETST


def test_inside_the_ranges_the_same_commands_work(staged: tuple[App, str]) -> None:
    app, ref = staged
    staf = app.chat.session(EMAIL["staf"], "console")
    assert "staat in de agenda" in app.chat.handle(staf, "vergadering stuurgroep 15-12-2027")
    director = app.chat.session(EMAIL["director"], "console")
    assert "15-12-2027" in app.chat.handle(director, f"agenderen {ref} 15-12-2027")
    assert app.ideas.status(EMAIL["director"], ref).state is Status.GEAGENDEERD
    assert "Documentroute" in app.chat.handle(staf, "route 2099-12-31")
