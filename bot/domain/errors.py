"""Refusals: why a request was not carried out.

A refusal carries a message *code* and its parameters, never prose: the wording lives in
`bot.messages` so one catalogue serves Dutch and English and every front end.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):
    """A request that breaks a rule. Nothing was changed."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"Refused({self.code!r}, {self.params!r})"
