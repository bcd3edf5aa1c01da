"""`vaart demo`: one idea through the chosen programme's whole route, on a fresh, temporary store.

Every step is typed into the same chat the console, Slack and Teams use, as the role whose turn it
is, and prints what that person sees, including the messages the outbox delivers. Which tour runs
follows the programme's governance profile (how it decides a proposal), so `vaart --programma vdg
demo` shows the VDG's route and not the Regio Deal's; the tours share this printing.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot.bootstrap.app import App, build
from bot.bootstrap.clock import ManualClock
from bot.bootstrap.settings import Settings, load_programme
from bot.chat.bot import ChatSession
from bot.cli import demo_colleges, demo_consensus
from bot.cli.demo_tour import Tour
from bot.domain.errors import Refused
from bot.domain.governance import CONSENSUS, PER_MEMBER_BODY
from bot.domain.programme import Programme
from bot.domain.timezone import to_local

ADMIN = "beheer@vaart.local"


def tour_for(programme: Programme) -> Tour:
    """The tour of the procedure by which the programme decides a proposal."""
    tours = {CONSENSUS: demo_consensus.TOUR, PER_MEMBER_BODY: demo_colleges.TOUR}
    procedure = programme.governance.procedure("voorstel")
    if procedure not in tours:
        raise Refused("installation.demo_no_tour", programme=programme.code, procedure=procedure,
                      options=", ".join(sorted(tours)))
    return tours[procedure]


def run_demo(out: TextIO, workdir: Path | None = None, programme_file: Path | None = None) -> int:
    """The tour of the programme in *programme_file* (the Regio Deal without) on a store of its own."""
    with tempfile.TemporaryDirectory(prefix="vaart-demo-") as tmp:
        env = {"VAART_VAR_DIR": str(workdir or Path(tmp))}
        if programme_file is not None:
            env["VAART_PROGRAMME"] = str(programme_file)
        settings = Settings.from_env(env)
        programme = load_programme(settings.programme_file, settings.language)
        tour = tour_for(programme)
        app = build(settings, clock=ManualClock(tour.start), programme=programme)
        try:
            return walk(app, tour, out)
        finally:
            app.close()


def walk(app: App, tour: Tour, out: TextIO) -> int:
    assert isinstance(app.clock, ManualClock)
    out.write(f"vaart demo — {app.programme.name}\n\n")
    for email, name, roles, organisation in tour.people:
        app.people.add(ADMIN, "demo", email, name, roles, organisation)
        out.write(f"  + {name} <{email}>: {', '.join(app.programme.role_name(r) for r in roles)}\n")
    out.write(f"  ({tour.absent})\n")
    app.outbox.drain()
    ref = f"{app.programme.reference_prefix}-{tour.start.year}-0001"
    sessions: dict[str, ChatSession] = {}
    for email, who, command in tour.script(ref):
        if command.startswith("@"):  # the worker's round at that moment: reminders due, then the outbox
            app.clock.set(datetime.fromisoformat(command[1:]))
            app.reminders.run_once()
            sent = app.outbox.drain().sent
            if sent:
                out.write(f"\n── {who}, {to_local(app.clock.now()):%d-%m-%Y %H:%M} ──\n")
                out.writelines(f"  ✉ {item.recipient}: {item.subject}\n" for item in sent)
            continue
        session = sessions.setdefault(email, app.chat.session(email, "demo"))
        out.write(f"\n── {who} ──\n> {command}\n{app.chat.handle(session, command)}\n")
        app.clock.advance(timedelta(days=1))
        for item in app.outbox.drain().sent:
            out.write(f"  ✉ {item.recipient}: {item.subject}\n")
    return 0
