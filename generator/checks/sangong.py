"""三公: 决算 against the basic-expenditure items that must be inside it.

三公 spending is paid from basic and project funds, so each 三公 决算 is at
least its 公开06 item (30212 因公出国, 30217 公务接待, 30231 运行维护,
31013 购置); below it, one of the two tables is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Figures, Finding, Severity, implements, money, rule
from generator.tables.economic import column as column_of
from generator.tables.registry import economic_table

G002 = rule(
    "G002",
    "三公",
    Severity.WARNING,
    "三公决算不小于公开06 对应的基本支出科目（30212/30217/30231/31013）",
    "公务接待费决算 0.50，而公开06 30217 公务接待费 0.86",
)


@implements(G002)
def against_basic_items(ctx: CheckContext) -> Iterator[Finding]:
    tdef = economic_table(ctx.profile)
    if tdef is None:
        return
    economic = tdef.id
    for pair in ctx.profile.checks.sangong_items:
        cell = ctx.cell(pair.cell)
        spent = ctx.value(pair.cell)
        item = ctx.value(f"{economic}/{pair.item}/{column_of(tdef)}")
        if spent < item:
            table, _, column = pair.cell.split("/", 2)
            yield ctx.finding(
                G002,
                f"{table} 决算 {column} {money(spent)} 小于 {economic} {pair.item} {money(item)}",
                ctx.locate_cell(cell.key) if cell else ctx.locate(("tables", table)),
                table,
                figures=Figures(item, spent),
            )
