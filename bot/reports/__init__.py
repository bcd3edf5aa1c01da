"""Reports computed from budget data: pure functions from lists of rows to tables, text, charts and files."""
