"""The web pages' wording for a programme whose colleges decide one by one (the VDG's `per-member-body`
procedure): no stuurgroep, no expertteam, no mandate. The web's `t()` picks these over the Regio Deal's."""

from __future__ import annotations

NL: dict[str, str] = {
    "web.home.per-member-body.register": "alle besluiten van de colleges, te downloaden (Woo)",
    "web.home.per-member-body.meetings": "wanneer de overleggen vergaderen",
    "web.home.per-member-body.team_text": "Indieners, het bureau, de overleggen en de accounthouders zien hun werk "
    "na aanmelden.",
    "web.register.per-member-body.lead": "Elk besluit van de colleges over voorstellen en uitgaven, actief "
    "openbaar gemaakt onder de Wet open overheid.",
    "web.meetings.per-member-body.title": "Vergaderdata van de overleggen",
    "web.meetings.per-member-body.lead": "De portefeuillehoudersoverleggen bereiden voor; over de inzet van "
    "middelen besluit elk college zelf.",
    "web.sg.per-member-body.index": "Vergaderingen",
    "web.sg.per-member-body.none_stored": "Er staan nog geen vergaderingen in de agenda (de staf voegt ze toe).",
    "web.finance.per-member-body.no_mandate": "Uitgaven: elk college besluit zelf",
    "web.nav.per-member-body.stuurgroep": "Vergaderingen",
    "web.idea.per-member-body.meeting": "Vergadering",
    "web.idea.per-member-body.decision": "Besluit van de colleges",
    "web.event.per-member-body.submit_for_review": "toetsing: niet in dit programma",
    "web.event.per-member-body.no_consensus": "geen consensus: niet in dit programma",
    "web.event.per-member-body.preparatory_advice": "advies van het PHO vastgelegd",
    "web.event.per-member-body.body_decision": "collegebesluit vastgelegd",
    "web.spend_status.per-member-body.to_stuurgroep": "bij de colleges",
}

EN: dict[str, str] = {
    "web.home.per-member-body.register": "every decision of the colleges, downloadable (Open Government Act)",
    "web.home.per-member-body.meetings": "when the meetings are held",
    "web.home.per-member-body.team_text": "Submitters, the office, the meetings and the account holders see their "
    "work after signing in.",
    "web.register.per-member-body.lead": "Every decision of the colleges on proposals and spending, published "
    "under the Open Government Act (Woo).",
    "web.meetings.per-member-body.title": "Meeting dates",
    "web.meetings.per-member-body.lead": "The portfolio holders' meetings prepare; each college decides on the "
    "use of funds itself.",
    "web.sg.per-member-body.index": "Meetings",
    "web.sg.per-member-body.none_stored": "There are no meetings in the calendar yet (the staff adds them).",
    "web.finance.per-member-body.no_mandate": "Spending: each college decides itself",
    "web.nav.per-member-body.stuurgroep": "Meetings",
    "web.idea.per-member-body.meeting": "Meeting",
    "web.idea.per-member-body.decision": "Decision of the colleges",
    "web.event.per-member-body.submit_for_review": "review: not in this programme",
    "web.event.per-member-body.no_consensus": "no consensus: not in this programme",
    "web.event.per-member-body.preparatory_advice": "the PHO's advice recorded",
    "web.event.per-member-body.body_decision": "college decision recorded",
    "web.spend_status.per-member-body.to_stuurgroep": "with the colleges",
}
