"""The web front end of the ASGI app: calendar feeds for subscribers and the operator's probes and metrics."""
