"""SMTP delivery of outbox rows (mail and iMIP invitations); see `integrations.smtp.channel`."""

from integrations.smtp.channel import SmtpChannel

__all__ = ["SmtpChannel"]
