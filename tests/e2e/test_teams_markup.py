"""What people type reaches Teams as text, never as Markdown or markup: the real ASGI app on 127.0.0.1
with JWT validation on, an idea typed with a link, bold and HTML in its title and
description, and every activity the fake Bot Connector receives read raw, as Teams would render it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cast import EMAIL
from tests.e2e.teams_fakes import shown
from tests.e2e.teams_support import KERNTEAM, USERS, TeamsHarness, running_teams

ANNA_T, KEES = USERS["anna"], USERS["kees"]
TITLE = "<b>Bus</b> & [Klik hier](https://phish.invalid/login) **Bus**"
DESCRIPTION = "Een bus & _schuin_ `code`\n- punt"
# Markdown that Teams would render in a TextBlock: a link, bold or italics, code, an HTML tag
RENDERED = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)\*\*|(?<![\\\w])_[^_]+(?<!\\)_|(?<!\\)`|(?<!\\)<b>")


@pytest.fixture
def teams(tmp_path: Path) -> Iterator[TeamsHarness]:
    with running_teams(tmp_path) as harness:
        yield harness


def _text_blocks(elements: list[dict[str, Any]]) -> Iterator[str]:
    for element in elements:
        if element.get("type") == "TextBlock":
            yield str(element.get("text", ""))
        for key in ("items", "columns"):
            if isinstance(element.get(key), list):
                yield from _text_blocks(element[key])


def test_typed_markdown_reaches_teams_as_text_in_replies_and_in_the_kernteam_card(teams: TeamsHarness) -> None:
    teams.register_people()
    teams.install_in_team(KEES)
    reply = teams.answer(ANNA_T, f"idee {TITLE} | {DESCRIPTION}")
    assert "ZOD-2026-0001" in reply
    assert teams.app.ideas.status(EMAIL["kernteam"], "ZOD-2026-0001").title == TITLE  # stored as typed
    teams.answer(ANNA_T, "status ZOD-2026-0001")
    teams.deliver()
    [posted] = teams.connector.sent(KERNTEAM)
    blocks = [t for c in posted.cards for t in _text_blocks(c.get("body") or [])]
    assert any(TITLE in shown(t) for t in blocks)  # shown exactly as typed ...
    sent = teams.connector.sent()
    raw_blocks = [t for s in sent for c in s.cards for t in _text_blocks(c.get("body") or [])]
    leaked = sorted({t for t in raw_blocks if RENDERED.search(t)})
    assert leaked == [], leaked  # ... and never as a link, bold, italics, code or HTML
    texts = [str(s.activity.get("text") or "") for s in sent]
    assert any("&lt;b&gt;Bus&lt;/b&gt; &amp; [Klik" in t for t in texts)  # the XML replies are HTML-escaped
    assert not any("<b>" in t for t in texts)
