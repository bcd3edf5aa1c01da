"""The front ends: each knows only its platform (console, Slack, Teams, the web) and talks to the services."""
