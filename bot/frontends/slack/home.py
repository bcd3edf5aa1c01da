"""The App Home in Block Kit: the person's ideas, their tasks with a button for the next step, the
spend requests waiting for the programmadirecteur, the coming meetings and the route to the next
stuurgroep. Long lists come a page at a time from paged queries (HOME_PAGE rows), with "en N meer" and
a button to the next page: nothing is cut off without saying so.

Pure functions, like `bot.frontends.slack.views`, whose building blocks they use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.chat.forms import task_form
from bot.domain.budget_mandate import SpendRequest
from bot.domain.dates import dutch
from bot.domain.lifecycle import Status
from bot.domain.meetings import MeetingRecord
from bot.domain.programme import Programme
from bot.domain.route import RoutePlan
from bot.frontends.slack.views import (
    MAX_BLOCKS,
    Block,
    button,
    context,
    esc,
    form_value,
    local_time,
    mrkdwn_section,
    plain,
    spend_card,
)
from bot.messages import profiled, render
from bot.services.ports.read_models import IdeaSummary, Page

# How many of each list the App Home shows at a time.
HOME_PAGE = {"mine": 15, "tasks": 15, "spend": 8, "colleges": 8}
LINES_KEPT = 4096  # idea lines kept in words (a line is a pure function of its idea's reference, title and state)
HOME_MORE = "home_more"  # the action of a "Volgende N" button under a list
PROGRAMME_SWITCH = "programme_switch"  # a button per other programme of the installation: switch to it


@dataclass(frozen=True)
class HomeData:
    name: str
    known: bool
    roles: str
    mine: Page[IdeaSummary]
    tasks: Page[IdeaSummary]
    spend: Page[SpendRequest]
    meetings: Sequence[MeetingRecord]
    route: RoutePlan | None
    gremium_names: Mapping[str, str]
    route_gremium: str = ""  # the name of the gremium the route leads to (the VDG-bestuur)
    colleges: Page[SpendRequest] = field(default_factory=Page)  # an accounthouder's: their college decides


def _switch(programme: Programme, others: Sequence[str], lang: str) -> list[Block]:
    """Several programmes: which one this home is, and a button for each other one."""
    if not others:
        return []
    note = render("ui.home.programme_switch", lang, programme=programme.code)
    elements = [button(PROGRAMME_SWITCH, render("ui.button.programme", lang, programme=code), code)
                for code in others[:5]]
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": esc(note)}]},
            {"type": "actions", "block_id": "home:programme", "elements": elements}]


def home(data: HomeData, programme: Programme, lang: str, others: Sequence[str] = ()) -> dict[str, Any]:
    """The App Home of *programme*; *others*: the codes of the installation's other programmes, a
    button each to switch to."""
    procedure = programme.governance.procedure("voorstel")  # the VDG's "Bij de colleges", not the stuurgroep
    blocks: list[Block] = [
        {"type": "header", "text": plain(render("ui.home.title", lang, programme=programme.name), 150)},
        *_switch(programme, others, lang),
        mrkdwn_section(render("ui.home.hello", lang, name=esc(data.name))),
        {
            "type": "actions",
            "block_id": "home:new",
            "elements": [button("open_form", render("ui.button.new_idea", lang), form_value("idea", ""), "primary")],
        },
        {"type": "divider"},
        mrkdwn_section(f"*{render('ui.home.mine', lang)}*"),
    ]
    if data.mine.items:
        blocks += [_idea_line(i, lang, procedure) for i in data.mine.items[: HOME_PAGE["mine"]]]
        blocks += _more("mine", data.mine, lang)
    else:
        blocks.append(mrkdwn_section(render("ui.home.none", lang)))
    if data.known and data.roles:
        blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.tasks', lang, roles=esc(data.roles))}*")]
        if data.tasks.items:
            blocks += [_task_line(i, lang, procedure) for i in data.tasks.items[: HOME_PAGE["tasks"]]]
            blocks += _more("tasks", data.tasks, lang)
        elif not data.colleges.items:
            blocks.append(mrkdwn_section(render("ui.home.no_tasks", lang)))
    for section, requests in (("spend", data.spend), ("colleges", data.colleges)):
        if requests.items:
            blocks += [{"type": "divider"}, mrkdwn_section(f"*{render(f'ui.home.{section}', lang)}*")]
            for request in requests.items[: HOME_PAGE[section]]:
                card = spend_card(request, lang, None, programme.governance.procedure("uitgave"))
                if section == "colleges":  # the accounthouder records their college's decision from here
                    card[0]["accessory"] = button("open_form", render("ui.button.college", lang),
                                                  form_value("college", request.reference))
                blocks += card
            blocks += _more(section, requests, lang)
    blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.meetings', lang)}*")]
    if data.meetings:
        lines = [
            render(
                "ui.home.meeting",
                lang,
                when=local_time(m.starts_at) if not m.week_only else render("ui.home.week_of", lang, day=dutch(m.day)),
                title=esc(m.title),
                gremium=esc(data.gremium_names.get(m.gremium, m.gremium)),
            )
            for m in data.meetings
        ]
        blocks.append(mrkdwn_section("\n".join(lines)))
    else:
        blocks.append(mrkdwn_section(render("ui.home.no_meetings", lang)))
    if data.route is not None:
        steps = [
            render(
                "ui.home.route_step",
                lang,
                step=esc(step.label_en if lang == "en" and step.label_en else step.label),
                dates=" / ".join(dutch(d) for d in step.dates),
            )
            for step in data.route.steps
        ]
        header = render(profiled("ui.home", "route", procedure), lang, date=dutch(data.route.meeting_date),
                        gremium=esc(data.route_gremium))
        blocks.append(mrkdwn_section("\n".join([f"*{header}*", *steps])))
    blocks.append(context(render("ui.home.footer", lang)))
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _more(section: str, page: Page[Any], lang: str) -> list[Block]:
    """Under a list with rows after this page: "en N meer" and a button to the next page (a keyset cursor)."""
    if not page.more or page.after is None:
        return []
    text = render("ui.home.more", lang, count=page.more)
    value = json.dumps({"list": section, "after": page.after}, separators=(",", ":"))
    next_page = button(HOME_MORE, render("ui.button.next", lang, count=min(page.more, HOME_PAGE[section])), value)
    return [context(text), {"type": "actions", "block_id": f"home:page:{section}", "elements": [next_page]}]


def page_request(value: str) -> dict[str, str]:
    """The page a home button asks for (list -> cursor); nothing for a value we did not make."""
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("list") not in HOME_PAGE or not isinstance(data.get("after"), str):
        return {}
    return {str(data["list"]): str(data["after"])[:40]}


def _idea_line(idea: IdeaSummary, lang: str, procedure: str) -> Block:
    return mrkdwn_section(_idea_text(idea.reference, idea.title, idea.status, lang, procedure))


@lru_cache(maxsize=LINES_KEPT)
def _idea_text(reference: str, title: str, status: str, lang: str, procedure: str) -> str:
    """An idea's line in words: the same idea in the same state reads the same on every opening of a Home."""
    return render("ui.home.idea", lang, reference=reference, title=esc(title),
                  status=render(profiled("status", status, procedure), lang))


def _task_line(idea: IdeaSummary, lang: str, procedure: str) -> Block:
    block = _idea_line(idea, lang, procedure)
    if idea.state is Status.INGEDIEND:
        block["accessory"] = button("pick_up", render("ui.button.pick_up", lang), idea.reference, "primary")
    elif (form := task_form(idea.state, procedure)) is not None:
        block["accessory"] = button("open_form", render(f"ui.button.{form}", lang), form_value(form, idea.reference))
    return block
