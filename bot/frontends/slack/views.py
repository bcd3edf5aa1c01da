"""Block Kit: the shared forms drawn as Slack modals, the App Home, and the cards we post (the
kernteam's new-idea card, the indiener's status card, the programmadirecteur's spend request).

Pure functions from domain objects and catalogue wording to Slack's JSON; no I/O. Slack's limits
are kept here (titles 24 characters, option texts 75, sections 3000, 100 blocks), so the rest of
the front end never has to think about them. A text field longer than Slack's input allows (3000;
the programme's one limit is `tekst_max`, 4000) is drawn as the field and its continuation, read
back as one value: the modal takes what chat and Teams take.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.chat.forms import Field, Form, Value
from bot.domain.budget_mandate import RequestStatus, SpendRequest
from bot.domain.governance import CONSENSUS
from bot.domain.ideas import Idea
from bot.domain.lifecycle import Status
from bot.domain.money import format_euro
from bot.domain.timezone import to_local
from bot.messages import profiled, render
from bot.reports.table import Table

Block = dict[str, Any]
FORM_CALLBACK = "vaart_form"
SECTION_MAX = 3000
INPUT_MAX = 3000  # Slack's maximum for one plain_text_input
MAX_BLOCKS = 100
CONTINUED = "#"  # block_id of a text field's continuation: "description#2"


def esc(text: str) -> str:
    """Text as Slack mrkdwn shows it literally: the one escape for Slack, for everything a person
    typed. Only &, < and > are special; every mention (`<!channel>`, `<!here>`, `<@U...>`), link
    (`<url|label>`) and channel reference starts with `<`, so none survives this."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def fallback(text: str) -> str:
    """The top-level `text` of a message: Slack parses it as mrkdwn and shows it in notifications,
    so a title typed as `<!channel>` would notify the whole channel."""
    return esc(_cut(text, SECTION_MAX))


def plain(text: str, limit: int = 3000) -> dict[str, Any]:
    return {"type": "plain_text", "text": _cut(text, limit), "emoji": True}


def mrkdwn_section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_MAX)}}


FIELDS_MAX = 10  # fields in one section
FIELD_MAX = 2000  # characters in one field


def table_blocks(table: Table) -> list[Block]:
    """A list laid out the Slack way: the title as a header section, each row as a pair of fields
    (label in bold, value) five rows to a section, the notes as context."""
    blocks: list[Block] = [mrkdwn_section(f"*{esc(table.title)}*")]
    fields = []
    for label, value in table.rows:
        fields += [{"type": "mrkdwn", "text": f"*{esc(label)}*"[:FIELD_MAX]},
                   {"type": "mrkdwn", "text": esc(value)[:FIELD_MAX] or " "}]
    for start in range(0, len(fields), FIELDS_MAX):
        blocks.append({"type": "section", "fields": fields[start : start + FIELDS_MAX]})
    blocks += [context(esc(note)) for note in table.notes]
    return blocks[:MAX_BLOCKS // 2]


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
    for spec in form.fields:
        blocks += _inputs(spec, lang)
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


def _pieces(spec: Field) -> list[int]:
    """The max_length of each input a text field needs: one, or the field and its continuations (each
    continuation starts on a new line, so it has one character less)."""
    if spec.kind not in ("text", "multiline") or spec.max_length is None or spec.max_length <= INPUT_MAX:
        return [spec.max_length] if spec.max_length is not None else []
    sizes, left = [INPUT_MAX], spec.max_length - INPUT_MAX
    while left > 1:
        sizes.append(min(INPUT_MAX, left - 1))
        left -= sizes[-1] + 1
    return sizes


def _inputs(spec: Field, lang: str) -> list[Block]:
    sizes = _pieces(spec)
    blocks = [_input(spec, sizes[0] if sizes else None)]
    for number, size in enumerate(sizes[1:], start=2):
        block = _input(spec, size)
        block["block_id"] = f"{spec.key}{CONTINUED}{number}"
        block["optional"] = True
        block["label"] = plain(render("form.field.continued", lang, label=spec.label), 2000)
        block["hint"] = plain(render("form.hint.continued", lang, first=INPUT_MAX, total=spec.max_length), 2000)
        blocks.append(block)
    return blocks


def _input(spec: Field, max_length: int | None) -> Block:
    element: dict[str, Any] = {"action_id": "value"}
    if spec.kind in ("text", "multiline"):
        element["type"] = "plain_text_input"
        element["multiline"] = spec.kind == "multiline"
        if max_length is not None:
            element["max_length"] = max_length
    else:
        element["type"] = {"select": "static_select", "multiselect": "multi_static_select", "radio": "radio_buttons"}[
            spec.kind
        ]
        element["options"] = [_option(o.value, o.label) for o in spec.options[:100]]
        if spec.kind != "radio":
            element["placeholder"] = plain("…", 150)
        chosen = [o for o in spec.options[:100] if o.value == spec.initial and spec.kind != "multiselect"]
        if chosen:
            element["initial_option"] = _option(chosen[0].value, chosen[0].label)
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
            more = [_typed(state, f"{spec.key}{CONTINUED}{n}") for n in range(2, len(_pieces(spec)) + 1)]
            texts = [str(t) for t in [value, *more] if t]
            out[spec.key] = "\n".join(texts) if texts else (None if value is None else str(value))
    return out


def _typed(state: Mapping[str, Any], block_id: str) -> Any:
    return ((state.get(block_id) or {}).get("value") or {}).get("value")


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
def button(action_id: str, text: str, value: str, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "button", "action_id": action_id, "text": plain(text, 75), "value": value}
    if style:
        element["style"] = style
    return element


def local_time(moment: datetime) -> str:
    return to_local(moment).strftime("%d-%m-%Y %H:%M")


def kernteam_card(idea: Idea, lang: str, contact_name: str | None, procedure: str = CONSENSUS) -> list[Block]:
    """The new idea in the kernteam channel; 'Oppakken' while nobody has it."""
    lines = [
        f"*{render('ui.kernteam.header', lang, reference=idea.reference, title=esc(idea.title))}*",
        render("ui.kernteam.by", lang, submitter=esc(idea.submitter), organisation=esc(idea.organisation or "-")),
        esc(_cut(idea.description, 600)),
    ]
    if idea.support_asked:
        lines.append(render("ui.kernteam.support", lang, support=esc(_cut(idea.support_asked, 400))))
    lines.append(render("ui.status_line", lang, status=render(profiled("status", idea.status, procedure), lang)))
    blocks: list[Block] = [mrkdwn_section("\n".join(lines))]
    if idea.state is Status.INGEDIEND:
        blocks.append(
            {
                "type": "actions",
                "block_id": f"pick_up:{idea.reference}",
                "elements": [button("pick_up", render("ui.button.pick_up", lang), idea.reference, "primary")],
            }
        )
    elif contact_name:
        blocks.append(context(render("ui.kernteam.picked_up", lang, name=esc(contact_name))))
    return blocks


def status_card(idea: Idea, lang: str, updated: datetime, procedure: str = CONSENSUS) -> list[Block]:
    """The indiener's card: one message, updated in place as the idea moves; in the words of the
    programme's decision *procedure* (the VDG's colleges, not a stuurgroep)."""
    status = render(profiled("status", idea.status, procedure), lang)
    nxt = render(profiled("next", idea.status, procedure), lang, reference=idea.reference)
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
        context(render("ui.card.updated", lang, when=local_time(updated))),
    ]


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(text, 3000)}]}


def spend_card(request: SpendRequest, lang: str, decider: str | None, procedure: str = CONSENSUS) -> list[Block]:
    """A spend request for the programmadirecteur: buttons while it is open, then who decided when."""
    lines = [
        f"*{render('ui.spend.header', lang, reference=request.reference, amount=format_euro(request.amount))}*",
        render(
            "ui.spend.details",
            lang,
            purpose=esc(request.purpose),
            kind=esc(request.kind),
            line=esc(request.line_key),
            idea=esc(request.idea_ref or "-"),
            requester=esc(request.requester),
            when=local_time(request.requested_at),
        ),
    ]
    blocks: list[Block] = [mrkdwn_section("\n".join(lines))]
    if request.status is RequestStatus.REQUESTED:
        approve = button("spend_approve", render("ui.button.approve", lang), request.reference, "primary")
        approve["confirm"] = {
            "title": plain(render("ui.confirm.title", lang), 100),
            "text": plain(render("ui.confirm.approve", lang, reference=request.reference,
                                 amount=format_euro(request.amount)), 300),
            "confirm": plain(render("ui.button.approve", lang), 30),
            "deny": plain(render("form.close", lang), 30),
        }
        reject = button("spend_reject", render("ui.button.reject", lang), request.reference, "danger")
        blocks.append({"type": "actions", "block_id": f"spend:{request.reference}", "elements": [approve, reject]})
    else:
        state = render(profiled("budget.status", request.status.value, procedure), lang)
        state = state[:1].upper() + state[1:]
        if request.status is RequestStatus.TO_STUURGROEP:
            text = render(profiled("ui.spend", "referred", procedure), lang, state=state)
        else:
            when = local_time(request.decided_at) if request.decided_at else "-"
            text = render("ui.spend.decided", lang, state=state, name=esc(decider or request.decided_by or "-"),
                          when=when)
            if request.reason:
                text += "\n" + render("ui.spend.reason", lang, reason=esc(request.reason))
        blocks.append(mrkdwn_section(text))
    return blocks


def spend_state(request: SpendRequest) -> str:
    return f"{request.status.value}:{request.decided_by or ''}"


def form_value(form: str, reference: str) -> str:
    """The value of a button that opens *form* (on the App Home)."""
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


# -- the schriftelijke ronde ------------------------------------------------------------------------
ROUND_VOTE = "round_vote_"  # + akkoord | bezwaar | onthouding: one action id per button of the block
ROUND_REASON = "round_reason"
ROUND_CHOICES = ("akkoord", "bezwaar", "onthouding")
REASON_MAX = 3000


def round_blocks(body: str, reference: str, lang: str) -> list[Block]:
    """The question of a written round: its text, a reason field (for an objection) and the three
    answers as buttons; the reason travels with the click in the message's state."""
    blocks = text_blocks(body)
    reason = {"type": "input", "block_id": f"{ROUND_REASON}:{reference}", "optional": True,
              "label": plain(render("buttons.round.reason", lang), 2000),
              "element": {"type": "plain_text_input", "action_id": ROUND_REASON, "multiline": True,
                          "max_length": REASON_MAX}}
    styles = {"akkoord": "primary", "bezwaar": "danger"}
    answers = [button(f"{ROUND_VOTE}{c}", render(f"buttons.round.{c}", lang), reference, styles.get(c))
               for c in ROUND_CHOICES]
    return [*blocks[: MAX_BLOCKS // 2 - 2], reason, {"type": "actions", "block_id": f"round:{reference}",
                                                       "elements": answers}]


def round_reason(state: Mapping[str, Any], reference: str) -> str:
    """The reason typed into the question's field, from a click's state."""
    values = (state.get("values") or {}) if isinstance(state, Mapping) else {}
    field = (values.get(f"{ROUND_REASON}:{reference}") or {}).get(ROUND_REASON) or {}
    return str(field.get("value") or "")
