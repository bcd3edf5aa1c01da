"""Paged lists: how a list says that more follows, and the command that shows the next page."""

from __future__ import annotations

NL: dict[str, str] = {
    "pages.more": "  … en nog {count} meer: typ '{command}'",
    "pages.next.mine": "mijn na {after}",
    "pages.next.tasks": "mijn taken na {after}",
    "pages.next.open": "open na {after}",
    "pages.next.decisions": "besluiten na {after}",
    "pages.next.objections": "bezwaren na {after}",
    "pages.next.escalations": "escalaties na {after}",
    "pages.next.requests": "uitgaven na {after}",
    "pages.next.mine_requests": "mijn uitgaven na {after}",
    "pages.usage": "Gebruik: {command} [na REFERENTIE] (de volgende bladzijde na die regel).",
    "pages.button.more": "Meer ({count})",
    "pages.tasks.header": "Wacht op u:",
    "decisions.unknown_number": "Ik ken geen besluit '{number}'; typ 'besluiten' voor het besluitenregister.",
}

EN: dict[str, str] = {
    "pages.more": "  … and {count} more: type '{command}'",
    "pages.next.mine": "mine after {after}",
    "pages.next.tasks": "mine tasks after {after}",
    "pages.next.open": "open after {after}",
    "pages.next.decisions": "decisions after {after}",
    "pages.next.objections": "bezwaren after {after}",
    "pages.next.escalations": "escalaties after {after}",
    "pages.next.requests": "requests after {after}",
    "pages.next.mine_requests": "mine requests after {after}",
    "pages.usage": "Usage: {command} [after REFERENCE] (the next page after that line).",
    "pages.button.more": "More ({count})",
    "pages.tasks.header": "Waiting for you:",
    "decisions.unknown_number": "I know no decision '{number}'; type 'decisions' for the decision register.",
}
