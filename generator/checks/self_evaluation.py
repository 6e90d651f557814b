"""项目支出绩效自评表 arithmetic: scores within weights, weights sum to 100, 总分 adds up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext
from generator.checks.findings import (
    Figures,
    Finding,
    Severity,
    difference,
    implements,
    money,
    rule,
)
from generator.compute.performance import score_project
from generator.narrative.numbers import plain

P001 = rule(
    "P001",
    "绩效自评表",
    Severity.ERROR,
    "总分 = 资金得分（分值 × 执行率，执行率保留两位、不超过分值）+ Σ 指标得分",
    "扶贫合作交流 总分填 95.37，计算为 94.37",
)
P002 = rule(
    "P002",
    "绩效自评表",
    Severity.ERROR,
    "每项得分不超过其分值",
    "前往对口地区调研次数 分值 7.15，得分 8",
)
P003 = rule(
    "P003", "绩效自评表", Severity.ERROR, "资金分值 + Σ 指标分值 = 100", "各项分值合计 99.99"
)
P004 = rule(
    "P004",
    "绩效自评表",
    Severity.ERROR,
    "项目金额不小于年度资金总额（全年预算数）",
    "项目金额 100 万元，全年预算数 120 万元",
)

BASE = ("attachments", "project_self_evaluations")
HUNDRED = Decimal(100)


@implements(P001, P002, P003, P004)
def project_tables(ctx: CheckContext) -> Iterator[Finding]:
    for i, project in enumerate(ctx.report.attachments.project_self_evaluations):
        scores = score_project(project)
        where = f"自评表 {project.name}"
        if project.stated_total is not None:
            severity = ctx.rounding_severity(
                abs(project.stated_total - scores.total), ctx.score_bound
            )
            if severity is not None:
                yield ctx.finding(
                    P001,
                    f"{where} 总分：{difference(scores.total, project.stated_total)}",
                    ctx.locate((*BASE, i, "总分")),
                    where,
                    severity,
                    Figures(scores.total, project.stated_total, unit="分", bound=ctx.score_bound),
                )
        for j, ind in enumerate(project.indicators):
            if ind.score is not None and ind.weight is not None and ind.score > ind.weight:
                yield ctx.finding(
                    P002,
                    f"{where} {ind.name}：得分 {plain(ind.score)} 超过分值 {plain(ind.weight)}",
                    ctx.locate((*BASE, i, "绩效指标", j, "得分")),
                    where,
                )
        if scores.weight_total != HUNDRED:
            yield ctx.finding(
                P003,
                f"{where}：各项分值合计 {plain(scores.weight_total)}，应为 100",
                ctx.locate((*BASE, i, "绩效指标")),
                where,
            )
        budget = scores.total_row.budget
        if project.amount is not None and project.amount < budget:
            yield ctx.finding(
                P004,
                f"{where}：项目金额 {money(project.amount)} 元小于全年预算数 {money(budget)} 元",
                ctx.locate((*BASE, i, "项目金额")),
                where,
            )
