"""Chat: text commands in, service calls, Dutch (or English) messages out. Shared by every front end."""
