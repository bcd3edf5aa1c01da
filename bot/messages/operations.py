"""Wording for operating vaart (see bot.messages): backups and restores, requests under the AVG,
retention, and the operational settings."""

NL: dict[str, str] = {
    "audit.intact": "auditlog intact: {count} regels, keten klopt",
    "audit.intact_since": "auditlog intact: {count:nieuwe regel|nieuwe regels} na controlepunt {checkpoint} "
                          "(regel {head} is de laatste), keten klopt; 'vaart audit verify --full' loopt alle regels na",
    "audit.problem": "audit: regel {seq}: {problem}",
    "audit.broken": "auditlog NIET intact: {count:probleem|problemen} in {rows} regels",
    "ops.bad_setting": "{name}='{value}' bestaat niet; kies uit: {choices}.",
    "ops.too_small": "{name}='{value}' is te klein; het minimum is {minimum}.",
    "ops.backup_exists": "{path} bestaat al; een back-up overschrijft nooit een bestand.",
    "ops.backup_memory": "Een database in het geheugen kan niet worden geback-upt.",
    "ops.backup_missing": "Back-up {path} bestaat niet.",
    "ops.backup_unknown": "{path} is geen back-up van vaart (geen SQLite-bestand en geen pg_dump).",
    "ops.backup_checksum": (
        "De controlesom van {path} klopt niet met het manifest: het bestand is beschadigd of gewijzigd."
    ),
    "ops.backup_wrong_kind": "Een back-up van het soort '{kind}' kan niet in een {backend}-database worden hersteld.",
    "ops.restore_not_empty": (
        "De database van VAART_DATABASE_URL bevat al tabellen; herstel alleen in een nieuwe, lege database."
    ),
    "ops.pg_tool_missing": (
        "{tool} voor PostgreSQL {version} (of nieuwer) is niet gevonden: installeer postgresql-client-{version} "
        "of wijs de map aan met VAART_PG_BIN."
    ),
    "ops.pg_tool_failed": "{tool} is mislukt: {reason}",
    "ops.backup_done": "Back-up gemaakt: {path} ({size}), {rows} rijen in {tables} tabellen, auditlog tot regel {seq}.",
    "ops.restore_done": (
        "Hersteld uit {path}: {rows} rijen in {tables} tabellen; auditlog intact ({audit} regels); "
        "alle tabellen gelijk aan het manifest."
    ),
    "ops.restore_no_manifest": "Hersteld uit {path}: {rows} rijen; geen manifest gevonden, dus niet vergeleken.",
    "ops.restore_mismatch": "Tabel {table}: {expected} rijen in het manifest, {found} hersteld.",
    "ops.restore_audit": "Auditlog na herstel NIET intact: {count:probleem|problemen}.",
    "ops.restore_failed": "Het herstel is gecontroleerd en klopt NIET; gebruik deze database niet.",
    "privacy.unknown_person": "Er zijn geen gegevens van {email} opgeslagen.",
    "privacy.nothing_here": "Niets over {email} opgeslagen in dit programma.",
    "status.unknown_idea": "Ik ken geen idee met referentie '{reference}'; controleer het nummer (het staat in de "
    "ontvangstbevestiging).",
    "people.none": "Het personenbestand is nog leeg; voeg iemand toe met 'vaart people add --name NAAM --email "
    "ADRES --role ROL'.",
    "audit.log_empty": "Het auditlog heeft nog geen regels.",
    "audit.log_empty_for": "Het auditlog heeft geen regels over {object}; controleer de referentie.",
    "ops.restore_other_programme": "De back-up {path} is van programma {owner}, niet van {programme}, dus zet hem "
    "terug in de opslag van {owner} (kies die met --programma {owner}).",
    "privacy.erased": (
        "{email} is gewist: {deleted:rij|rijen} verwijderd, {pseudonymised:rij|rijen} gepseudonimiseerd als "
        "{pseudonym}; {audit:auditregel blijft|auditregels blijven} onder dat pseudoniem staan, zonder koppeling naar "
        "de persoon."
    ),
    "privacy.dry_run": "Zonder --dry-run zou {email} worden gewist; gevonden: {found}.",
    "retention.purged": (
        "Bewaartermijn {days} dagen (vóór {cutoff}): {outbox:bericht|berichten}, "
        "{requests:onthouden antwoord|onthouden antwoorden}, "
        "{digests:bundelbericht|bundelberichten} en {files:bestand|bestanden} {verb}."
    ),
    "retention.verb_done": "verwijderd",
    "retention.verb_dry": "zouden worden verwijderd",
    "files.bad_mode": (
        "VAART_FILE_MODE='{value}' kan niet: bestanden met persoonsgegevens zijn nooit voor anderen leesbaar; "
        "kies uit: {choices}."
    ),
}

EN: dict[str, str] = {
    "audit.intact": "audit log intact: {count} rows, the chain holds",
    "audit.intact_since": "audit log intact: {count:new row|new rows} after checkpoint {checkpoint} (row {head} is the "
                          "last), the chain holds; 'vaart audit verify --full' walks every row",
    "audit.problem": "audit: row {seq}: {problem}",
    "audit.broken": "audit log NOT intact: {count:problem|problems} in {rows} rows",
    "ops.bad_setting": "{name}='{value}' does not exist; choose from: {choices}.",
    "ops.too_small": "{name}='{value}' is too small; the minimum is {minimum}.",
    "ops.backup_exists": "{path} already exists; a backup never overwrites a file.",
    "ops.backup_memory": "An in-memory database cannot be backed up.",
    "ops.backup_missing": "Backup {path} does not exist.",
    "ops.backup_unknown": "{path} is not a vaart backup (neither an SQLite file nor a pg_dump).",
    "ops.backup_checksum": "The checksum of {path} does not match its manifest: the file is damaged or changed.",
    "ops.backup_wrong_kind": "A backup of kind '{kind}' cannot be restored into a {backend} database.",
    "ops.restore_not_empty": (
        "The database of VAART_DATABASE_URL already has tables; restore into a new, empty database only."
    ),
    "ops.pg_tool_missing": (
        "{tool} for PostgreSQL {version} (or newer) was not found: install postgresql-client-{version} "
        "or point VAART_PG_BIN at its directory."
    ),
    "ops.pg_tool_failed": "{tool} failed: {reason}",
    "ops.backup_done": "Backup written: {path} ({size}), {rows} rows in {tables} tables, audit log up to entry {seq}.",
    "ops.restore_done": (
        "Restored from {path}: {rows} rows in {tables} tables; audit log intact ({audit} entries); "
        "every table matches the manifest."
    ),
    "ops.restore_no_manifest": "Restored from {path}: {rows} rows; no manifest found, so nothing compared.",
    "ops.restore_mismatch": "Table {table}: {expected} rows in the manifest, {found} restored.",
    "ops.restore_audit": "Audit log after the restore is NOT intact: {count:problem|problems}.",
    "ops.restore_failed": "The restore was checked and is NOT right; do not use this database.",
    "privacy.unknown_person": "Nothing about {email} is stored.",
    "privacy.nothing_here": "Nothing about {email} is stored in this programme.",
    "status.unknown_idea": "I know no idea with reference '{reference}'; check the number (it is in the "
    "acknowledgement).",
    "people.none": "The people register is still empty; add someone with 'vaart people add --name NAME --email "
    "ADDRESS --role ROLE'.",
    "audit.log_empty": "The audit log has no entries yet.",
    "audit.log_empty_for": "The audit log has no entries about {object}; check the reference.",
    "ops.restore_other_programme": "The backup {path} belongs to programme {owner}, not to {programme}, so restore "
    "it into the store of {owner} (choose it with --programma {owner}).",
    "privacy.erased": (
        "{email} is erased: {deleted:row|rows} deleted, {pseudonymised:row|rows} pseudonymised as {pseudonym}; "
        "{audit:audit entry stays|audit entries stay} under that pseudonym, with no link to the person."
    ),
    "privacy.dry_run": "Without --dry-run {email} would be erased; found: {found}.",
    "retention.purged": (
        "Retention {days} days (before {cutoff}): {outbox:message|messages}, "
        "{requests:remembered reply|remembered replies}, "
        "{digests:digest entry|digest entries} and {files:file|files} {verb}."
    ),
    "retention.verb_done": "deleted",
    "retention.verb_dry": "would be deleted",
    "files.bad_mode": (
        "VAART_FILE_MODE='{value}' is not possible: files with personal data are never readable by others; "
        "choose from: {choices}."
    ),
}
