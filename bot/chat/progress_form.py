"""The progress report as a form (a Slack modal, a Teams Adaptive Card): the same four questions as
the console's guided dialog (progress, milestones reached with the proposal's listed as a hint,
money spent so far, risks), carried out by the same service call as `voortgangsrapport`."""

from __future__ import annotations

from bot.chat.form_model import Field, Form, Value
from bot.domain.money import parse_amount
from bot.messages import render
from bot.services.base import Reply
from bot.services.progress import ProgressService


def progress_form(service: ProgressService, reference: str, lang: str, text_max: int) -> Form:
    moment = service.moment(None)
    parts = service.form_hint(reference)
    hint = render("progress.form.hint", lang, parts=" ".join(parts.split())[:400]).strip() if parts else ""
    return Form(
        "progress",
        reference,
        render("progress.form.title", lang, reference=reference, moment=moment.label(lang)),
        render("form.save", lang),
        (
            Field("text", render("progress.form.field.text", lang), "multiline", True, text_max,
                  names=("voortgang",)),
            Field("milestones", render("progress.form.field.milestones", lang), "multiline", False, text_max,
                  hint=hint, names=("mijlpalen",)),
            Field("spent", render("progress.form.field.spent", lang), "text", False, 40),
            Field("risks", render("progress.form.field.risks", lang), "multiline", False, text_max,
                  names=("risico's",)),
        ),
        intro=render("form.reference", lang, reference=reference),
    )


def submit_progress(service: ProgressService, values: dict[str, Value], reference: str, email: str, origin: str,
                    key: str | None) -> Reply:
    def text(name: str) -> str | None:
        value = values.get(name)
        return (", ".join(value) if isinstance(value, list) else value) or None

    spent = text("spent")
    return service.report(email, origin, reference, text("text") or "", milestones=text("milestones"),
                          spent=parse_amount(spent) if spent else None, risks=text("risks"), request_key=key)
