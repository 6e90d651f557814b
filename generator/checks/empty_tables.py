"""Completeness: a table without figures still prints and must say why it is empty;
a table the others quote must not be missing (rules.md, completeness)."""

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


T002 = rule(
    "T002",
    "completeness",
    Severity.ERROR,
    "版式中的某表缺失（无任何数、无空表说明而其他表引用它：错误；输入标明 missing：警告）；"
    "依赖它的核对无法进行",
    "支出决算表 缺失：公开01 支出各类与它的核对、本年支出合计 = 支出决算表 合计 无法核对",
)


@implements(T001, T002)
def statement_present(ctx: CheckContext) -> Iterator[Finding]:
    whole_part = "决算表" in ctx.report.statements  # the tables part is one statement
    missing = {} if whole_part else ctx.missing_tables
    for tdef in ctx.profile.tables:
        if tdef.id in missing:
            unchecked = "；".join(dict.fromkeys(missing[tdef.id])) or "本表各项核对"
            typed = ctx.report.tables.get(tdef.id)
            why = typed.missing if typed and typed.missing else "表中没有任何数，也没有空表说明"
            yield ctx.finding(
                T002,
                f"{tdef.id}（{tdef.title}）缺失：{why}；以下核对无法进行：{unchecked}",
                ctx.locate(("tables", tdef.id)),
                tdef.id,
                # marked missing (extract): known and printed as 本表数据缺失, not an error
                Severity.WARNING if typed and typed.missing else None,
            )
            continue
        if whole_part or not ctx.computed.is_empty(tdef.id):
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
