"""The front ends: each knows its own platform (terminal, Slack, Teams, the web) and nothing of the others."""
