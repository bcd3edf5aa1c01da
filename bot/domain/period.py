"""The programme period (§8: "Het programma ... bestrijkt een periode van vier jaar (2023-2027)").

The looptijd comes from the programme file (`[programma] looptijd`); every place that plans a
meeting, a route or a spend request asks this one module whether a day lies inside it.
"""

from __future__ import annotations

from datetime import date

from bot.domain.errors import Refused

Period = tuple[int, int] | None


def inside(period: Period, day: date) -> bool:
    return period is None or period[0] <= day.year <= period[1]


def year_inside(period: Period, year: int) -> bool:
    return period is None or period[0] <= year <= period[1]


def require_day(period: Period, day: date, code: str = "period.meeting") -> None:
    """Refuse (*code*, with the date and the period) when *day* lies outside the looptijd."""
    if period is not None and not inside(period, day):
        raise Refused(code, date=day.strftime("%d-%m-%Y"), first=period[0], last=period[1])


def require_year(period: Period, year: int) -> None:
    if period is not None and not year_inside(period, year):
        raise Refused("period.year", year=year, first=period[0], last=period[1])
