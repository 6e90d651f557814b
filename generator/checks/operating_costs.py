"""机关运行经费 equals 公用经费合计 for 行政单位 and 参公 units (by definition of the term).

A report that consolidates 事业单位 (a bureau with its schools) has 公用经费 of
units that are not 机关: there the figure is a part of 公用经费合计, so the rule
explains what it compared instead of claiming a required value.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Figures, Finding, Severity, difference, implements, rule

J001 = rule(
    "J001",
    "机关运行经费",
    Severity.WARNING,
    "行政单位、参公事业单位的机关运行经费等于公开06 公用经费合计",
    "机关运行经费填 90.00，公用经费合计 88.70",
)


@implements(J001)
def equals_public_funds(ctx: CheckContext) -> Iterator[Finding]:
    typed = ctx.report.narrative.operating_costs
    ref = ctx.profile.checks.operating_costs
    if typed is None or ref is None:
        return
    if ctx.report.unit_kind not in ("行政单位", "参照公务员法管理事业单位"):
        return
    expected = ctx.value(ref)
    if ctx.report.includes_institutions:
        if cents(typed) > expected:
            yield ctx.finding(
                J001,
                f"机关运行经费 {cents(typed)} 大于公用经费合计 {expected}：本部门含事业单位，"
                "机关运行经费只是行政/参公单位的公用经费，应不大于公用经费合计，请核对",
                ctx.locate(("narrative", "机关运行经费")),
                "（十一）其他重要事项",
            )
        return
    if cents(typed) != expected:
        yield ctx.finding(
            J001,
            f"机关运行经费：{difference(expected, cents(typed))}",
            ctx.locate(("narrative", "机关运行经费")),
            "（十一）其他重要事项",
            figures=Figures(expected, cents(typed)),
        )
