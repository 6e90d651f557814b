"""Scores of the two 绩效 documents: 评价得分 from the 评分表, 自评 总分 from its dimensions.

The printed score is the computed one; a typed score is shown only when it
agrees within a cent (``check`` reports it otherwise), as for every total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.compute.computed import Computed
from generator.compute.performance import Grades, ScoringResult, grade, score_table
from generator.model.amounts import CENT
from generator.model.evaluation import Dimension, EvaluationReport, ProjectSelfEvaluationReport
from generator.profiles.schema import Profile


def profile_grades(profile: Profile) -> Grades:
    return [(g.min, g.name) for g in sorted(profile.performance.grades, key=lambda g: -g.min)]


def _shown(stated: Decimal | None, computed: Decimal) -> Decimal:
    return stated if stated is not None and abs(stated - computed) <= CENT else computed


@dataclass
class EvaluationScore:
    score: Decimal | None  # None: neither a 评分表 nor a typed score
    grade: str | None
    scoring: ScoringResult | None


def score_evaluation(report: EvaluationReport, profile: Profile) -> EvaluationScore:
    grades = profile_grades(profile)
    if report.scoring is not None and report.scoring.items:
        result = score_table(report.scoring, grades)
        score = _shown(report.conclusion.stated_score, result.total)
        return EvaluationScore(score, grade(score, grades), result)
    stated = report.conclusion.stated_score
    return EvaluationScore(stated, grade(stated, grades) if stated is not None else None, None)


def evaluation_figures(computed: Computed) -> dict[str, Decimal]:
    """The 收入/支出 figures a 评价报告 states: from its 决算 input when it names one
    (profile ``final_accounts_figures`` say which cells), else as typed (``数据``)."""
    ev = computed.report.evaluation
    figures = {k: v for k, v in (ev.figures if ev else {}).items() if v is not None}
    linked = computed.final_accounts
    if linked is not None:
        for name, ref in computed.profile.performance.final_accounts_figures.items():
            table, row, column = ref.split("/", 2)
            figures[name] = linked.amount(table, row, column)
    return figures


@dataclass
class DimensionScore:
    source: Dimension
    score: Decimal  # Σ 指标得分 when it has 指标, else the typed 得分 (0 when none)
    summed: bool


@dataclass
class SelfEvaluationScore:
    dimensions: list[DimensionScore]
    full: Decimal
    total: Decimal
    grade: str


def dimension_score(dim: Dimension) -> DimensionScore:
    if dim.items:
        return DimensionScore(dim, sum((i.score for i in dim.items), Decimal(0)), True)
    return DimensionScore(dim, dim.stated_score or Decimal(0), False)


def score_self_evaluation(
    report: ProjectSelfEvaluationReport, profile: Profile
) -> SelfEvaluationScore:
    dims = [dimension_score(d) for d in report.dimensions]
    total = sum((d.score for d in dims), Decimal(0))
    total = _shown(report.stated_total, total)
    full = sum((d.source.full for d in dims), Decimal(0))
    return SelfEvaluationScore(dims, full, total, grade(total, profile_grades(profile)))
