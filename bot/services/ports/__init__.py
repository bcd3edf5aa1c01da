"""The ports: every Protocol the adapters implement and every value they carry across (unit of work,
repositories, the outbox contract, chat directories, conversation references)."""
