"""The scores of a 绩效评价报告 and a 项目支出绩效自评报告 follow from their score data.

The printed score is always the computed one; these rules say where a typed
score disagrees with it, so the person who typed it can find the slip.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, rule
from generator.compute.evaluation import (
    dimension_score,
    evaluation_figures,
    profile_grades,
    score_self_evaluation,
)
from generator.compute.performance import grade, score_table
from generator.narrative.numbers import plain

V001 = rule(
    "V001",
    "绩效评价报告",
    Severity.ERROR,
    "评价结论的评价得分 = 评分表合计得分；等级由得分决定",
    "评价得分填 88.68，评分表各项得分合计 87.68",
)
V002 = rule(
    "V002",
    "绩效自评报告",
    Severity.ERROR,
    "各评价维度得分 = Σ 其指标得分，且不超过满分",
    "投入 满分 20，得分填 22",
)
V003 = rule(
    "V003",
    "绩效自评报告",
    Severity.ERROR,
    "总分 = Σ 各维度得分；等级由总分决定",
    "四个维度得分合计 95，总分填 100",
)
V004 = rule("V004", "绩效自评报告", Severity.WARNING, "各维度满分合计为 100", "满分合计 90")

V005 = rule(
    "V005",
    "绩效评价报告",
    Severity.ERROR,
    "评价报告的收入、支出数 = 同部门决算输入中的数；决算输入须是同一部门、同一年度",
    "数据.总收入 填 129,566.45，决算 公开01 本年收入合计 129,566.54",
)

V006 = rule(
    "V006",
    "绩效自评报告",
    Severity.ERROR,
    "评价维度的名称各不相同",
    "评价维度 两项都叫“过程”",
)

EVALUATION = ("评价报告", "评价结论")
SELF = ("自评报告",)


def _score_finding(
    ctx: CheckContext, code, what: str, stated: Decimal, computed: Decimal, path: tuple
) -> Finding | None:
    severity = ctx.rounding_severity(abs(stated - computed), ctx.score_bound)
    if severity is None:
        return None
    return ctx.finding(
        code,
        f"{what}填 {plain(stated)}，计算为 {plain(computed)}（相差 {plain(abs(stated - computed))}）",
        ctx.locate(path),
        code.group,
        severity,
    )


@implements(V001)
def evaluation_score(ctx: CheckContext) -> Iterator[Finding]:
    ev = ctx.report.evaluation
    if ev is None:
        return
    grades = profile_grades(ctx.profile)
    conclusion = ev.conclusion
    score = conclusion.stated_score
    if ev.scoring is not None and ev.scoring.items:
        total = score_table(ev.scoring, grades).total
        if score is not None:
            found = _score_finding(
                ctx, V001, "评价结论的评价得分", score, total, (*EVALUATION, "评价得分")
            )
            if found:
                yield found
        score = total
    if score is not None and conclusion.stated_grade:
        expected = grade(score, grades)
        if conclusion.stated_grade != expected:
            yield ctx.finding(
                V001,
                f"评价得分 {plain(score)} 对应等级“{expected}”，填写为“{conclusion.stated_grade}”",
                ctx.locate((*EVALUATION, "等级")),
                V001.group,
            )


@implements(V002, V003, V004)
def self_evaluation_scores(ctx: CheckContext) -> Iterator[Finding]:
    se = ctx.report.self_evaluation
    if se is None:
        return
    for i, dim in enumerate(se.dimensions):
        where = (*SELF, "评价维度", i, "得分")
        scored = dimension_score(dim)
        if scored.summed and dim.stated_score is not None:
            found = _score_finding(
                ctx, V002, f"{dim.name}得分（Σ 指标得分）", dim.stated_score, scored.score, where
            )
            if found:
                yield found
        if scored.score > dim.full:
            yield ctx.finding(
                V002,
                f"{dim.name}：得分 {plain(scored.score)} 超过满分 {plain(dim.full)}",
                ctx.locate(where),
                V002.group,
            )
    scores = score_self_evaluation(se, ctx.profile)
    computed = sum((d.score for d in scores.dimensions), Decimal(0))
    if se.stated_total is not None:
        found = _score_finding(
            ctx, V003, "总分（Σ 各维度得分）", se.stated_total, computed, (*SELF, "总分")
        )
        if found:
            yield found
    if se.stated_grade and se.stated_grade != scores.grade:
        yield ctx.finding(
            V003,
            f"总分 {plain(scores.total)} 对应等级“{scores.grade}”，填写为“{se.stated_grade}”",
            ctx.locate((*SELF, "等级")),
            V003.group,
        )
    if se.dimensions and scores.full != 100:
        yield ctx.finding(
            V004,
            f"各维度满分合计 {plain(scores.full)}，应为 100",
            ctx.locate((*SELF, "评价维度")),
            V004.group,
        )


@implements(V005)
def evaluation_figures_from_final_accounts(ctx: CheckContext) -> Iterator[Finding]:
    ev = ctx.report.evaluation
    linked = ctx.computed.final_accounts
    if ev is None or linked is None:
        return
    mine, theirs = ctx.report, linked.report
    if (theirs.department, theirs.year) != (mine.department, mine.year):
        yield ctx.finding(
            V005,
            f"决算输入是{theirs.department}{theirs.year}年度的，"
            f"评价报告是{mine.department}{mine.year}年度的",
            ctx.locate(("评价报告", "决算输入")),
            V005.group,
        )
        return
    figures = evaluation_figures(ctx.computed)
    for name, typed in ev.figures.items():
        if typed is None or name not in ctx.profile.performance.final_accounts_figures:
            continue
        found = _score_finding(
            ctx,
            V005,
            f"数据.{name}（决算 {ctx.profile.performance.final_accounts_figures[name]}）",
            typed,
            figures[name],
            ("评价报告", "数据", name),
        )
        if found:
            yield found


@implements(V006)
def dimension_names(ctx: CheckContext) -> Iterator[Finding]:
    """Each dimension prints as its own heading with its own score; two of one name read
    as a slip, and a workbook's 维度指标 row naming it could belong to either."""
    se = ctx.report.self_evaluation
    if se is None:
        return
    first: dict[str, int] = {}
    for i, dim in enumerate(se.dimensions):
        if dim.name in first:
            yield ctx.finding(
                V006,
                f"评价维度“{dim.name}”出现两次（第{first[dim.name] + 1}项与第{i + 1}项）；"
                "请改名或合并",
                ctx.locate((*SELF, "评价维度", i, "名称")),
                V006.group,
            )
        first.setdefault(dim.name, i)
