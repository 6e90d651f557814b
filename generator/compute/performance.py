"""Arithmetic of the 绩效 attachments: 执行率, 资金得分, 总分, 评分表 totals and grade.

Published 自评表 print 执行率 as a 2-decimal ratio and score the funds as
分值 × that rounded ratio (capped at 分值); we do the same so our 总分
reproduces theirs, and ``check`` flags tables where the two disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model.amounts import CENT, WAN, round2
from generator.model.performance import (
    FundLine,
    ProjectSelfEvaluation,
    ScoreItem,
    ScoringTable,
    Task,
)

FUND_TOTAL = "年度资金总额"
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def rate(executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """执行率 as an exact fraction; None when there was no budget."""
    if not budget:
        return None
    return (executed or Decimal(0)) / budget


@dataclass
class FundRow:
    """One line of 项目资金; a figure nobody typed stays None (printed blank, not 0.00)."""

    label: str
    initial: Decimal | None
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None

    @property
    def rate2(self) -> Decimal:
        return round2(self.rate) if self.rate is not None else Decimal("0.00")


@dataclass
class ProjectScores:
    source: ProjectSelfEvaluation
    funds: list[FundRow]
    fund_score: Decimal
    total: Decimal
    weight_total: Decimal

    @property
    def total_row(self) -> FundRow:
        return self.funds[0]

    @property
    def budget_wan(self) -> Decimal:
        return round2((self.total_row.budget or Decimal(0)) / WAN)

    @property
    def executed_wan(self) -> Decimal:
        return round2((self.total_row.executed or Decimal(0)) / WAN)

    @property
    def shown_total(self) -> Decimal:
        """The 总分 printed: the stated one when it agrees within a cent."""
        stated = self.source.stated_total
        if stated is not None and abs(stated - self.total) <= CENT:
            return stated
        return self.total


def score_project(p: ProjectSelfEvaluation) -> ProjectScores:
    lines: list[tuple[str, FundLine]] = list(p.funds.items())
    initials = [f.initial for _, f in lines if f.initial is not None]
    total = FundRow(
        FUND_TOTAL,
        _sum(initials) if initials else None,
        _sum([f.budget for _, f in lines]),
        _sum([f.executed for _, f in lines]),
        None,
    )
    total.rate = rate(total.executed, total.budget)
    rows = [total] + [
        FundRow(label, f.initial, f.budget, f.executed, rate(f.executed, f.budget))
        for label, f in lines
    ]
    fund_score = min(p.fund_weight * total.rate2, p.fund_weight)
    indicator_scores = _sum([i.score for i in p.indicators])
    weights = p.fund_weight + _sum([i.weight for i in p.indicators])
    return ProjectScores(
        p, rows, round2(fund_score), round2(fund_score + indicator_scores), weights
    )


@dataclass
class ScoreGroup:
    name: str
    weight: Decimal
    score: Decimal
    items: list[ScoreItem] = field(default_factory=list)


@dataclass
class ScoreLevel1:
    name: str
    weight: Decimal
    score: Decimal
    groups: list[ScoreGroup] = field(default_factory=list)


@dataclass
class ScoringResult:
    source: ScoringTable
    levels: list[ScoreLevel1]
    weight: Decimal
    total: Decimal
    grade: str


Grades = Sequence[tuple[Decimal, str]]


def grade(total: Decimal, grades: Grades = GRADES) -> str:
    """The band a total falls in; ``grades`` (floor, name) from the profile, highest first."""
    for floor, name in grades:
        if total >= floor:
            return name
    return grades[-1][1]


def score_table(table: ScoringTable, grades: Grades = GRADES) -> ScoringResult:
    levels: list[ScoreLevel1] = []
    for item in table.items:
        if not levels or levels[-1].name != item.level1:
            levels.append(ScoreLevel1(item.level1, Decimal(0), Decimal(0)))
        level = levels[-1]
        if not level.groups or level.groups[-1].name != item.level2:
            level.groups.append(ScoreGroup(item.level2, Decimal(0), Decimal(0)))
        group = level.groups[-1]
        group.items.append(item)
        group.weight += item.weight
        group.score += item.score
        level.weight += item.weight
        level.score += item.score
    total = _sum([lv.score for lv in levels])
    weight = _sum([lv.weight for lv in levels])
    return ScoringResult(table, levels, weight, total, grade(total, grades))


@dataclass
class TaskTotals:
    budget_total: Decimal
    budget_fiscal: Decimal
    executed_total: Decimal
    executed_fiscal: Decimal


def task_totals(tasks: list[Task]) -> TaskTotals:
    return TaskTotals(
        _sum([t.budget_total for t in tasks]),
        _sum([t.budget_fiscal for t in tasks]),
        _sum([t.executed_total for t in tasks]),
        _sum([t.executed_fiscal for t in tasks]),
    )
