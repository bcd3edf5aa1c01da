"""The App Home's contents, read from the core: one's ideas and tasks, the spend requests waiting for
the programmadirecteur, the coming meetings and the route to the next stuurgroep."""

from __future__ import annotations

from bot.chat.desk import FrontDesk
from bot.chat.forms import DIRECTOR
from bot.domain.budget_mandate import SpendRequest
from bot.frontends.slack import views
from bot.services.ports.chat import ChatIdentity


def home_data(desk: FrontDesk, identity: ChatIdentity, lang: str) -> views.HomeData:
    """What someone's App Home shows: their ideas and tasks, requests to decide, meetings, the route."""
    programme = desk.programme
    overview = desk.ideas.mine(identity.email)
    person = overview.person
    spend: list[SpendRequest] = []
    if person.has_role(DIRECTOR):
        spend = [r for r in desk.budget.open_requests()
                 if r.status.value == "requested" and r.requester != person.email]
    setup = desk.meetings.setup
    meetings = desk.meetings.upcoming(limit=5)
    # the route to the next stuurgroep meeting in the calendar, else to the one an idea of theirs is on
    next_meeting = next((m for m in desk.meetings.upcoming(setup.route_gremium, limit=3) if not m.cancelled),
                        None)
    today = desk.clock.now().date()
    planned = sorted(i.meeting_date for i in [*overview.involved, *overview.tasks]
                     if i.meeting_date is not None and i.meeting_date >= today)
    day = next_meeting.day if next_meeting is not None else (planned[0] if planned else None)
    route = setup.plan(day) if day is not None else None
    if next_meeting is not None and all(m.uid != next_meeting.uid for m in meetings):
        meetings.append(next_meeting)  # the next stuurgroep is always shown, however far ahead
    names = {g.key: (g.name_en or g.name) if lang == "en" else g.name for g in setup.calendar.gremia}
    return views.HomeData(
        name=person.name if person.known else identity.display_name,
        known=person.known,
        roles=", ".join(programme.role_name(r, lang) for r in person.roles),
        mine=overview.involved,
        tasks=overview.tasks,
        spend=spend,
        meetings=meetings,
        route=route,
        gremium_names=names,
    )
