"""Adaptive Cards: the shared forms (`bot.chat.forms`), the kernteam's new-idea card, the
programmadirecteur's spend request, and the notices the outbox sends.

Pure functions from domain objects and catalogue wording to card JSON (schema 1.4, which Teams
renders with Universal Actions); no I/O. Every TextBlock's text goes through `markup.card_text`, so
what people typed shows literally, never as a link or formatting.

Size: Teams refuses a message over about 100 KB (413 MessageSizeTooBig), counted in UTF-16. A form
comes back with everything typed into it, so each text input's `maxLength` on the card is the
form's own limit (`programme.limits.text_max` for free text, as in chat and Slack); a form whose
inputs together could pass the card's budget (`CARD_BUDGET`) is shown in steps (`steps.py`: the
advice form), each step at those same limits. `input_limits` still shares the budget out should a
single card not fit, so no card can pass it. A value echoed back is never longer than its input
allows, and long texts and many lines are cut, so every card stays under the budget with the
longest inputs (tests/integration/test_teams_cards.py). Forms are shown
at full width (`msteams.width`). Every button is an `Action.Execute` whose `verb` names
what to do and whose `data` carries the form and the reference (keys starting with "_", so they
never collide with a field); Teams merges the inputs' values into that data. A card can carry a
notice on top (a refusal, said politely) and an error under each field, so a form comes back with
what the reader typed and what is wrong with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.chat.forms import Field, Form, Value
from bot.chat.status_notes import round_notes
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.governance import CONSENSUS
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.rounds import WrittenRound
from bot.domain.timezone import to_local
from bot.frontends.teams.markup import card_text
from bot.messages import profiled, render
from bot.reports.table import Table

Card = dict[str, Any]
Element = dict[str, Any]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.4"
# The verbs of our Action.Execute buttons.
SUBMIT_FORM = "vaart.form.submit"
OPEN_FORM = "vaart.form.open"
PICK_UP = "vaart.pick_up"
APPROVE = "vaart.spend.approve"
REJECT = "vaart.spend.reject"
ROUND_VOTE = "vaart.round.vote"
CHOICE_KEY = "_choice"
ROUND_CHOICES = ("akkoord", "bezwaar", "onthouding")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FORM_KEY = "_form"
REF_KEY = "_ref"
PROGRAMME_KEY = "_programme"  # several programmes: the programme a form card belongs to (checked on submit)
TEXT_MAX = 4000  # characters per text block
BODY_MAX = 8000  # characters of a notice's or an outcome's text as a whole
LINES_MAX = 40  # text blocks for one text; the rest joins the last
# UTF-16 bytes a card may take: under Teams' ~100 KB per message, with 10 KB for the activity around it.
CARD_BUDGET = 90_000
WORST_BYTES_PER_CHAR = 4  # UTF-16 of JSON: a character outside the BMP, or an escaped quote or newline
ERROR_MAX = 200  # characters of the error under a field (it may quote what was typed)
NOTICE_MAX = 800  # characters of a refusal on top of a card
ALLOWANCE_PER_FIELD = ERROR_MAX * WORST_BYTES_PER_CHAR + 200  # an error's text block, in UTF-16 bytes
ALLOWANCE_NOTICE = NOTICE_MAX * WORST_BYTES_PER_CHAR + 800


def card(body: list[Element], actions: list[Element] | None = None, *, wide: bool = False) -> Card:
    built: Card = {"type": "AdaptiveCard", "$schema": SCHEMA, "version": VERSION, "body": body}
    if actions:
        built["actions"] = actions
    if wide:
        built["msteams"] = {"width": "Full"}  # Teams' host extension: forms use the whole conversation width
    return built


def utf16_size(data: Any) -> int:
    """The size Teams counts: the JSON text in UTF-16."""
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-16-le"))


def text(value: str, *, bold: bool = False, size: str | None = None, color: str | None = None,
         subtle: bool = False, block_id: str | None = None) -> Element:
    block: Element = {"type": "TextBlock", "text": card_text(_cut(value or " ")), "wrap": True}
    if bold:
        block["weight"] = "Bolder"
    if size:
        block["size"] = size
    if color:
        block["color"] = color
    if subtle:
        block["isSubtle"] = True
    if block_id:
        block["id"] = block_id
    return block


def lines(value: str, **style: Any) -> list[Element]:
    """One text block per line: Teams does not keep single line breaks inside a block."""
    parts = [line for line in value.splitlines() if line.strip()]
    if len(parts) > LINES_MAX:
        parts = [*parts[: LINES_MAX - 1], " ".join(parts[LINES_MAX - 1 :])]
    blocks = [text(line, **style) for line in parts] or [text(" ", **style)]
    for block in blocks[1:]:
        block["spacing"] = "None"
    return blocks


def notice(message: str) -> Element:
    return text(_cut(message, NOTICE_MAX), color="Attention", block_id="notice")


def field_error(key: str, message: str) -> Element:
    """The error under the field *key*, right below it."""
    return {**text(_cut(message, ERROR_MAX), color="Attention", block_id=f"error:{key}"), "spacing": "None"}


def execute(title: str, verb: str, data: Mapping[str, Any], *, style: str | None = None,
            inputs: bool = True) -> Element:
    action: Element = {"type": "Action.Execute", "title": title, "verb": verb, "data": dict(data)}
    if style:
        action["style"] = style
    if not inputs:
        action["associatedInputs"] = "none"
    return action


def _cut(value: str, limit: int = TEXT_MAX) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _echo(value: str, limit: int) -> str:
    """What was typed, back in its input: never longer than the input takes (Teams' own client cannot send
    more; a longer value came from elsewhere and has its error under the field), without control characters."""
    return _CONTROL.sub("", value)[:limit]


def _day(moment: datetime) -> str:
    return to_local(moment).strftime("%d-%m-%Y %H:%M")


# -- forms ------------------------------------------------------------------------------------------
def form_card(form: Form, lang: str, values: Mapping[str, Value] | None = None,
              errors: Mapping[str, str] | None = None, message: str | None = None,
              data: Mapping[str, Any] | None = None) -> Card:
    """*form* as inputs with a submit button; *values* filled in, *errors* under their fields; *data* goes
    with the button (a step's number)."""
    limits = input_limits(form, lang, data)
    body: list[Element] = [notice(message)] if message else []
    body.append(text(form.title, bold=True, size="Medium"))
    if form.intro:
        body += lines(form.intro)
    for spec in form.fields:
        body.append(_input(spec, lang, (values or {}).get(spec.key), limits.get(spec.key)))
        problem = (errors or {}).get(spec.key)
        if problem:
            body.append(field_error(spec.key, problem))
    submit = execute(form.submit, SUBMIT_FORM, _submit_data(form, data), style="positive")
    return card(body, [submit], wide=True)


def stamp(value: Any, code: str) -> None:
    """Write *code* into the data of every form action in *value* (a card, an invoke answer's body)."""
    if isinstance(value, list):
        for item in value:
            stamp(item, code)
    elif isinstance(value, dict):
        data = value.get("data")
        if value.get("type") == "Action.Execute" and isinstance(data, dict) and FORM_KEY in data:
            data[PROGRAMME_KEY] = code
        for item in value.values():
            stamp(item, code)


def _submit_data(form: Form, data: Mapping[str, Any] | None) -> dict[str, Any]:
    return {FORM_KEY: form.name, REF_KEY: form.reference, **(data or {})}


def input_limits(form: Form, lang: str, data: Mapping[str, Any] | None = None) -> dict[str, int]:
    """The `maxLength` of each text input on the card: the form's limit, or less where the inputs filled
    to the brim with the widest characters would pass `CARD_BUDGET` (the short ones keep theirs, the
    long ones share what is left equally)."""
    empty = form_skeleton(form, lang, data)
    room = CARD_BUDGET - utf16_size(empty) - ALLOWANCE_NOTICE - ALLOWANCE_PER_FIELD * len(form.fields)
    wanted = {f.key: f.max_length or TEXT_MAX for f in form.fields if f.kind in ("text", "multiline")}
    limits: dict[str, int] = {}
    left, open_keys = max(room, 0) // WORST_BYTES_PER_CHAR, sorted(wanted, key=lambda k: wanted[k])
    while open_keys:
        share = left // len(open_keys)
        key = open_keys.pop(0)
        limits[key] = min(wanted[key], share)
        left -= limits[key]
    return limits


def form_skeleton(form: Form, lang: str, data: Mapping[str, Any] | None = None) -> Card:
    """The form's card before anything is typed, with every choice chosen (the most a choice can take) and
    the form's own limits: what `input_limits` measures before it shares out the room for typed text."""
    body = [text(form.title, bold=True, size="Medium"), *(lines(form.intro) if form.intro else [])]
    for spec in form.fields:
        chosen: Value = [o.value for o in spec.options] if spec.kind in ("select", "radio", "multiselect") else ""
        body.append(_input(spec, lang, chosen, spec.max_length))
    submit = execute(form.submit, SUBMIT_FORM, _submit_data(form, data), style="positive")
    return card(body, [submit], wide=True)


def _input(spec: Field, lang: str, value: Value, limit: int | None) -> Element:
    element: Element = {"id": spec.key, "label": spec.label, "isRequired": spec.required}
    if spec.required:
        element["errorMessage"] = render("form.error.required", lang)
    if spec.kind in ("text", "multiline"):
        element["type"] = "Input.Text"
        element["isMultiline"] = spec.kind == "multiline"
        if limit is not None:
            element["maxLength"] = limit
        if spec.hint:
            element["placeholder"] = spec.hint
        if isinstance(value, str):
            element["value"] = _echo(value, limit or TEXT_MAX)
        return element
    element["type"] = "Input.ChoiceSet"
    element["choices"] = [{"title": option.label, "value": option.value} for option in spec.options]
    element["style"] = "expanded" if spec.kind == "radio" else "compact"
    element["isMultiSelect"] = spec.kind == "multiselect"
    if spec.hint:
        element["placeholder"] = spec.hint
    known = {option.value for option in spec.options}
    given = value if value is not None else spec.initial
    chosen = [v for v in (given if isinstance(given, list) else [given or ""]) if v in known]  # never echo others
    if chosen:
        element["value"] = ",".join(chosen) if spec.kind == "multiselect" else chosen[0]
    return element


def read_values(form: Form, data: Mapping[str, Any]) -> dict[str, Value]:
    """The values Teams merged into the action's data, by field key (a multi-select comes as "a,b")."""
    out: dict[str, Value] = {}
    for spec in form.fields:
        raw = data.get(spec.key)
        if raw is None:
            out[spec.key] = None
        elif spec.kind == "multiselect":
            items = raw if isinstance(raw, list) else str(raw).split(",")
            out[spec.key] = [str(item).strip() for item in items if str(item).strip()]
        else:
            out[spec.key] = str(raw)
    return out


def outcome_card(title: str, message: str) -> Card:
    """What a form became once it went through: the title and the reply, no inputs left."""
    return card([text(title, bold=True, size="Medium"), *lines(_cut(message, BODY_MAX))], wide=True)


# -- the cards we post ------------------------------------------------------------------------------
def kernteam_card(
    idea: Idea, lang: str, contact_name: str | None, message: str | None = None, procedure: str = CONSENSUS
) -> Card:
    """A new idea in the kernteam channel; 'Oppakken' while nobody has it."""
    body: list[Element] = [notice(message)] if message else []
    body.append(text(render("ui.kernteam.header", lang, reference=idea.reference, title=idea.title), bold=True,
                     size="Medium"))
    body.append(text(render("ui.kernteam.by", lang, submitter=idea.submitter, organisation=idea.organisation or "-"),
                     subtle=True))
    body += lines(_cut(idea.description, 600))
    if idea.support_asked:
        body.append(text(render("ui.kernteam.support", lang, support=_cut(idea.support_asked, 400))))
    status = render(profiled("status", idea.status, procedure), lang)
    body.append(text(render("ui.status_line", lang, status=status), block_id="status"))
    if idea.state is Status.INGEDIEND:
        pick_up = execute(render("ui.button.pick_up", lang), PICK_UP, {REF_KEY: idea.reference}, style="positive")
        return card(body, [pick_up])
    if contact_name:
        body.append(text(render("ui.kernteam.picked_up", lang, name=contact_name), subtle=True, block_id="picked_up"))
    return card(body)


def spend_card(request: SpendRequest, lang: str, decider: str | None, message: str | None = None,
               reason: str | None = None, error: str | None = None, procedure: str = CONSENSUS) -> Card:
    """A spend request for the programmadirecteur: Goedkeuren / Afwijzen (with a reason) while it is
    open, then who decided when."""
    body: list[Element] = [notice(message)] if message else []
    amount = format_euro(request.amount)
    body.append(text(render("ui.spend.header", lang, reference=request.reference, amount=amount), bold=True,
                     size="Medium"))
    body += lines(render("ui.spend.details", lang, purpose=request.purpose, kind=request.kind, line=request.line_key,
                         idea=request.idea_ref or "-", requester=request.requester,
                         when=_day(request.requested_at)))
    if request.status is RequestStatus.REQUESTED:
        reason_input: Element = {"type": "Input.Text", "id": "reason", "isMultiline": True,
                                 "label": render("form.field.reject_reason", lang), "maxLength": TEXT_MAX}
        if reason:
            reason_input["value"] = reason
        body.append(reason_input)
        if error:
            body.append(field_error("reason", error))
        data = {REF_KEY: request.reference}
        return card(body, [
            execute(render("ui.button.approve", lang), APPROVE, data, style="positive", inputs=False),
            execute(render("ui.button.reject", lang), REJECT, data, style="destructive"),
        ])
    state = render(profiled("budget.status", request.status.value, procedure), lang)
    state = state[:1].upper() + state[1:]
    if request.status is RequestStatus.TO_STUURGROEP:
        outcome = render(profiled("ui.spend", "referred", procedure), lang, state=state)
    else:
        when = _day(request.decided_at) if request.decided_at else "-"
        outcome = render("ui.spend.decided", lang, state=state, name=decider or request.decided_by or "-", when=when)
    body.append(text(outcome, bold=True, block_id="outcome"))
    if request.reason and request.status is not RequestStatus.TO_STUURGROEP:
        body.append(text(render("ui.spend.reason", lang, reason=request.reason), block_id="reason"))
    return card(body)


def status_card(idea: Idea, lang: str, updated: datetime, procedure: str = CONSENSUS) -> Card:
    """The indiener's card: one message in their personal chat, rewritten in place as the idea moves
    (as in Slack), so the latest state is always the card they see."""
    status = render(profiled("status", idea.status, procedure), lang)
    following = render(profiled("next", idea.status, procedure), lang, reference=idea.reference)
    return card([
        text(render("ui.card.header", lang, reference=idea.reference, title=idea.title), bold=True, size="Medium"),
        text(render("ui.status_line", lang, status=status), block_id="status"),
        text(render("ui.card.next", lang, next=following), block_id="next"),
        text(render("ui.card.updated", lang, when=_day(updated)), subtle=True, block_id="updated"),
    ])


def table_card(table: Table) -> Card:
    """A list laid out the Teams way: the title, a FactSet with a fact per row (label, value), the
    notes under it."""
    facts = [{"title": _cut(label, 200), "value": card_text(_cut(value or "-", 1000))} for label, value in table.rows]
    body: list[Element] = [text(table.title, bold=True, size="Medium")]
    if facts:
        body.append({"type": "FactSet", "facts": facts, "id": "rows"})
    body += [text(note, subtle=True) for note in table.notes]
    return card(body, wide=True)


def spend_state(request: SpendRequest) -> str:
    return f"{request.status.value}:{request.decided_by or ''}"


def notice_card(subject: str, body: str, button: tuple[str, str, str] | None = None) -> Card:
    """A notification from the outbox; *button* (title, form, reference) opens the form it asks for."""
    blocks = [text(subject, bold=True), *lines(_cut(body, BODY_MAX))]
    if button is None:
        return card(blocks)
    title, form, reference = button
    return card(blocks, [execute(title, OPEN_FORM, {FORM_KEY: form, REF_KEY: reference})])


def round_card(subject: str, body: str, reference: str, lang: str) -> Card:
    """A written round's question: its text, a reason field (needed with an objection) and the three
    answers; Akkoord and Onthouding send no reason, Bezwaar sends the field."""
    blocks = [text(subject, bold=True), *lines(_cut(body, BODY_MAX)),
              {"type": "Input.Text", "id": "reason", "isMultiline": True,
               "label": render("buttons.round.reason", lang), "maxLength": TEXT_MAX}]
    styles = {"akkoord": "positive", "bezwaar": "destructive"}
    return card(blocks, [
        execute(render(f"buttons.round.{c}", lang), ROUND_VOTE, {REF_KEY: reference, CHOICE_KEY: c},
                style=styles.get(c), inputs=c == "bezwaar")
        for c in ROUND_CHOICES
    ])


def answered_round_card(r: WrittenRound, voter: str, lang: str, said: str | None = None,
                        message: str | None = None) -> Card:
    """A round's question once *voter* is done with it (voted, or the round closed): what was said or
    their vote, and where the round stands; no reason field and no buttons left to press again."""
    body: list[Element] = [notice(message)] if message else []
    body.append(text(render("round.ask.subject", lang, reference=r.reference, title=r.title), bold=True))
    vote = r.vote_of(voter)
    if said:
        body.append(text(_cut(said, BODY_MAX), block_id="vote"))
    elif vote is not None:
        choice = render(f"round.choice.{vote.choice}", lang)
        body.append(text(render("round.your_vote", lang, choice=choice, when=_day(vote.at),
                                reason=f": {vote.reason}" if vote.reason else ""), block_id="vote"))
    body.append(text(round_notes([r], lang)[0], subtle=True, block_id="state"))
    return card(body)
