"""Forms too big for one Teams card, shown in steps: the advice form (a judgement and a note per criterion
and per leidend principe, 11 notes of `programme.limits.text_max` each) would pass Teams' message limit
on one card, so it comes as consecutive cards, each under `cards.CARD_BUDGET` with every note at the same
4,000 characters chat and Slack accept. Why steps rather than a smaller limit: one limit everywhere
(#15 item 14); why the store rather than the card: the earlier steps' values carried in the next card
would make that card as big as the whole form again.

A step's values are checked when it is submitted and kept in `FormDrafts` (platform state, nothing on
record; saving is an upsert, so a retried step saves the same and shows the same next card). Only the
last step calls the service, with all steps' values, through `FormBook.submit`: one transaction as before.
Its request key and answer stay with the draft (the values go), so a retry of the last step is answered
from there. An error about an earlier step's field shows that step, with what was typed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from microsoft_agents.activity import InvokeResponse

from bot.chat.form_model import check_values
from bot.chat.forms import Field, Form, FormBook, FormErrors, Value
from bot.domain.errors import Refused
from bot.frontends.teams import cards
from bot.messages import render
from bot.services.ports.conversations import FormDrafts
from bot.services.ports.unit_of_work import Clock

STEP_KEY = "_step"
_WIDEST = 99  # the step numbers the title is measured with


def split(form: Form, lang: str) -> list[Form]:
    """*form* as consecutive parts that each fit one card at the form's own limits (a choice and the text
    after it stay together); the form itself when it fits."""
    if _fits(form, lang, form.fields, _WIDEST, _WIDEST):
        return [form]
    groups: list[list[Field]] = []
    for unit in _units(form.fields):
        if groups and _fits(form, lang, (*groups[-1], *unit), _WIDEST, _WIDEST):
            groups[-1].extend(unit)
        else:
            groups.append(list(unit))
    return [_part(form, lang, tuple(group), n, len(groups)) for n, group in enumerate(groups, start=1)]


def step_card(part: Form, step: int, steps: int, lang: str, values: Mapping[str, Value] | None = None,
              errors: Mapping[str, str] | None = None, message: str | None = None) -> cards.Card:
    data = {STEP_KEY: step} if steps > 1 else None
    return cards.form_card(part, lang, values, errors, message, data)


def _units(fields: tuple[Field, ...]) -> list[tuple[Field, ...]]:
    units: list[tuple[Field, ...]] = []
    for spec in fields:
        if units and spec.kind in ("text", "multiline") and units[-1][-1].kind in ("select", "radio"):
            units[-1] = (*units[-1], spec)
        else:
            units.append((spec,))
    return units


def _part(form: Form, lang: str, fields: tuple[Field, ...], step: int, steps: int) -> Form:
    title = render("teams.form.step_title", lang, title=form.title, step=step, steps=steps)
    submit = form.submit if step == steps else render("teams.form.next", lang)
    return replace(form, title=title, submit=submit, fields=fields)


def _fits(form: Form, lang: str, fields: tuple[Field, ...], step: int, steps: int) -> bool:
    part = _part(form, lang, fields, step, steps)
    limits = cards.input_limits(part, lang, {STEP_KEY: step})
    return all(limits[f.key] >= (f.max_length or cards.TEXT_MAX) for f in fields if f.kind in ("text", "multiline"))


class SteppedForms:
    """The Teams side of a form in steps: each step's submission, the draft between them, the last one."""

    def __init__(self, forms: FormBook, drafts: FormDrafts, clock: Clock) -> None:
        self.forms = forms
        self.drafts = drafts
        self.clock = clock

    async def first_card(self, email: str, form: Form, lang: str) -> cards.Card:
        """The form's card, or its first step's when it comes in steps, with what was kept of an unfinished one."""
        parts = split(form, lang)
        if len(parts) == 1:
            return cards.form_card(form, lang)
        draft = await asyncio.to_thread(self.drafts.get, email, form.name, form.reference)
        return step_card(parts[0], 1, len(parts), lang, draft.values if draft is not None else None)

    async def submit(self, email: str, lang: str, form: Form, parts: list[Form], raw_step: Any,
                     data: Mapping[str, Any], key: str | None, origin: str) -> InvokeResponse:
        steps = len(parts)
        step = _step_number(raw_step, steps)
        part = parts[step - 1]
        values = cards.read_values(part, data)
        name, reference = form.name, form.reference
        draft = await asyncio.to_thread(self.drafts.get, email, name, reference)
        if step == steps and draft is not None and key is not None and draft.done_key == key and draft.outcome:
            return _answer(cards.outcome_card(form.title, draft.outcome))  # a retried last step
        kept: dict[str, Value] = dict(draft.values) if draft is not None else {}
        earlier = [f.key for p in parts[: step - 1] for f in p.fields]
        if any(k not in kept for k in earlier):
            lost = render("teams.form.step_lost", lang)
            return _answer(step_card(parts[0], 1, steps, lang, kept, message=lost))
        try:
            await asyncio.to_thread(self.forms.may_open, name, reference, email)
        except Refused as refusal:
            return _answer(step_card(part, step, steps, lang, values, message=self.forms.chat.describe(refusal, lang)))
        kept.update(values)
        if step < steps:
            try:
                check_values(part, values, lang)
            except FormErrors as problems:
                return _answer(step_card(part, step, steps, lang, values, problems.errors))
            await asyncio.to_thread(self.drafts.save, email, name, reference, kept, self.clock.now())
            return _answer(step_card(parts[step], step + 1, steps, lang, kept))
        try:
            submitted = await asyncio.to_thread(self.forms.submit, name, reference, kept, email, origin, lang, key)
        except FormErrors as problems:
            await asyncio.to_thread(self.drafts.save, email, name, reference, kept, self.clock.now())
            first = next((n for n, p in enumerate(parts, start=1) if any(f.key in problems.errors for f in p.fields)),
                         steps)
            return _answer(step_card(parts[first - 1], first, steps, lang, kept, problems.errors))
        except Refused as refusal:
            return _answer(step_card(part, step, steps, lang, values, message=self.forms.chat.describe(refusal, lang)))
        await asyncio.to_thread(self.drafts.finish, email, name, reference, key, submitted.text, self.clock.now())
        return _answer(cards.outcome_card(form.title, submitted.text))


def _step_number(raw: Any, steps: int) -> int:
    try:
        step = int(str(raw))
    except ValueError:
        return 1
    return min(max(step, 1), steps)


def _answer(card: cards.Card) -> InvokeResponse:
    return InvokeResponse(status=200, body={"statusCode": 200, "type": cards.CARD_TYPE, "value": card})
