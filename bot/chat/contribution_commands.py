"""`investeringen [JAAR]` (investments): a programme's investment table read from its file (the VDG's
Tabel 1 of §6.1) with the lines the table prints: the total per year, what the running budget carries,
"Resterend te financieren" and the contribution per inwoner; with a year, what each gemeente pays.

Registered only when the programme file has `[begroting.investeringen]`.
"""

from __future__ import annotations

from bot.chat.bot import ChatBot, ChatSession, Command
from bot.domain.contributions import ZERO, InvestmentTable
from bot.domain.errors import Refused
from bot.domain.money import format_euro
from bot.messages import render
from bot.programme.contributions import investment_table

USAGE = "investeringen [JAAR]"
FIRST = 40  # width of the first column


def _row(label: str, cells: list[str]) -> str:
    return f"  {label[:FIRST]:<{FIRST}}" + "".join(f"{cell:>14}" for cell in cells)


def table_lines(table: InvestmentTable, lang: str) -> list[str]:
    years = list(table.years)
    lines = [render("investments.header", lang, first=years[0], last=years[-1]),
             _row("", [str(y) for y in years])]
    lines += [_row(row.name, [format_euro(row.amounts.get(y, ZERO)) for y in years]) for row in table.rows]
    lines.append(_row(render("investments.total", lang), [format_euro(table.total(y)) for y in years]))
    lines.append(_row(render("investments.running", lang), [format_euro(table.from_running_budget.get(y, ZERO))
                                                            for y in years]))
    lines.append(_row(render("investments.remaining", lang), [format_euro(table.remaining(y)) for y in years]))
    lines.append(_row(render("investments.per_inwoner", lang), [format_euro(table.per_inwoner(y)) for y in years]))
    lines.append(render("investments.footer", lang, inwoners=f"{table.inwoners:,}".replace(",", "."),
                        total=format_euro(table.grand_total())))
    return lines


def year_lines(table: InvestmentTable, year: int, lang: str) -> list[str]:
    shares = table.contributions(year)
    lines = [render("investments.year", lang, year=year, remaining=format_euro(table.remaining(year)))]
    lines += [_row(f"{name} ({table.populations[name]:,})".replace(",", "."), [format_euro(amount)])
              for name, amount in shares.items()]
    return lines


class ContributionCommands:
    def __init__(self, table: InvestmentTable) -> None:
        self.table = table

    def _investments(self, session: ChatSession, args: str) -> str:
        text = args.strip()
        if not text:
            return "\n".join(table_lines(self.table, session.lang))
        if not text.isdigit() or int(text) not in self.table.years:
            raise Refused("investments.unknown_year", year=text[:10],
                          options=", ".join(str(y) for y in self.table.years))
        return "\n".join(year_lines(self.table, int(text), session.lang))


def contribution_commands(bot: ChatBot) -> list[Command]:
    table = investment_table(bot.programme.raw)
    if table is None:
        return []
    handler = ContributionCommands(table)._investments
    return [Command("investeringen", ("investments",), handler, USAGE, area="budget")]
