"""The report's year against the profile's: a layout carries one year's 科目 catalog.

Class names and codes change between years (卫生健康 was once 医疗卫生与计划生育),
so a report of a later year built on an older layout prints the older names.
That may be intended (no newer layout), so it is a warning naming both years.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule

C001 = rule(
    "C001",
    "report year",
    Severity.WARNING,
    "报告年度与版式（profile）的科目年度不一致",
    "报告年度比 profile 的科目年度晚三年",
)


@implements(C001)
def year_matches_catalog(ctx: CheckContext) -> Iterator[Finding]:
    if not any(p.kind == "tables" for p in ctx.profile.document.parts):
        return
    if ctx.report.year == ctx.profile.year:
        return
    yield ctx.finding(
        C001,
        f"报告年度 {ctx.report.year} 与 profile“{ctx.profile.id}”的年度 {ctx.profile.year} 不一致："
        f"科目名称、表样和语句按 {ctx.profile.year} 年印出；请确认，或选用 {ctx.report.year} 年的 profile",
        ctx.locate(("year",)),
        "封面概况",
    )
