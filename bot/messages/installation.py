"""Wording of an installation with several programmes (`VAART_PROGRAMMES`, `--programma`, the
programme list on the command line and on the web): what stops the start, and what a wrong choice
of programme is answered with."""

from __future__ import annotations

NL: dict[str, str] = {
    "installation.unreadable": "Het programmabestand {file} uit VAART_PROGRAMMES is niet te lezen ({reason}), "
    "dus geef een bestaand TOML-bestand of een meegeleverde naam ({shipped}).",
    "installation.bad_code": "Het programmabestand {file} heeft de code '{given}', maar een programma in een "
    "installatie met meer programma's heeft een code van letters en cijfers die met een letter begint.",
    "installation.duplicate_code": "De programmabestanden {first} en {second} in VAART_PROGRAMMES hebben allebei "
    "de code {programme}, dus geef elk programma een eigen [programma] code.",
    "installation.duplicate_prefix": "De programmabestanden {first} en {second} in VAART_PROGRAMMES hebben allebei "
    "het referentievoorvoegsel {prefix}, dus geef elk programma een eigen referentie_prefix.",
    "installation.empty": "VAART_PROGRAMMES noemt geen enkel programmabestand, dus laat de variabele weg of noem "
    "er minstens één.",
    "installation.unknown_programme": "Deze installatie kent het programma '{given}' niet, dus kies een van: "
    "{options}.",
    "installation.programmes_header": "Programma's in deze installatie (het eerste is het standaardprogramma):",
    "installation.web_title": "Programma's",
    "installation.web_intro": "Deze installatie voert de governance van meer programma's; elk heeft zijn eigen "
    "pagina's, besluitenregister en agenda's.",
    "installation.web_default": "standaard",
    "installation.retry_needs_programme": "Bericht {id} hoort bij de outbox van één programma, dus kies het met "
    "--programma (een van: {options}).",
    "installation.backup_out_needs_programme": "--out noemt één bestand, maar deze installatie heeft meer "
    "programma's, dus kies er een met --programma (een van: {options}) of laat --out weg.",
    "installation.export_failed": "De gegevens van {email} zijn niet te lezen in programma {programme} "
    "({reason}), dus is er geen export gemaakt; controleer die opslag en probeer het opnieuw.",
    "installation.erase_unreachable": "De opslag van programma {programme} is niet te bereiken ({reason}), dus "
    "is {email} in geen enkel programma gewist; controleer die opslag en probeer het opnieuw.",
    "installation.erase_not_migrated": "De opslag van programma {programme} staat op schemaversie {revision} en "
    "niet op de nieuwste, dus is {email} in geen enkel programma gewist; voer eerst 'vaart migrate' uit.",
    "installation.erase_failed": "Het wissen van {email} lukte niet in programma {programme} ({reason}), dus is "
    "het in geen enkel programma gedaan; controleer die opslag en probeer het opnieuw.",
    "installation.erase_partly": "{email} is gewist in {done}, maar het vastleggen lukte niet in programma "
    "{programme} ({reason}); controleer die opslag en probeer 'vaart erase-person' opnieuw, dat maakt het af.",
    "installation.demo_no_tour": "Programma {programme} besluit over een voorstel met de procedure {procedure}, "
    "en daarvoor heeft 'vaart demo' geen rondleiding (wel voor: {options}).",
}

EN: dict[str, str] = {
    "installation.unreadable": "The programme file {file} in VAART_PROGRAMMES cannot be read ({reason}), so "
    "name an existing TOML file or a shipped name ({shipped}).",
    "installation.bad_code": "The programme file {file} has the code '{given}', but a programme in an "
    "installation with several programmes has a code of letters and digits that starts with a letter.",
    "installation.duplicate_code": "The programme files {first} and {second} in VAART_PROGRAMMES both have the "
    "code {programme}, so give each programme its own [programma] code.",
    "installation.duplicate_prefix": "The programme files {first} and {second} in VAART_PROGRAMMES both have the "
    "reference prefix {prefix}, so give each programme its own referentie_prefix.",
    "installation.empty": "VAART_PROGRAMMES names no programme file at all, so leave the variable out or name "
    "at least one.",
    "installation.unknown_programme": "This installation has no programme '{given}', so choose one of: {options}.",
    "installation.programmes_header": "Programmes in this installation (the first is the default):",
    "installation.web_title": "Programmes",
    "installation.web_intro": "This installation runs the governance of several programmes; each has its own "
    "pages, decision register and calendars.",
    "installation.web_default": "default",
    "installation.retry_needs_programme": "Message {id} belongs to the outbox of one programme, so choose it with "
    "--programma (one of: {options}).",
    "installation.backup_out_needs_programme": "--out names one file, but this installation has several "
    "programmes, so choose one with --programma (one of: {options}) or leave --out out.",
    "installation.export_failed": "The data of {email} cannot be read in programme {programme} ({reason}), so "
    "no export has been made; check that store and try again.",
    "installation.erase_unreachable": "The store of programme {programme} cannot be reached ({reason}), so "
    "{email} has been erased in no programme at all; check that store and try again.",
    "installation.erase_not_migrated": "The store of programme {programme} is at schema revision {revision}, not "
    "the newest, so {email} has been erased in no programme at all; run 'vaart migrate' first.",
    "installation.erase_failed": "Erasing {email} failed in programme {programme} ({reason}), so it has been done "
    "in no programme at all; check that store and try again.",
    "installation.erase_partly": "{email} has been erased in {done}, but committing failed in programme "
    "{programme} ({reason}); check that store and try 'vaart erase-person' again, which finishes it.",
    "installation.demo_no_tour": "Programme {programme} decides a proposal by the procedure {procedure}, and "
    "'vaart demo' has no tour for that (it has one for: {options}).",
}
