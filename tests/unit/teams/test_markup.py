"""Teams markup from text: Markdown escaped in cards, HTML escaped in replies."""

from __future__ import annotations

import pytest

from bot.frontends.teams.markup import card_text, message_xml
from tests.e2e.teams_fakes import shown


@pytest.mark.parametrize(("typed", "escaped"), [
    ("[Klik hier](https://phish.example)", "\\[Klik hier\\](https://phish.example)"),
    ("**vet** en _schuin_ en `code` en ~~weg~~", "\\*\\*vet\\*\\* en \\_schuin\\_ en \\`code\\` en \\~\\~weg\\~\\~"),
    ("<at>Iedereen</at> a\\b", "\\<at\\>Iedereen\\</at\\> a\\\\b"),
    ("- punt\n+ plus\n* ster\n1. een\n2) twee\n# kop\n  - ingesprongen",
     "\\- punt\n\\+ plus\n\\* ster\n1\\. een\n2\\) twee\n\\# kop\n  \\- ingesprongen"),
    ("ZOD-2026-0001 kost € 1.500,00 (#3), 3.5 - 2", "ZOD-2026-0001 kost € 1.500,00 (#3), 3.5 - 2"),
])
def test_markdown_in_typed_text_is_escaped_and_shows_as_typed(typed: str, escaped: str) -> None:
    assert card_text(typed) == escaped
    assert shown(card_text(typed)) == typed


def test_a_reply_is_html_escaped_with_its_lines_and_indents_kept() -> None:
    assert message_xml("a <b> & c\n  twee") == "a &lt;b&gt; &amp; c<br>&nbsp;&nbsp;twee"
    assert message_xml("") == " "
