"""Where a key stands in a TOML text: the line a refusal of the programme file names.

`tomllib` keeps no positions, so this walks the text once: table headers (`[a.b]`, `[[a.b]]`,
quoted parts too) and `key = value` lines, and answers the line of the longest prefix of the key
that is written there (the key itself, else its table, else the nearest table above it).
"""

from __future__ import annotations

import re

HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*(#.*)?$")
ASSIGN = re.compile(r'^\s*(?P<key>"[^"]*"|\'[^\']*\'|[A-Za-z0-9_.\-" ]+?)\s*=')


def _parts(dotted: str) -> tuple[str, ...]:
    """`a."b c".d` -> ("a", "b c", "d")."""
    parts: list[str] = []
    current, quote = "", ""
    for char in dotted.strip():
        if quote:
            if char == quote:
                quote = ""
            else:
                current += char
        elif char in "\"'":
            quote = char
        elif char == ".":
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return tuple(p for p in parts if p)


def line_of(text: str, path: tuple[str, ...]) -> int:
    """The 1-based line of *path* in *text*; 1 when nothing of it is written."""
    best_line, best_len = 1, 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), start=1):
        header = HEADER.match(line)
        if header:
            table = _parts(header.group("name"))
            candidate = table
        else:
            assign = ASSIGN.match(line)
            if not assign:
                continue
            candidate = (*table, *_parts(assign.group("key")))
        if len(candidate) > best_len and path[: len(candidate)] == candidate:
            best_line, best_len = number, len(candidate)
    return best_line
