"""Putting the rows of every table together: references, footnotes, duplicates, frozen projects.

Runs after all tables of a file are interpreted, because footnotes sit below the table they
annotate and a split project's reference depends on its head.
"""

from __future__ import annotations

from bot.domain.budget import Project
from bot.services.ports.budget_import import CellRemark, Footnote, ImportWarning, RejectedRow
from integrations.budget_import.parser import Draft, TableParse


def finish(
    parses: list[TableParse],
) -> tuple[list[Project], list[CellRemark], list[ImportWarning], list[RejectedRow]]:
    """Number the projects, attach footnotes, check for duplicates; freeze everything."""
    drafts = [d for p in parses for d in p.drafts]
    footnotes = [f for p in parses for f in p.footnotes]
    warnings = [w for p in parses for w in p.warnings]
    rejected: list[RejectedRow] = []
    by_mark: dict[str, list[Footnote]] = {}
    for note in footnotes:
        by_mark.setdefault(note.mark, []).append(note)
    for mark, notes in by_mark.items():
        if len(notes) > 1:
            warnings.append(
                ImportWarning(
                    notes[1].where,
                    "budget_import.footnote_duplicate",
                    {"mark": mark, "count": str(len(notes))},
                )
            )
    used: set[str] = set()
    for draft in drafts:
        if draft.parent is not None:
            index = draft.parent.children.index(draft)
            suffix = chr(ord("a") + index) if index < 26 else f"-{index + 1}"
            draft.reference = f"{draft.parent.reference}{suffix}"
        else:
            base = draft.number or f"r{draft.where}"
            draft.reference = f"{draft.group}:{base}" if draft.group else base
        for tranche, mark in draft.marks:
            used.add(mark)
            notes = by_mark.get(mark, [])
            if not notes:
                warnings.append(
                    ImportWarning(
                        draft.where, "budget_import.footnote_undefined", {"mark": mark, "project": draft.name}
                    )
                )
            for note in notes:
                draft.remarks.append(f"{tranche} {mark}: {note.text}")
    for mark, notes in by_mark.items():
        if mark not in used:
            warnings.append(ImportWarning(notes[0].where, "budget_import.footnote_unused", {"mark": mark}))
    for draft in drafts:
        if draft.penvoerder:
            continue
        if draft.children:  # the head of a split project: its parts' penvoerders
            draft.penvoerder = " en ".join(dict.fromkeys(c.penvoerder for c in draft.children))
        else:
            rejected.append(
                RejectedRow(draft.where, "budget_import.no_penvoerder", "", {"project": draft.name})
            )
    seen: dict[str, Draft] = {}
    for draft in drafts:
        if draft.reference in seen:
            rejected.append(
                RejectedRow(
                    draft.where,
                    "budget_import.duplicate_project",
                    "",
                    {"project": draft.reference, "first": str(seen[draft.reference].where)},
                )
            )
        else:
            seen[draft.reference] = draft
    projects = [
        Project(
            reference=d.reference,
            name=d.name if d.parent is None else f"{d.parent.name}: {d.name}",
            group=d.group,
            penvoerder=d.penvoerder,
            tranches=dict(d.tranches),
            cofinanciering=d.cofinanciering,
            remarks=tuple(d.remarks),
            progress=tuple(d.progress),
            parent=d.parent.reference if d.parent is not None else None,
        )
        for d in drafts
    ]
    by_row = {d.where: d.reference for d in drafts}
    remarks = [CellRemark(r.where, r.column, r.text, by_row.get(r.where)) for p in parses for r in p.remarks]
    return projects, remarks, warnings, rejected
