"""评价评分表: 二级 = Σ 三级, 一级 = Σ 二级, total = Σ 一级, grade from the total."""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Figures, Finding, Severity, difference, implements, rule
from generator.compute.evaluation import profile_grades
from generator.compute.performance import score_table
from generator.model.performance import ScoringTable, Section
from generator.model.table_block import TableBlock
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
Q005 = rule(
    "Q005",
    "评价评分表",
    Severity.ERROR,
    "文中“评分”表格引用的一级指标在所属报告的评分表中",
    "表格写“评分: 效果”，评分表的一级指标只有 决策、过程、产出、效益",
)


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


Path = tuple[str | int, ...]
# 评价报告's single sections, by their YAML key
EVALUATION_SECTIONS = {
    "绩效目标": "goals",
    "主要绩效": "achievements",
    "存在问题": "problems",
    "相关建议": "suggestions",
}


def _blocks(section: Section, path: Path) -> Iterator[tuple[Path, TableBlock]]:
    for j, block in enumerate(section.tables):
        yield (*path, "表格", j), block
    for k, sub in enumerate(section.sections):
        yield from _blocks(sub, (*path, "sections", k))


def _listed(sections: list[Section], path: Path) -> list[tuple[Path, Section]]:
    return [((*path, i), sec) for i, sec in enumerate(sections)]


def _score_blocks(ctx: CheckContext) -> Iterator[tuple[Path, TableBlock, ScoringTable | None]]:
    """Every table block with the 评分表 its ``评分`` can refer to: the one of the
    report (or attachment) the block is printed in, as the document lays it out."""
    report = ctx.report
    owners: list[tuple[list[tuple[Path, Section]], ScoringTable | None]] = []
    ev = report.evaluation
    if ev is not None:
        trees = _listed(ev.overview, ("评价报告", "评价概况"))
        for key, field in EVALUATION_SECTIONS.items():
            section = getattr(ev, field)
            if section is not None:
                trees.append((("评价报告", key), section))
        owners.append((trees, ev.scoring))
    att = report.attachments
    dse = att.department_self_evaluation
    if dse is not None:
        base = ("attachments", "department_self_evaluation", "sections")
        owners.append((_listed(dse.sections, base), dse.scoring))
    for i, de in enumerate(att.department_evaluations):
        base = ("attachments", "department_evaluations", i, "sections")
        owners.append((_listed(de.sections, base), de.scoring))
    if report.self_evaluation is not None:
        owners.append((_listed(report.self_evaluation.sections, ("自评报告", "sections")), None))
    for trees, table in owners:
        for path, section in trees:
            for where, block in _blocks(section, path):
                yield where, block, table
    for section_id, blocks in report.narrative.tables.items():
        for j, block in enumerate(blocks):
            yield ("narrative", "文中表格", section_id, j), block, None


@implements(Q005)
def score_blocks(ctx: CheckContext) -> Iterator[Finding]:
    for path, block, table in _score_blocks(ctx):
        if not block.scores:
            continue
        levels = list(dict.fromkeys(item.level1 for item in table.items)) if table else []
        if block.scores in levels:
            continue
        where = f"表格“{block.title or block.scores}”"
        if not levels:
            message = f"{where}：所在报告没有评分表，无法引用一级指标“{block.scores}”"
        else:
            message = f"{where}：评分表中没有一级指标“{block.scores}”（有：{'、'.join(levels)}）"
        yield ctx.finding(Q005, message, ctx.locate((*path, "评分")), "评价评分表")
