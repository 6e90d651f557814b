"""Narrative inputs: every comparison the 情况说明 prints has its figures, and a reason when large.

The comparisons are the profile's (checks.yaml ``reasons``), so a layout
that prints other sentences asks for other reasons without code changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Finding, Severity, implements, money, rule
from generator.narrative.numbers import Change, percent

N001 = rule(
    "N001",
    "narrative inputs",
    Severity.WARNING,
    "情况说明需要的上年数缺失（该句将不作同比比较）",
    "有本年“三公”经费 6.16 万元，但未填上年公开07 决算数",
)
N002 = rule(
    "N002",
    "narrative inputs",
    Severity.WARNING,
    "有决算支出的类缺少年初预算（该类的预算句不印出；没有预算时填 0 或“无”）",
    "公开05 有 219 援助其他地区支出，但年初预算未填 219",
)
N003 = rule(
    "N003",
    "narrative inputs",
    Severity.ERROR,
    "变动达到阈值（默认 10%）或由零变为非零、由非零变为零时须说明原因",
    "基本支出比上年增长 126.1%，原因.基本支出 未填",
)

SECTION = "情况说明"


def _fact(ctx: CheckContext, alias: str) -> Decimal | None:
    narrative = ctx.report.narrative
    for name, field in type(narrative).model_fields.items():
        if field.alias == alias:
            value = getattr(narrative, name)
            return None if value is None else cents(value)
    raise KeyError(f"profile checks.yaml names an unknown narrative fact: {alias}")


def _reason_finding(
    ctx: CheckContext, key: str, label: str, change: Change, base_word: str
) -> Finding | None:
    threshold = Decimal(str(ctx.profile.narrative.reason_threshold))
    if not change.significant(threshold) or ctx.report.narrative.reasons.get(key, "").strip():
        return None
    if change.rate is None:
        how = f"由 {money(change.base)} 变为 {money(change.current)}"
    else:
        how = f"{change.word} {money(change.amount)}（{percent(change.rate)}%）"
    severity, note = ctx.options.missing_reason, ""
    if ctx.report.narrative.published_text:
        # an extracted report: its reasons are in the published text, not read into 原因
        severity, note = Severity.WARNING, "（公开文本中的原因未读入 原因，生成报告前请填写）"
    return ctx.finding(
        N003,
        f"{label}：{base_word} {money(change.base)}，本年 {money(change.current)}，{how}，"
        f"须在 原因.{key} 说明原因{note}",
        ctx.locate(("narrative", "原因")),
        SECTION,
        severity,
    )


@implements(N001, N002, N003)
def comparisons(ctx: CheckContext) -> Iterator[Finding]:
    narrative = ctx.report.narrative
    if "情况说明" in ctx.report.statements:
        return  # a statement replaces the whole 情况说明: no comparison is printed
    has_prior = ctx.computed.prior is not None or narrative.operating_costs_prior is not None
    told_no_prior = False
    for spec in ctx.profile.checks.reasons:
        if spec.per_class:
            table, column = spec.per_class.split("/", 1)
            for row in ctx.computed.structure.rows.get(table, []):
                if row.level != 1:
                    continue
                amount = ctx.value(f"{table}/{row.code}/{column}")
                if not amount:
                    continue
                budget = narrative.budgets.get(row.code)
                if budget is None:
                    yield ctx.finding(
                        N002,
                        f"{row.code} {row.name} 有决算支出 {money(amount)}，未填年初预算"
                        "（预算句不印出；没有预算时填 0 或“无”）",
                        ctx.locate(("narrative", "年初预算")),
                        SECTION,
                    )
                    continue
                found = _reason_finding(
                    ctx,
                    f"{spec.key}/{row.code}",
                    f"{row.code} {row.name} {spec.label}",
                    Change(amount, cents(budget)),
                    "年初预算",
                )
                if found:
                    yield found
            continue
        assert spec.current is not None
        current = ctx.value(spec.current)
        if spec.current_fact and _fact(ctx, spec.current_fact) is not None:
            current = _fact(ctx, spec.current_fact) or Decimal(0)
        if spec.base:
            base: Decimal | None = ctx.value(spec.base)
            base_word = "预算"
        elif spec.prior_fact:
            base, base_word = _fact(ctx, spec.prior_fact), "上年"
        else:
            base, base_word = ctx.prior_value(spec.current), "上年"
        if base is None:
            if not current:
                continue
            if not has_prior:
                if not told_no_prior:
                    told_no_prior = True
                    yield ctx.finding(
                        N001,
                        "未填任何上年数（narrative.上年），情况说明将不作同比比较",
                        ctx.locate(("narrative",)),
                        SECTION,
                    )
                continue
            yield ctx.finding(
                N001,
                f"{spec.label}：缺少上年数（{spec.prior_fact or spec.current}）",
                ctx.locate(("narrative", "上年")),
                SECTION,
            )
            continue
        found = _reason_finding(ctx, spec.key, spec.label, Change(current, base), base_word)
        if found:
            yield found
