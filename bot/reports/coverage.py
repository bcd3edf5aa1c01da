"""The DIN coverage overview as text (chat `dekking`, `vaart din coverage`), as JSON, and as a heat
map programmalijn x opgave (PNG, matplotlib as the budget chart uses it). Elements with nothing
linked come first and are marked: that is where the programme has not invested yet (§5)."""

from __future__ import annotations

import io
from typing import Any

from bot.domain.cycle import Coverage, CoverageRow
from bot.domain.governance import CONSENSUS
from bot.domain.money import format_euro
from bot.messages import profiled, render


def row_text(row: CoverageRow, lang: str) -> str:
    return render(
        "coverage.line",
        lang,
        mark=render("coverage.mark_empty", lang) if row.empty else "  ",
        kind=render(f"coverage.kind.{row.kind}", lang),
        name=row.name,
        ideas=row.ideas,
        proposals=row.proposals,
        projects=row.projects,
        allocated=format_euro(row.allocated),
    )


def render_text(report: Coverage, lang: str = "nl", procedure: str = CONSENSUS) -> str:
    """The coverage in words; *procedure*: the profile's (the Regio Deal's header cites its §5, the VDG's not)."""
    empty = sum(1 for r in report.rows if r.empty)
    lines = [render(profiled("coverage", "header", procedure), lang, count=len(report.rows), empty=empty)]
    lines += [row_text(r, lang) for r in report.rows]
    return "\n".join(lines)


def to_dict(report: Coverage) -> dict[str, Any]:
    return {
        "elements": [
            {"kind": r.kind, "name": r.name, "ideas": r.ideas, "proposals": r.proposals, "projects": r.projects,
             "allocated": f"{r.allocated:.2f}", "empty": r.empty}
            for r in report.rows
        ],
        "heatmap": {
            "programmalijnen": list(report.lines),
            "opgaven": list(report.opgaven),
            "linked": [[report.heat.get((line, goal), 0) for goal in report.opgaven] for line in report.lines],
        },
    }


def chart_png(report: Coverage, lang: str = "nl") -> bytes:
    """Heat map: a row per programmalijn, a column per opgave, the number of ideas linked to both."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    grid = [[report.heat.get((line, goal), 0) for goal in report.opgaven] for line in report.lines]
    figure = Figure(figsize=(2.0 + 1.6 * max(1, len(report.opgaven)), 1.5 + 0.6 * max(1, len(report.lines))), dpi=100)
    axes = figure.subplots()
    image = axes.imshow(grid, cmap="YlGn", aspect="auto", vmin=0)
    axes.set_xticks(range(len(report.opgaven)), [_wrap(o) for o in report.opgaven], fontsize="small")
    axes.set_yticks(range(len(report.lines)), list(report.lines), fontsize="small")
    for y, row in enumerate(grid):
        for x, value in enumerate(row):
            axes.text(x, y, "—" if value == 0 else str(value), ha="center", va="center", fontsize="small")
    axes.set_title(render("coverage.chart_title", lang))
    figure.colorbar(image, ax=axes, label=render("coverage.chart_scale", lang))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _wrap(text: str, width: int = 16) -> str:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return "\n".join([*lines, current])
