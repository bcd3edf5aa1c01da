"""Charts as server-rendered SVG: no script, no inline style (the CSP forbids both), colours as
presentation attributes. Every chart has a title for screen readers (`role="img"`), and the page
puts the same figures in a table beside it, for those who cannot see it and for print.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from markupsafe import Markup, escape

BAR = "#1a5c8a"  # 7.0:1 on white
CAP = "#8a1a1a"
GRID = "#6b6b6b"
INK = "#1f1f1f"
HEAT = ("#f2f2f2", "#cfe2f3", "#9fc5e8", "#3d85c6", "#1a5c8a", "#0b3a5c")


def _number(value: Decimal | int) -> float:
    return float(value)


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, Decimal | int, str]],
         cap: tuple[Decimal, str] | None = None) -> Markup:
    """Horizontal bars: (label, value, value as text) per row; *cap* draws a limit line with its label."""
    width, label_w, row_h, pad = 640, 220, 28, 8
    values = [_number(v) for _, v, _ in rows]
    top = max([*values, _number(cap[0]) if cap else 0.0, 1.0])
    plot = width - label_w - 110
    height = pad * 2 + row_h * max(len(rows), 1) + (24 if cap else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vaart-chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(chart_id)}-title"><title id="{escape(chart_id)}-title">{escape(title)}</title>'
    ]
    for index, (label, value, text) in enumerate(rows):
        y = pad + index * row_h
        length = max(_number(value) / top * plot, 0.0)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(_cut(label, 34))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row_h - 10}" fill="{BAR}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 18}" font-size="12" fill="{INK}">{escape(text)}</text>'
        )
    if cap:
        x = label_w + _number(cap[0]) / top * plot
        bottom = height - 20
        parts.append(
            f'<line x1="{x:.1f}" y1="{pad}" x2="{x:.1f}" y2="{bottom}" stroke="{CAP}" stroke-width="2" '
            f'stroke-dasharray="6 3"/><text x="{x:.1f}" y="{height - 6}" text-anchor="middle" font-size="12" '
            f'fill="{CAP}">{escape(cap[1])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _cut(text: str, width: int) -> str:
    """*text* in at most *width* characters, ending in '…' where it was longer (never cut unseen)."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int, most: int) -> list[str]:
    """Words on at most *most* lines of at most *width* characters. A longer word is broken with a
    hyphen, not cut ('Intergenerationele' lost its last letter); text beyond the last line ends in '…'
    (the table beside the chart names it in full)."""
    lines: list[str] = []
    joinable = False  # whether the last line ends in a whole word
    for word in text.split():
        while len(word) > width:
            lines.append(word[: width - 1] + "-")
            word, joinable = word[width - 1 :], False
        if joinable and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
        joinable = True
    if len(lines) > most:
        lines = [*lines[: most - 1], _cut(lines[most - 1] + " …", width)]
    return lines


def heatmap(chart_id: str, title: str, rows: Sequence[str], columns: Sequence[str],
            counts: Sequence[Sequence[int]]) -> Markup:
    """A grid of *rows* x *columns*; darker is more; the count stands in each cell (0 is marked)."""
    cell_w, cell_h, label_w, head_h = 110, 34, 230, 80
    width = label_w + cell_w * len(columns) + 4
    height = head_h + cell_h * len(rows) + 4
    top = max([max(r) for r in counts if r] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vaart-chart" role="img" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{escape(chart_id)}-title"><title id="{escape(chart_id)}-title">{escape(title)}</title>'
    ]
    for j, column in enumerate(columns):
        x = label_w + j * cell_w + cell_w / 2
        for k, line in enumerate(_wrap(column, 18, 3)):  # 18 characters of 11 px fit a 110 px column
            parts.append(
                f'<text x="{x:.1f}" y="{head_h - 50 + k * 15}" text-anchor="middle" font-size="11" '
                f'fill="{INK}">{escape(line)}</text>'
            )
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 21}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(_cut(row, 32))}</text>"
        )
        for j, count in enumerate(counts[i]):
            shade = 0 if count == 0 else 1 + min(int(count / top * (len(HEAT) - 2)), len(HEAT) - 2)
            ink = "#ffffff" if shade >= 3 else INK
            x = label_w + j * cell_w
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{HEAT[shade]}" '
                f'stroke="{GRID}" stroke-width="0.5"/><text x="{x + cell_w / 2:.1f}" y="{y + 22}" '
                f'text-anchor="middle" font-size="13" fill="{ink}">{count if count else "0 !"}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
