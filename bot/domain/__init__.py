"""Pure governance rules. Standard library only: no I/O, no frameworks."""
