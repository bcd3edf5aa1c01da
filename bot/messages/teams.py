"""Wording only the Teams front end needs: its greeting, its start-up refusals, and its buttons.

Everything else Teams shows (forms, cards, refusals) comes from the shared codes in `frontends`
and `core`; no markup here (the cards add their own styles).
"""

NL: dict[str, str] = {
    "teams.welcome": "Welkom bij vaart, de governance-bot van {programme}. Typ 'help' voor alle commando's, of "
    "'idee' voor het formulier voor een nieuw idee.",
    "teams.channels_invalid": "TEAMS_CHANNELS bevat '{part}', maar elk kanaal is NAAM=19:...@thread.tacv2; "
    "vaart start niet met deze instelling.",
    "teams.no_client_id": "Teams staat aan, maar TEAMS_CLIENT_ID ontbreekt: zonder client-id kan vaart de tokens van "
    "Teams niet controleren en start het niet, dus zet de client-id van de app-registratie, of TEAMS_LOCAL_MODE=1 om "
    "alleen lokaal (127.0.0.1) zonder aanmelding te proberen.",
    "teams.no_tenant": "TEAMS_TENANT_ID ontbreekt: zet de tenant van de app-registratie.",
    "teams.no_credentials": "TEAMS_CLIENT_ID is gezet, maar TEAMS_CLIENT_SECRET en TEAMS_CERTIFICATE_PATH ontbreken: "
    "vaart kan zich zo niet aanmelden om te antwoorden.",
    "teams.certificate_missing": "Het certificaat in TEAMS_CERTIFICATE_PATH bestaat niet: {path}",
    "teams.unknown_action": "Deze knop ken ik niet (meer); typ 'help' voor wat wel kan.",
    "teams.button.open": "Formulier openen",
    "teams.form.step_title": "{title}, stap {step} van {steps}",
    "teams.form.next": "Volgende",
    "teams.form.step_lost": (
        "De eerdere stappen van dit formulier zijn niet meer bewaard en er is nog niets vastgelegd; vul ze opnieuw "
        "in."
    ),
}

EN: dict[str, str] = {
    "teams.welcome": "Welcome to vaart, the governance bot of {programme}. Type 'help' for every command, or 'idee' "
    "for the form for a new idea.",
    "teams.channels_invalid": "TEAMS_CHANNELS holds '{part}', but each channel is NAME=19:...@thread.tacv2; "
    "vaart does not start with this setting.",
    "teams.no_client_id": "Teams is switched on, but TEAMS_CLIENT_ID is missing: without a client id vaart cannot "
    "check the tokens Teams sends and does not start, so set the app registration's client id, or TEAMS_LOCAL_MODE=1 "
    "to try it locally (127.0.0.1) without sign-in.",
    "teams.no_tenant": "TEAMS_TENANT_ID is missing: set the tenant of the app registration.",
    "teams.no_credentials": "TEAMS_CLIENT_ID is set, but TEAMS_CLIENT_SECRET and TEAMS_CERTIFICATE_PATH are missing: "
    "vaart cannot sign in to answer.",
    "teams.certificate_missing": "The certificate in TEAMS_CERTIFICATE_PATH does not exist: {path}",
    "teams.unknown_action": "I do not know this button (any more); type 'help' for what you can do.",
    "teams.button.open": "Open the form",
    "teams.form.step_title": "{title}, step {step} of {steps}",
    "teams.form.next": "Next",
    "teams.form.step_lost": (
        "The earlier steps of this form are no longer kept and nothing has been recorded yet; please fill them in "
        "again."
    ),
}
