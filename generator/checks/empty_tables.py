"""A table without figures still prints, and must say why it is empty."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule

T001 = rule(
    "T001",
    "empty tables",
    Severity.WARNING,
    "无数据的表须有说明（输入未写时使用 profile 的默认说明）",
    "公开08 无数据，输入与 profile 都没有“我单位…无政府性基金…”说明",
)


@implements(T001)
def statement_present(ctx: CheckContext) -> Iterator[Finding]:
    for tdef in ctx.profile.tables:
        if not ctx.computed.is_empty(tdef.id):
            continue
        typed = ctx.report.tables.get(tdef.id)
        if (typed and typed.statement) or tdef.empty_statement:
            continue
        yield ctx.finding(
            T001,
            f"{tdef.id} 没有数据，也没有空表说明（请填写 statement）",
            ctx.locate(("tables", tdef.id)),
            tdef.id,
        )
