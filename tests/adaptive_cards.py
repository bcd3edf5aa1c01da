"""Adaptive Cards against the official schema (vendored in tests/fixtures/adaptive_cards, MIT).

The schema does not know Teams' host extension `msteams` on the card (`{"width": "Full"}`, from the
Teams documentation on full-width cards); it is added to the card's properties here, with exactly the
shape Teams documents, so anything else under it still fails.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft6Validator
from jsonschema.exceptions import best_match

SCHEMA = Path(__file__).parent / "fixtures" / "adaptive_cards" / "adaptive-card-1.4.json"
MSTEAMS = {"type": "object", "properties": {"width": {"enum": ["Full"]}}, "additionalProperties": False}


@cache
def _validator() -> Draft6Validator:
    schema = copy.deepcopy(json.loads(SCHEMA.read_text(encoding="utf-8")))
    schema["definitions"]["AdaptiveCard"]["properties"]["msteams"] = MSTEAMS
    Draft6Validator.check_schema(schema)
    return Draft6Validator(schema)


def schema_errors(card: dict[str, Any]) -> list[str]:
    """How *card* breaks the schema, as 'path: message' of the most telling error (none for a valid card)."""
    errors = list(_validator().iter_errors(card))
    if not errors:
        return []
    worst = best_match(errors)
    return [f"{'/'.join(str(p) for p in worst.absolute_path)}: {worst.message[:300]}"]


def assert_valid(card: dict[str, Any]) -> None:
    assert card.get("type") == "AdaptiveCard", card
    problems = schema_errors(card)
    assert not problems, problems
