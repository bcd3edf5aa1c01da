"""A programme in motion for the web tests: the demo's route (an idea from submission to an
akkoord with money, a spend request under the mandate, one refused, the worker's reminders and
documents package), plus ideas of other indieners at other stages, and one dead letter."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings
from bot.cli.demo import ADMIN
from bot.cli.demo_consensus import ANNA, DIRK, PEOPLE, START, script
from storage import tables

PIET = "piet@dorpshuis-zweeloo.nl"  # another indiener: Anna must never see his idea
ROLES = {
    "kernteam": "k.kern@regiodeal-zod.nl",
    "programmadirecteur": "p.plan@regiodeal-zod.nl",
    "expertteam": "e.expert@rug.nl",
    "staf": "s.staf@regiodeal-zod.nl",
    "stuurgroep": "b.bestuur@emmen.nl",
    "coordinatieteam": "g.gemeente@hoogeveen.nl",
    "indiener": ANNA,
}
NAMES = [name for _, name, _, _ in PEOPLE] + ["Anna", "Dirk", "Piet"]
EMAILS = [email for email, _, _, _ in PEOPLE] + [ANNA, DIRK, PIET]
MEETING_DAY = "2027-01-22"


def build_app(var_dir: Path, base_url: str, database_url: str | None = None, clock: ManualClock | None = None,
              **env: str) -> App:
    settings = {"VAART_VAR_DIR": str(var_dir), "VAART_WEB_BASE_URL": base_url, **env}
    if database_url:
        settings["VAART_DATABASE_URL"] = database_url
    return build(Settings.from_env(settings), clock=clock or ManualClock(START))


def seed(app: App) -> dict[str, str]:
    """Run the demo's script through the chat, then add other ideas; returns the references."""
    clock = app.clock
    assert isinstance(clock, ManualClock)
    for email, name, roles, organisation in PEOPLE:
        app.people.add(ADMIN, "seed", email, name, roles, organisation)
    ref = f"{app.programme.reference_prefix}-{START.year}-0001"
    sessions = {}
    for email, _, command in script(ref):
        if command.startswith("@"):  # the worker's rounds: only the last (the meeting day) is run, for speed
            clock.set(datetime.fromisoformat(command[1:]))
            if command == script(ref)[-1][2] or command.startswith("@2027-01-22"):
                app.reminders.run_once()
                app.outbox.drain()
            continue
        session = sessions.setdefault(email, app.chat.session(email, "seed"))
        app.chat.handle(session, command)
        clock.advance(timedelta(days=1))
        app.outbox.drain()
    piet = app.ideas.submit(PIET, "seed", "Dorpshuis als leerplek", "Avondlessen taal en rekenen in het dorpshuis",
                            organisation="Dorpshuis Zweeloo", opgaven=["1", "4"],
                            programmalijn="Leven Lang Ontwikkelen").params["reference"]
    other = app.ideas.submit("jan@ondernemers-emmen.nl", "seed", "Grenswerkers loket", "Een loket voor grenswerkers",
                             organisation="Gemeente Emmen", opgaven=["2"], programmalijn="Regio aan de grens")
    app.ideas.pick_up(ROLES["kernteam"], "seed", other.params["reference"])
    app.outbox.drain()
    with app.engine.begin() as conn:  # one undeliverable message for the staf's view
        first = conn.execute(tables.outbox.select().order_by(tables.outbox.c.id).limit(1)).first()
        assert first is not None
        conn.execute(update(tables.outbox).where(tables.outbox.c.id == first.id)
                     .values(status="dead", last_error="550 mailbox unavailable"))
    return {"anna": ref, "piet": piet, "other": other.params["reference"]}
