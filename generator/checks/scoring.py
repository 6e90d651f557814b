"""评价评分表: 二级 = Σ 三级, 一级 = Σ 二级, total = Σ 一级, grade from the total."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Figures, Finding, Severity, difference, implements, rule
from generator.compute.evaluation import profile_grades
from generator.compute.performance import score_table
from generator.model.performance import ScoringTable
from generator.narrative.numbers import plain

Q001 = rule(
    "Q001",
    "评价评分表",
    Severity.ERROR,
    "合计得分 = Σ 各级得分",
    "合计得分填 89.25，各项得分之和 88.25",
)
Q002 = rule(
    "Q002",
    "评价评分表",
    Severity.ERROR,
    "等级由合计得分决定：优 ≥ 90，良 80–<90，中 60–<80，差 < 60",
    "88.25 分填为“优”",
)
Q003 = rule(
    "Q003", "评价评分表", Severity.ERROR, "每项得分不超过其分值", "立项依据充分性 分值 5，得分 6"
)
Q004 = rule("Q004", "评价评分表", Severity.WARNING, "各项分值合计为 100", "分值合计 95")


def _tables(ctx: CheckContext) -> Iterator[tuple[str, tuple[str | int, ...], ScoringTable]]:
    att = ctx.report.attachments
    if att.department_self_evaluation and att.department_self_evaluation.scoring:
        yield (
            att.department_self_evaluation.scoring.title,
            ("attachments", "department_self_evaluation", "评分表"),
            att.department_self_evaluation.scoring,
        )
    evaluation = ctx.report.evaluation
    if evaluation is not None and evaluation.scoring is not None:
        yield evaluation.scoring.title, ("评价报告", "评分表"), evaluation.scoring
    for i, ev in enumerate(att.department_evaluations):
        if ev.scoring:
            yield (
                f"{ev.title} 评分表",
                ("attachments", "department_evaluations", i, "评分表"),
                ev.scoring,
            )


@implements(Q001, Q002, Q003, Q004)
def scoring_tables(ctx: CheckContext) -> Iterator[Finding]:
    for name, base, table in _tables(ctx):
        result = score_table(table, profile_grades(ctx.profile))
        if table.stated_total is not None:
            severity = ctx.rounding_severity(
                abs(table.stated_total - result.total), ctx.score_bound
            )
            if severity is not None:
                yield ctx.finding(
                    Q001,
                    f"{name} 合计得分：{difference(result.total, table.stated_total)}",
                    ctx.locate((*base, "合计得分")),
                    name,
                    severity,
                    Figures(result.total, table.stated_total, unit="分", bound=ctx.score_bound),
                )
        if table.stated_grade and table.stated_grade != result.grade:
            yield ctx.finding(
                Q002,
                f"{name}：合计得分 {plain(result.total)} 对应等级“{result.grade}”，填写为“{table.stated_grade}”",
                ctx.locate((*base, "等级")),
                name,
            )
        for j, item in enumerate(table.items):
            if item.score > item.weight:
                yield ctx.finding(
                    Q003,
                    f"{name} {item.name}：得分 {plain(item.score)} 超过分值 {plain(item.weight)}",
                    ctx.locate((*base, "指标", j, "得分")),
                    name,
                )
        if result.weight != 100:
            yield ctx.finding(
                Q004,
                f"{name}：分值合计 {plain(result.weight)}，应为 100",
                ctx.locate((*base, "指标")),
                name,
            )
