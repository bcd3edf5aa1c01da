"""Shared test fixtures. Real parts only: SQLite files, a throwaway PostgreSQL cluster on 127.0.0.1."""
