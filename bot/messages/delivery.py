"""Wording for delivering mail and invitations (see bot.messages): the staf's notice about a
message that could not be delivered, the outbox commands and the settings refusals."""

NL: dict[str, str] = {
    "delivery.dead.subject": "Niet bezorgd: {subject}",
    "delivery.dead": (
        "Een bericht kon niet worden bezorgd en staat in de wachtrij voor onbestelbare berichten.\n"
        "Bericht {id} aan {recipient}: {subject}\n"
        "Reden: {reason}\n"
        "Pogingen: {attempts}\n"
        "Los de oorzaak op en probeer opnieuw met: vaart outbox retry {id}"
    ),
    "delivery.unknown_channel": "VAART_MAIL='{value}' bestaat niet; kies uit: {choices}.",
    "delivery.bad_security": "VAART_SMTP_SECURITY='{value}' bestaat niet; kies uit: {choices}.",
    "delivery.settings_missing": (
        "Het bezorgkanaal '{channel}' kan niet starten: deze instellingen ontbreken: {names}."
    ),
    "delivery.graph_tenant": (
        "VAART_GRAPH_TENANT_ID='{value}' is geen tenant: geef het tenant-id (GUID) of het domein van de "
        "organisatie op."
    ),
    "delivery.bad_url": "{name}='{value}' moet met https:// beginnen (of http://127.0.0.1 voor tests).",
    "delivery.bad_limits": (
        "VAART_MAIL_RATE mag niet negatief zijn, VAART_MAIL_MAX_ATTENDEES moet minstens 1 zijn en "
        "VAART_MAIL_MAX_BYTES minstens 1000."
    ),
    "delivery.not_a_number": "{name}='{value}' is geen getal.",
    "delivery.dead_bundle.subject": "Niet bezorgd: {count} berichten",
    "delivery.dead_bundle": (
        "{count} berichten konden niet worden bezorgd en staan in de wachtrij voor onbestelbare berichten:"
    ),
    "delivery.dead_line": "- bericht {id} aan {recipient}: {subject} ({attempts:poging|pogingen}); reden: {reason}",
    "delivery.dead_more": "- en {more} meer: vaart outbox list --status dead",
    "delivery.dead_bundle_fix": (
        "Los de oorzaak op en verstuur ze opnieuw met: vaart outbox retry --all (of één bericht: "
        "vaart outbox retry {first})"
    ),
    "outbox.bad_horizon": (
        "VAART_OUTBOX_RETRY_HORIZON='{value}' kan niet: geef een aantal werkdagen (1-99) of uren met h (bijv. 4h)."
    ),
    "outbox.retried_all": (
        "{dead:onbestelbaar bericht|onbestelbare berichten} opnieuw in de wachtrij gezet; "
        "{waiting:wachtend bericht wordt|wachtende berichten worden} nu meteen opnieuw geprobeerd."
    ),
    "outbox.retry_usage": "Geef een berichtnummer of --all (met eventueel --since), niet allebei.",
    "outbox.bad_since": "--since '{value}' is geen datum of tijd; schrijf bijv. 2026-11-23 of 2026-11-23T09:00.",
    "outbox.not_found": "Er is geen bericht met nummer {id} in de outbox.",
    "outbox.not_dead": (
        "Bericht {id} heeft status '{status}'; alleen onbestelbare berichten (status 'dead') kunnen "
        "opnieuw worden verstuurd."
    ),
    "outbox.retried": "Bericht {id} aan {recipient} wordt opnieuw verstuurd.",
    "outbox.empty": "Geen berichten met deze status.",
    "outbox.empty_all": "De outbox is leeg.",
}

EN: dict[str, str] = {
    "delivery.dead.subject": "Not delivered: {subject}",
    "delivery.dead": (
        "A message could not be delivered and is in the dead-letter queue.\n"
        "Message {id} to {recipient}: {subject}\n"
        "Reason: {reason}\n"
        "Attempts: {attempts}\n"
        "Fix the cause and try again with: vaart outbox retry {id}"
    ),
    "delivery.unknown_channel": "VAART_MAIL='{value}' does not exist; choose from: {choices}.",
    "delivery.bad_security": "VAART_SMTP_SECURITY='{value}' does not exist; choose from: {choices}.",
    "delivery.settings_missing": "The delivery channel '{channel}' cannot start: these settings are missing: {names}.",
    "delivery.graph_tenant": (
        "VAART_GRAPH_TENANT_ID='{value}' is not a tenant: give the organisation's tenant id (GUID) or domain."
    ),
    "delivery.bad_url": "{name}='{value}' must start with https:// (or http://127.0.0.1 for tests).",
    "delivery.bad_limits": (
        "VAART_MAIL_RATE must not be negative, VAART_MAIL_MAX_ATTENDEES must be at least 1 and "
        "VAART_MAIL_MAX_BYTES at least 1000."
    ),
    "delivery.not_a_number": "{name}='{value}' is not a number.",
    "delivery.dead_bundle.subject": "Not delivered: {count} messages",
    "delivery.dead_bundle": "{count} messages could not be delivered and are in the dead-letter queue:",
    "delivery.dead_line": "- message {id} to {recipient}: {subject} ({attempts:attempt|attempts}); reason: {reason}",
    "delivery.dead_more": "- and {more} more: vaart outbox list --status dead",
    "delivery.dead_bundle_fix": (
        "Fix the cause and send them again with: vaart outbox retry --all (or one message: vaart outbox retry {first})"
    ),
    "outbox.bad_horizon": (
        "VAART_OUTBOX_RETRY_HORIZON='{value}' is not possible: give a number of working days (1-99) or hours "
        "with h (e.g. 4h)."
    ),
    "outbox.retried_all": (
        "{dead:dead message|dead messages} put back in the queue; {waiting:waiting message is|waiting messages are} "
        "tried again right away."
    ),
    "outbox.retry_usage": "Give a message number or --all (optionally with --since), not both.",
    "outbox.bad_since": "--since '{value}' is not a date or time; write e.g. 2026-11-23 or 2026-11-23T09:00.",
    "outbox.not_found": "There is no message with number {id} in the outbox.",
    "outbox.not_dead": (
        "Message {id} has status '{status}'; only undeliverable messages (status 'dead') can be sent again."
    ),
    "outbox.retried": "Message {id} to {recipient} will be sent again.",
    "outbox.empty": "No messages with this status.",
    "outbox.empty_all": "The outbox is empty.",
}
