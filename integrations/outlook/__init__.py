"""Outlook through Microsoft Graph (msal + O365): mail and calendar events from the shared
programme mailbox. See `channel` (what is sent), `graph` (retries, limits) and `auth` (tokens)."""

from integrations.outlook.auth import graph_account
from integrations.outlook.channel import OutlookChannel
from integrations.outlook.graph import GraphClient

__all__ = ["GraphClient", "OutlookChannel", "graph_account"]
