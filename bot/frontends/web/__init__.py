"""The web front end of the ASGI app: the programme's pages (`routes`: the public register, meetings,
coverage and budget; the signed-in board, idea, stuurgroep, money and outbox; sign-in by one-time link
or Entra ID), the calendar feeds for subscribers, and the operator's probes and metrics."""
