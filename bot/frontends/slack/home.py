"""The App Home in Block Kit: the person's ideas, their tasks with a button for the next step, the
spend requests waiting for the programmadirecteur, the coming meetings and the route to the next
stuurgroep. Long lists are shown a page at a time (HOME_PAGE), with "en N meer" and buttons to page
on: nothing is cut off without saying so.

Pure functions, like `bot.frontends.slack.views`, whose building blocks they use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.chat.forms import TASK_FORMS
from bot.domain.budget_mandate import SpendRequest
from bot.domain.dates import dutch
from bot.domain.ideas import Idea
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
from bot.messages import render

# How many of each list the App Home shows at a time.
HOME_PAGE = {"mine": 15, "tasks": 15, "spend": 8}


@dataclass(frozen=True)
class HomeData:
    name: str
    known: bool
    roles: str
    mine: Sequence[Idea]
    tasks: Sequence[Idea]
    spend: Sequence[SpendRequest]
    meetings: Sequence[MeetingRecord]
    route: RoutePlan | None
    gremium_names: Mapping[str, str]
    pages: Mapping[str, int] = field(default_factory=dict)  # where each list starts (HOME_PAGE sections)


def home(data: HomeData, programme: Programme, lang: str) -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": plain(render("ui.home.title", lang, programme=programme.name), 150)},
        mrkdwn_section(render("ui.home.hello", lang, name=esc(data.name))),
        {
            "type": "actions",
            "block_id": "home:new",
            "elements": [button("open_form", render("ui.button.new_idea", lang), form_value("idea", ""), "primary")],
        },
        {"type": "divider"},
        mrkdwn_section(f"*{render('ui.home.mine', lang)}*"),
    ]
    if data.mine:
        shown, more = _page(data, "mine", data.mine, lang)
        blocks += [_idea_line(i, lang) for i in shown] + more
    else:
        blocks.append(mrkdwn_section(render("ui.home.none", lang)))
    if data.known and data.roles:
        blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.tasks', lang, roles=esc(data.roles))}*")]
        if data.tasks:
            shown, more = _page(data, "tasks", data.tasks, lang)
            blocks += [_task_line(i, lang) for i in shown] + more
        else:
            blocks.append(mrkdwn_section(render("ui.home.no_tasks", lang)))
    if data.spend:
        blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.spend', lang)}*")]
        shown, more = _page(data, "spend", data.spend, lang)
        for request in shown:
            blocks += spend_card(request, lang, None)
        blocks += more
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
        header = render("ui.home.route", lang, date=dutch(data.route.meeting_date))
        blocks.append(mrkdwn_section("\n".join([f"*{header}*", *steps])))
    blocks.append(context(render("ui.home.footer", lang)))
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _page(data: HomeData, section: str, items: Sequence[Any], lang: str) -> tuple[Sequence[Any], list[Block]]:
    """One page of a home list, and under it "en N meer" with buttons to the next and previous page
    (nothing under it when the list fits)."""
    size = HOME_PAGE[section]
    start = max(0, min(data.pages.get(section, 0), (len(items) - 1) // size * size))
    shown = items[start : start + size]
    rest = len(items) - start - len(shown)
    if rest == 0 and start == 0:
        return shown, []
    numbers = {"first": start + 1, "last": start + len(shown), "total": len(items)}
    text = render("ui.home.more", lang, count=rest, **numbers) if rest else render("ui.home.range", lang, **numbers)
    buttons: list[Block] = []
    if rest:
        buttons.append(button("home_next", render("ui.button.next", lang, count=min(rest, size)),
                               _page_value(section, start + size)))
    if start:
        buttons.append(button("home_previous", render("ui.button.previous", lang), _page_value(section, start - size)))
    return shown, [context(text), {"type": "actions", "block_id": f"home:page:{section}", "elements": buttons}]


def _page_value(section: str, start: int) -> str:
    return json.dumps({"list": section, "start": max(0, start)}, separators=(",", ":"))


def page_request(value: str) -> dict[str, int]:
    """The page a home button asks for, as HomeData.pages; nothing for a value we did not make."""
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("list") not in HOME_PAGE or type(data.get("start")) is not int:
        return {}
    return {str(data["list"]): max(0, int(data["start"]))}


def _idea_line(idea: Idea, lang: str) -> Block:
    return mrkdwn_section(
        render("ui.home.idea", lang, reference=idea.reference, title=esc(idea.title),
               status=render(f"status.{idea.status}", lang))
    )


def _task_line(idea: Idea, lang: str) -> Block:
    block = _idea_line(idea, lang)
    if idea.state is Status.INGEDIEND:
        block["accessory"] = button("pick_up", render("ui.button.pick_up", lang), idea.reference, "primary")
    elif idea.state in TASK_FORMS:
        form = TASK_FORMS[idea.state]
        block["accessory"] = button("open_form", render(f"ui.button.{form}", lang), form_value(form, idea.reference))
    return block
