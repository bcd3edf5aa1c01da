"""Turning an import's findings into sentences, for the chat reply that follows an upload.

The import reports codes and numbers; this puts them through the one message catalogue so the
person who uploaded the file reads, per line, what was kept as a remark, which totals do not add
up and why rows were rejected.
"""

from __future__ import annotations

from bot.domain.errors import Refused
from bot.domain.money import format_euro
from bot.messages import render
from bot.services.ports.budget_import import ImportResult, RejectedRow


def explain_rejected_row(row: RejectedRow, lang: str = "nl") -> str:
    reason = render(row.code, lang, **row.params)
    return render("budget_import.row", lang, line=str(row.where), column=row.column or "-", reason=reason)


def explain_refusal(refusal: Refused, lang: str = "nl") -> list[str]:
    """The refusal itself, then one line per rejected row when it carries them."""
    lines = [render(refusal.code, lang, **refusal.params)]
    rows = refusal.params.get("rows", ())
    lines += [explain_rejected_row(row, lang) for row in rows if isinstance(row, RejectedRow)]
    return lines


def explain_result(result: ImportResult, lang: str = "nl") -> list[str]:
    """A summary, then every total that does not add up, every remark and every warning."""
    lines = [
        render(
            "budget_import.summary",
            lang,
            name=result.source,
            projects=str(len(result.projects)),
            remarks=str(len(result.remarks)),
            mismatches=str(len(result.total_mismatches)),
        )
    ]
    for m in result.total_mismatches:
        if m.declared is None:
            lines.append(
                render(
                    "budget_import.total_missing",
                    lang,
                    line=str(m.where),
                    label=m.label,
                    column=m.column,
                    computed=format_euro(m.computed),
                )
            )
        else:
            lines.append(
                render(
                    "budget_import.total_mismatch",
                    lang,
                    line=str(m.where),
                    label=m.label,
                    column=m.column,
                    declared=format_euro(m.declared),
                    computed=format_euro(m.computed),
                    difference=format_euro(m.difference),
                )
            )
    for r in result.remarks:
        lines.append(render("budget_import.remark", lang, line=str(r.where), column=r.column, text=r.text))
    for w in result.warnings:
        lines.append(render(w.code, lang, **w.params))
    return lines
