"""Cofinancing: dividing an amount over municipalities in proportion to their population.

In 2019 the region matched the Rijk's contribution: the province paid half and the
municipalities the rest "op basis van inwoneraantal". Shares are computed in whole cents with
the largest-remainder method, so they always add up to the amount exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_DOWN, Decimal

from bot.domain.budget import require_amount
from bot.domain.errors import Refused
from bot.domain.money import CENT


def split_by_population(total: Decimal, populations: Mapping[str, int]) -> dict[str, Decimal]:
    """*total* divided in proportion to *populations*, exact to the cent (largest remainder).

    Leftover cents go to the largest remainders; ties go to the larger population, then to the
    name that sorts first, so the result does not depend on the order of the mapping.
    """
    amount = require_amount(total)
    if not populations:
        raise Refused("cofinancing.no_municipalities")
    for name, people in populations.items():
        if isinstance(people, bool) or not isinstance(people, int) or people <= 0:
            raise Refused("cofinancing.bad_population", municipality=name, population=str(people))
    cents = int(amount / CENT)
    everyone = sum(populations.values())
    floors: dict[str, int] = {}
    remainders: dict[str, int] = {}
    for name, people in populations.items():
        floors[name], remainders[name] = divmod(cents * people, everyone)
    leftover = cents - sum(floors.values())
    order = sorted(populations, key=lambda n: (-remainders[n], -populations[n], n))
    for name in order[:leftover]:
        floors[name] += 1
    return {name: (Decimal(floors[name]) * CENT).quantize(CENT) for name in populations}


def regional_cofinancing(
    total: Decimal, province: str, province_share: Decimal, populations: Mapping[str, int]
) -> dict[str, Decimal]:
    """The 2019 arrangement: the province pays its share, the municipalities the rest by population."""
    amount = require_amount(total)
    if not Decimal(0) < province_share < Decimal(1):
        raise Refused("cofinancing.bad_share", share=str(province_share))
    if province in populations:
        raise Refused("cofinancing.province_is_municipality", province=province)
    province_part = (amount * province_share).quantize(CENT, rounding=ROUND_DOWN)
    result = {province: province_part}
    result.update(split_by_population(amount - province_part, populations))
    return result
