"""The `vaart` command: `main.py` parses and dispatches, one module per area of commands."""
