"""The one place where text becomes Teams markup, so words people typed show as they typed them.

Teams renders an Adaptive Card's TextBlock as Markdown: a title `[Klik hier](https://…)` would be a
link whose target nobody sees, `**…**` bold, a line `- …` or `1. …` a list. `card_text` escapes the
characters of Markdown's inline syntax with a backslash (CommonMark's escape, which Teams honours)
and the markers that start a list or heading at the beginning of a line. Cards carry no Markdown of
their own (weight, size and colour are properties), so the whole text of every TextBlock goes through
it (`bot.frontends.teams.cards.text`).

Plain replies go as Teams' XML (HTML) format instead, because plain text loses single line breaks:
`message_xml` escapes the HTML and joins the lines with <br>.
"""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_\[\]<>~])")
_LINE_START = re.compile(r"^(\s*)(?:([-+#])|(\d+)([.)]))(?=\s|#|$)")


def card_text(value: str) -> str:
    """*value* as a TextBlock shows it literally (line by line: a list marker counts at a line's start)."""
    return "\n".join(_line(line) for line in value.split("\n"))


def _line(line: str) -> str:
    escaped = _MARKDOWN.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}", escaped)


def message_xml(text: str) -> str:
    """A reply in words as Teams' XML format: escaped, lines joined with <br>, leading spaces kept."""
    escaped = [html.escape(line) for line in text.splitlines()]
    kept = [re.sub(r"^ +", lambda m: "&nbsp;" * len(m.group(0)), line) for line in escaped]
    return "<br>".join(kept) or " "
