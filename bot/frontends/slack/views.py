"""Block Kit: the shared forms drawn as Slack modals, the App Home, and the cards we post (the
kernteam's new-idea card, the indiener's status card, the programmadirecteur's spend request).

Pure functions from domain objects and catalogue wording to Slack's JSON; no I/O. Slack's limits
are kept here (titles 24 characters, option texts 75, sections 3000, 100 blocks), so the rest of
the front end never has to think about them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.chat.forms import Field, Form, Value
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.meetings import MeetingRecord
from bot.domain.money import format_euro
from bot.domain.programme import Programme
from bot.domain.route import RoutePlan
from bot.domain.timezone import to_local
from bot.messages import render

Block = dict[str, Any]
FORM_CALLBACK = "vaart_form"
SECTION_MAX = 3000
INPUT_MAX = 3000
MAX_BLOCKS = 100
# Which idea statuses get which button on the App Home, and which form it opens.
TASK_FORMS = {
    Status.ORIENTATIE: "orientation",
    Status.GEREED: "advice",
    Status.GEAGENDEERD: "decision",
}


def esc(text: str) -> str:
    """Text as Slack mrkdwn shows it literally (only &, < and > are special)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str, limit: int = 3000) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text, limit), "emoji": True}


def mrkdwn_section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_MAX)}}


def text_blocks(text: str, code: bool = False) -> list[Block]:
    """A long reply as sections of at most 3000 characters each, split at line ends."""
    room = SECTION_MAX - (6 if code else 0)
    chunks: list[str] = []
    current = ""
    for line in esc(text).splitlines() or [""]:
        for piece in [line[i : i + room] for i in range(0, len(line), room)] or [""]:
            if current and len(current) + 1 + len(piece) > room:
                chunks.append(current)
                current = piece
            else:
                current = f"{current}\n{piece}" if current else piece
    chunks.append(current)
    return [mrkdwn_section(f"```{c}```" if code else c) if c.strip() else mrkdwn_section(" ") for c in chunks][
        : MAX_BLOCKS // 2
    ]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- forms ------------------------------------------------------------------------------------------
def modal(form: Form, lang: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
    blocks: list[Block] = []
    if form.intro:
        blocks.append(mrkdwn_section(esc(form.intro)))
    blocks += [_input(spec) for spec in form.fields]
    return {
        "type": "modal",
        "callback_id": FORM_CALLBACK,
        "title": plain(form.title, 24),
        "submit": plain(form.submit, 24),
        "close": plain(render("form.close", lang), 24),
        "private_metadata": json.dumps(dict(metadata), separators=(",", ":"))[:3000],
        "blocks": blocks[:MAX_BLOCKS],
    }


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, 75), "value": value[:150]}


def _input(spec: Field) -> Block:
    element: dict[str, Any] = {"action_id": "value"}
    if spec.kind in ("text", "multiline"):
        element["type"] = "plain_text_input"
        element["multiline"] = spec.kind == "multiline"
        if spec.max_length is not None:
            element["max_length"] = min(spec.max_length, INPUT_MAX)
    else:
        element["type"] = {"select": "static_select", "multiselect": "multi_static_select", "radio": "radio_buttons"}[
            spec.kind
        ]
        element["options"] = [_option(o.value, o.label) for o in spec.options[:100]]
        if spec.kind != "radio":
            element["placeholder"] = plain("…", 150)
    block: Block = {
        "type": "input",
        "block_id": spec.key,
        "optional": not spec.required,
        "label": plain(spec.label, 2000),
        "element": element,
    }
    if spec.hint:
        block["hint"] = plain(spec.hint, 2000)
    return block


def read_values(form: Form, state: Mapping[str, Any]) -> dict[str, Value]:
    """The values of a submitted modal (`view.state.values`), by field key."""
    out: dict[str, Value] = {}
    for spec in form.fields:
        element = (state.get(spec.key) or {}).get("value") or {}
        kind = element.get("type")
        if kind == "multi_static_select":
            out[spec.key] = [str(o.get("value", "")) for o in element.get("selected_options") or []]
        elif kind in ("static_select", "radio_buttons"):
            chosen = element.get("selected_option") or {}
            out[spec.key] = str(chosen["value"]) if chosen.get("value") is not None else None
        else:
            value = element.get("value")
            out[spec.key] = str(value) if value is not None else None
    return out


def errors_for_slack(errors: Mapping[str, str]) -> dict[str, str]:
    return {key: _cut(message, 300) for key, message in errors.items()}


def confirmation(title: str, text: str, lang: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "title": plain(title, 24),
        "close": plain(render("form.done", lang), 24),
        "blocks": text_blocks(text),
    }


# -- cards ------------------------------------------------------------------------------------------
def _button(action_id: str, text: str, value: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {"type": "button", "action_id": action_id, "text": plain(text, 75), "value": value}
    if style:
        button["style"] = style
    return button


def _day(moment: datetime) -> str:
    return to_local(moment).strftime("%d-%m-%Y %H:%M")


def kernteam_card(idea: Idea, lang: str, contact_name: str | None) -> list[Block]:
    """The new idea in the kernteam channel; 'Oppakken' while nobody has it."""
    lines = [
        f"*{render('ui.kernteam.header', lang, reference=idea.reference, title=esc(idea.title))}*",
        render("ui.kernteam.by", lang, submitter=esc(idea.submitter), organisation=esc(idea.organisation or "-")),
        esc(_cut(idea.description, 600)),
    ]
    if idea.support_asked:
        lines.append(render("ui.kernteam.support", lang, support=esc(_cut(idea.support_asked, 400))))
    lines.append(render("ui.status_line", lang, status=render(f"status.{idea.status}", lang)))
    blocks: list[Block] = [mrkdwn_section("\n".join(lines))]
    if idea.state is Status.INGEDIEND:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"pick_up:{idea.reference}",
                "elements": [_button("pick_up", render("ui.button.pick_up", lang), idea.reference, "primary")],
            }
        )
    elif contact_name:
        blocks.append(_context(render("ui.kernteam.picked_up", lang, name=esc(contact_name))))
    return blocks


def status_card(idea: Idea, lang: str, updated: datetime) -> list[Block]:
    """The indiener's card: one message, updated in place as the idea moves."""
    status = render(f"status.{idea.status}", lang)
    nxt = render(f"next.{idea.status}", lang, reference=idea.reference)
    return [
        mrkdwn_section(
            "\n".join(
                [
                    f"*{render('ui.card.header', lang, reference=idea.reference, title=esc(idea.title))}*",
                    render("ui.status_line", lang, status=status),
                    render("ui.card.next", lang, next=esc(nxt)),
                ]
            )
        ),
        _context(render("ui.card.updated", lang, when=_day(updated))),
    ]


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(text, 3000)}]}


def spend_card(request: SpendRequest, lang: str, decider: str | None) -> list[Block]:
    """A spend request for the programmadirecteur: buttons while it is open, then who decided when."""
    lines = [
        f"*{render('ui.spend.header', lang, reference=request.reference, amount=format_euro(request.amount))}*",
        render(
            "ui.spend.details",
            lang,
            purpose=esc(request.purpose),
            kind=esc(request.kind),
            line=esc(request.line_key),
            idea=request.idea_ref or "-",
            requester=esc(request.requester),
            when=_day(request.requested_at),
        ),
    ]
    blocks: list[Block] = [mrkdwn_section("\n".join(lines))]
    if request.status is RequestStatus.REQUESTED:
        approve = _button("spend_approve", render("ui.button.approve", lang), request.reference, "primary")
        approve["confirm"] = {
            "title": plain(render("ui.confirm.title", lang), 100),
            "text": plain(render("ui.confirm.approve", lang, reference=request.reference,
                                 amount=format_euro(request.amount)), 300),
            "confirm": plain(render("ui.button.approve", lang), 30),
            "deny": plain(render("form.close", lang), 30),
        }
        reject = _button("spend_reject", render("ui.button.reject", lang), request.reference, "danger")
        blocks.append({"type": "actions", "block_id": f"spend:{request.reference}", "elements": [approve, reject]})
    else:
        state = render(f"budget.status.{request.status.value}", lang)
        state = state[:1].upper() + state[1:]
        if request.status is RequestStatus.TO_STUURGROEP:
            text = render("ui.spend.referred", lang, state=state)
        else:
            when = _day(request.decided_at) if request.decided_at else "-"
            text = render("ui.spend.decided", lang, state=state, name=esc(decider or request.decided_by or "-"),
                          when=when)
            if request.reason:
                text += "\n" + render("ui.spend.reason", lang, reason=esc(request.reason))
        blocks.append(mrkdwn_section(text))
    return blocks


def spend_state(request: SpendRequest) -> str:
    return f"{request.status.value}:{request.decided_by or ''}"


# -- App Home ---------------------------------------------------------------------------------------
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


def home(data: HomeData, programme: Programme, lang: str) -> dict[str, Any]:
    blocks: list[Block] = [
        {"type": "header", "text": plain(render("ui.home.title", lang, programme=programme.name), 150)},
        mrkdwn_section(render("ui.home.hello", lang, name=esc(data.name))),
        {
            "type": "actions",
            "block_id": "home:new",
            "elements": [_button("open_form", render("ui.button.new_idea", lang), _form_value("idea", ""), "primary")],
        },
        {"type": "divider"},
        mrkdwn_section(f"*{render('ui.home.mine', lang)}*"),
    ]
    if data.mine:
        blocks += [_idea_line(i, lang) for i in data.mine[:15]]
    else:
        blocks.append(mrkdwn_section(render("ui.home.none", lang)))
    if data.known and data.roles:
        blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.tasks', lang, roles=esc(data.roles))}*")]
        if data.tasks:
            blocks += [_task_line(i, lang) for i in data.tasks[:15]]
        else:
            blocks.append(mrkdwn_section(render("ui.home.no_tasks", lang)))
    if data.spend:
        blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.spend', lang)}*")]
        for request in data.spend[:8]:
            blocks += spend_card(request, lang, None)
    blocks += [{"type": "divider"}, mrkdwn_section(f"*{render('ui.home.meetings', lang)}*")]
    if data.meetings:
        lines = [
            render(
                "ui.home.meeting",
                lang,
                when=_day(m.starts_at) if not m.week_only else render("ui.home.week_of", lang, day=_date(m.day)),
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
                dates=" / ".join(_date(d) for d in step.dates),
            )
            for step in data.route.steps
        ]
        header = render("ui.home.route", lang, date=_date(data.route.meeting_date))
        blocks.append(mrkdwn_section("\n".join([f"*{header}*", *steps])))
    blocks.append(_context(render("ui.home.footer", lang)))
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _date(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _form_value(form: str, reference: str) -> str:
    return json.dumps({"form": form, "reference": reference}, separators=(",", ":"))


def form_request(value: str) -> tuple[str, str]:
    """The (form, reference) a home button asks for."""
    try:
        data = json.loads(value)
    except ValueError:
        return "", ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("form", "")), str(data.get("reference", ""))


def _idea_line(idea: Idea, lang: str) -> Block:
    return mrkdwn_section(
        render("ui.home.idea", lang, reference=idea.reference, title=esc(idea.title),
               status=render(f"status.{idea.status}", lang))
    )


def _task_line(idea: Idea, lang: str) -> Block:
    block = _idea_line(idea, lang)
    if idea.state is Status.INGEDIEND:
        block["accessory"] = _button("pick_up", render("ui.button.pick_up", lang), idea.reference, "primary")
    elif idea.state in TASK_FORMS:
        form = TASK_FORMS[idea.state]
        block["accessory"] = _button("open_form", render(f"ui.button.{form}", lang), _form_value(form, idea.reference))
    return block
