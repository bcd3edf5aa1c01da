"""What someone's App Home shows, read from the core: one page of each list (the first, or the one a
"Volgende" button asked for), the spend requests waiting for the programmadirecteur (for an
accounthouder: those their college has still to decide), the coming meetings and the route to the
next stuurgroep. The view itself is `bot.frontends.slack.home`."""

from __future__ import annotations

from bot.chat.desk import FrontDesk
from bot.chat.forms import DIRECTOR
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.frontends.slack import home
from bot.services.ports.chat import ChatIdentity
from bot.services.ports.read_models import Page


def home_data(desk: FrontDesk, identity: ChatIdentity, lang: str, pages: dict[str, str]) -> home.HomeData:
    """What the App Home shows *identity*, read in one transaction (`Service.reading`)."""
    with desk.ideas.reading():
        return _home_data(desk, identity, lang, pages)


def _home_data(desk: FrontDesk, identity: ChatIdentity, lang: str, pages: dict[str, str]) -> home.HomeData:
    programme = desk.programme
    overview = desk.ideas.mine(identity.email, limit=home.HOME_PAGE["mine"])
    person = overview.person
    involved, tasks = overview.involved, overview.tasks
    if pages.get("mine"):
        involved = desk.ideas.involved(person.email, pages["mine"], home.HOME_PAGE["mine"])
    if pages.get("tasks"):
        tasks = desk.ideas.tasks(person.email, pages["tasks"], home.HOME_PAGE["tasks"])
    colleges = _first(overview.requests, home.HOME_PAGE["colleges"])
    if pages.get("colleges"):
        colleges = desk.ideas.college_requests(person.email, pages["colleges"], home.HOME_PAGE["colleges"])
    spend: Page[SpendRequest] = Page()
    if person.has_role(DIRECTOR):
        spend = desk.budget.open_page(pages.get("spend"), home.HOME_PAGE["spend"],
                                      (RequestStatus.REQUESTED.value,), not_by=person.email)
    setup = desk.meetings.setup
    meetings, coming_route = desk.meetings.upcoming_lists((None, 5), (setup.route_gremium, 3))
    # the route to the next stuurgroep meeting in the calendar, else to the one an idea of theirs is on
    next_meeting = next((m for m in coming_route if not m.cancelled), None)
    today = desk.clock.now().date()
    planned = sorted(i.meeting_date for i in [*involved.items, *tasks.items]
                     if i.meeting_date is not None and i.meeting_date >= today)
    day = next_meeting.day if next_meeting is not None else (planned[0] if planned else None)
    route = setup.plan(day) if day is not None else None
    if next_meeting is not None and all(m.uid != next_meeting.uid for m in meetings):
        meetings.append(next_meeting)  # the next stuurgroep is always shown, however far ahead
    names = {g.key: (g.name_en or g.name) if lang == "en" else g.name for g in setup.calendar.gremia}
    return home.HomeData(
        name=person.name if person.known else identity.display_name,
        known=person.known,
        roles=", ".join(programme.role_name(r, lang) for r in person.roles),
        mine=involved,
        tasks=tasks,
        spend=spend,
        meetings=meetings,
        route=route,
        gremium_names=names,
        route_gremium=names.get(setup.route_gremium, setup.route_gremium),
        colleges=colleges,
    )


def _first(page: Page[SpendRequest], count: int) -> Page[SpendRequest]:
    """The first *count* rows of *page*, the rest counted as more, the cursor after the last one shown."""
    if len(page.items) <= count:
        return page
    shown = page.items[:count]
    return Page(shown, page.more + len(page.items) - count, shown[-1].reference)
