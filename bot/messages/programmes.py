"""Wording of several programmes in one installation: the `programma` command, its refusals, and the
programme line of a home view."""

NL: dict[str, str] = {
    "usage.programma": "programma [CODE]",
    "help.cmd.programma": "de programma's van deze installatie, of wisselen naar een ander (in een direct bericht)",
    "programme.list": "De programma's van deze installatie (typ 'programma CODE' om te wisselen):",
    "programme.current": "  ← huidig",
    "programme.switched": "U werkt nu in {name} ({programme}): uw directe berichten gaan voortaan naar dit programma.",
    "programme.switched_console": "U werkt nu in {name} ({programme}): wat u hier verder typt, gaat naar dit "
    "programma.",
    "programme.pinned": "Dit kanaal hoort bij programma {programme}, dus wisselen kan hier niet; typ 'programma CODE' "
    "in een direct bericht met de bot.",
    "programme.unknown": "Programma '{programme}' ken ik niet in deze installatie; kies uit {codes}.",
    "programme.unknown_reference": "De verwijzing '{reference}' hoort bij geen programma van deze installatie, dus "
    "er is niets gedaan; typ 'status REF' met een verwijzing die de bot u gaf.",
    "ui.home.programme_switch": "U werkt hier in programma {programme}; wissel met een knop hieronder, of typ "
    "'programma CODE' in een direct bericht.",
    "ui.button.programme": "Naar {programme}",
}

EN: dict[str, str] = {
    "usage.programma": "programme [CODE]",
    "help.cmd.programma": "the programmes of this installation, or switch to another (in a direct message)",
    "programme.list": "The programmes of this installation (type 'programme CODE' to switch):",
    "programme.current": "  ← current",
    "programme.switched": "You now work in {name} ({programme}): your direct messages go to this programme from "
    "now on.",
    "programme.switched_console": "You now work in {name} ({programme}): what you type here from now on goes to "
    "this programme.",
    "programme.pinned": "This channel belongs to programme {programme}, so you cannot switch here; type "
    "'programme CODE' in a direct message with the bot.",
    "programme.unknown": "I do not know programme '{programme}' in this installation; choose from {codes}.",
    "programme.unknown_reference": "The reference '{reference}' belongs to no programme of this installation, so "
    "nothing was done; type 'status REF' with a reference the bot gave you.",
    "ui.home.programme_switch": "You work in programme {programme} here; switch with a button below, or type "
    "'programme CODE' in a direct message.",
    "ui.button.programme": "Switch to {programme}",
}
