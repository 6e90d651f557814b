"""A figure pasted in 元 into a 万元 table is 10⁴ times the scale of its neighbours."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from statistics import median

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, money, rule
from generator.compute.cells import Leaf
from generator.tables.registry import kind_of

U001 = rule(
    "U001",
    "units",
    Severity.WARNING,
    "万元表中某数约为同表其他数的 10⁴ 倍（疑似按元填入）",
    "公开03 2011301 基本支出 8,736,300.00，同表其他数在百万元以下",
)

SCALE = Decimal(10000)
MIN_SIBLINGS = 4  # a scale needs a few figures: balance tables hold only a handful


@implements(U001)
def yuan_in_wan_table(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.report.amount_unit != "万元":
        return
    checked = {t.id for t in ctx.profile.tables if kind_of(t).SCALE_CHECKED}
    by_table: dict[str, list] = {}
    for cell in ctx.computed.sheet.cells():
        wanted = cell.key[0] in checked
        if wanted and isinstance(cell.formula, Leaf) and cell.computed:
            by_table.setdefault(cell.key[0], []).append(cell)
    for table, cells in by_table.items():
        if len(cells) < MIN_SIBLINGS:
            continue
        typical = median(abs(c.computed) for c in cells)
        for cell in cells:
            value = abs(cell.computed)
            if value >= SCALE and typical and value >= typical * SCALE:
                yield ctx.finding(
                    U001,
                    f"{table} {cell.key[1]} {cell.key[2]} 为 {money(value)} 万元，"
                    f"约为同表典型数额 {money(typical)} 的 10⁴ 倍，是否按元填入？",
                    ctx.locate_cell(cell.key),
                    table,
                )
