"""The performance attachments: 自评报告, 自评表 and 评价评分表.

Amounts here are 元 (as the published 自评表 print them), never 万元.
Scores and rates that follow from other figures (执行率, 资金得分, 总分,
二级/一级 weights) are computed in ``generator.compute.performance``; a
stated figure is kept only to be checked.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from generator.model.amounts import Amount, Number
from generator.model.table_block import TableBlock


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class OverallIndicator(Strict):
    level1: str = Field(alias="一级指标")
    level2: str = Field(alias="二级指标")
    name: str = Field(alias="三级指标")
    target: str = Field("", alias="预期指标值")
    actual: str = Field("", alias="实际完成指标值")


class Section(Strict):
    """A titled block of free text with optional sub-sections.

    ``text`` holds paragraphs separated by blank lines; ``tables`` print after
    the text (``after`` paragraphs follow them), then the 指标表 and the sub-sections.
    """

    title: str = ""
    text: str = ""
    tables: list[TableBlock] = Field(default_factory=list, alias="表格")
    after: str = Field("", alias="表后文字")
    sections: list[Section] = Field(default_factory=list)
    indicators: list[OverallIndicator] = Field(default_factory=list, alias="指标表")


class FundLine(Strict):
    initial: Amount = Field(None, alias="年初预算数")
    budget: Amount = Field(None, alias="全年预算数")
    executed: Amount = Field(None, alias="全年执行数")


class Indicator(Strict):
    level1: str = Field(alias="一级指标")
    level2: str = Field(alias="二级指标")
    name: str = Field(alias="三级指标")
    target: str = Field("", alias="年度指标值")
    actual: str = Field("", alias="实际完成值")
    weight: Number | None = Field(None, alias="分值")
    score: Number | None = Field(None, alias="得分")
    deviation: str = Field("", alias="偏差原因分析及改进措施")


class ProjectSelfEvaluation(Strict):
    """项目支出绩效自评表."""

    name: str = Field(alias="项目名称")
    amount: Amount = Field(None, alias="项目金额")
    department: str = Field("", alias="主管部门")
    implementer: str = Field("", alias="实施单位")
    funds: dict[str, FundLine] = Field(default_factory=dict, alias="项目资金")
    fund_weight: Number = Field(Decimal(10), alias="资金分值")
    goal_expected: str = Field("", alias="预期目标")
    goal_actual: str = Field("", alias="实际完成情况")
    indicators: list[Indicator] = Field(default_factory=list, alias="绩效指标")
    stated_total: Number | None = Field(None, alias="总分")


class Task(Strict):
    name: str = Field(alias="任务名称")
    completion: str = Field("", alias="完成情况")
    budget_total: Amount = Field(None, alias="预算数全额")
    budget_fiscal: Amount = Field(None, alias="预算数财政拨款")
    executed_total: Amount = Field(None, alias="执行数全额")
    executed_fiscal: Amount = Field(None, alias="执行数财政拨款")


class DepartmentSelfEvaluationTable(Strict):
    """部门（单位）整体支出绩效目标完成情况自评表."""

    tasks: list[Task] = Field(default_factory=list, alias="年度主要任务")
    goal_expected: str = Field("", alias="预期目标")
    goal_actual: str = Field("", alias="目标实际完成情况")
    indicators: list[OverallIndicator] = Field(default_factory=list, alias="绩效指标")


class ScoreItem(Strict):
    """One 三级指标 row of a 评分表; 一级/二级 weights are summed from these."""

    level1: str = Field(alias="一级指标")
    level2: str = Field(alias="二级指标")
    name: str = Field(alias="三级指标")
    weight: Number = Field(alias="分值")
    explanation: str = Field("", alias="指标解释")
    criteria: str = Field("", alias="评分标准")
    score: Number = Field(alias="得分")
    deduction: str = Field("", alias="扣分原因")


class ScoringTable(Strict):
    """项目支出绩效评价指标体系评分表 / 部门整体支出绩效评分表."""

    title: str = "项目支出绩效评价指标体系评分表"
    explanation_header: str = Field("指标解释", alias="指标解释列名")
    criteria_header: str = Field("评分标准", alias="评分标准列名")
    total_label: str = Field("合计得分", alias="合计行名")
    items: list[ScoreItem] = Field(default_factory=list, alias="指标")
    stated_total: Number | None = Field(None, alias="合计得分")
    stated_grade: str | None = Field(None, alias="等级")
    # the lines under the table (grading legend …); None: the profile's scoring_notes
    notes: list[str] | None = Field(None, alias="说明")


class DepartmentSelfEvaluation(Strict):
    """附件1 部门整体绩效自评报告."""

    title: str = ""  # blank: the profile's document.attachment_titles
    sections: list[Section] = Field(default_factory=list)
    table: DepartmentSelfEvaluationTable | None = Field(None, alias="自评表")
    scoring: ScoringTable | None = Field(None, alias="评分表")


class DepartmentEvaluation(Strict):
    """附件3 部门评价报告 (one per evaluated project)."""

    title: str
    project: str = Field("", alias="项目名称")
    department: str = Field("", alias="主管部门")
    sections: list[Section] = Field(default_factory=list)
    scoring: ScoringTable | None = Field(None, alias="评分表")


class TargetIndicator(Strict):
    level1: str = Field(alias="一级指标")
    level2: str = Field(alias="二级指标")
    name: str = Field(alias="三级指标")
    target: str = Field("", alias="指标值")
    source: str = Field("", alias="目标值来源")


_DAY = re.compile(
    r"^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})"
    r"|年(\d{1,2})月(?:(\d{1,2})日)?)$"
)
_PHONE = re.compile(r"^[0-9０-９\s\-－—–()（）+＋、，,;；/转分机]+$")


def parse_day(text: str) -> date | None:
    """YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYY年M月 (its first day); None when
    it is not a real calendar day."""
    m = _DAY.match(text.strip())
    if m is None:
        return None
    parts = [g for g in m.groups()[1:] if g is not None]
    month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1
    try:
        return date(int(m.group(1)), month, day)
    except ValueError:
        return None


class PerformanceTarget(Strict):
    """项目绩效目标表 (next year's targets per project).

    The short form has 项目名称/主管部门/实施单位/项目金额/年度目标 and the
    indicators; the full form adds the project's type and use (one
    option of each, printed as check boxes), the people responsible, the plan
    dates, 项目总金额 beside 本年度项目金额 (``amount``), the funding split, the
    project description, use and overall (medium-term) goal, and a 目标值来源
    column.  Amounts in 元.
    """

    name: str = Field(alias="项目名称")
    year: int | None = Field(None, alias="年度")
    department: str = Field("", alias="主管部门")
    implementer: str = Field("", alias="实施单位")
    amount: Amount = Field(None, alias="项目金额")  # 本年度项目金额
    total_amount: Amount = Field(None, alias="项目总金额")
    fiscal_funds: Amount = Field(None, alias="财政拨款资金")
    other_funds: Amount = Field(None, alias="其他资金")
    project_type: str = Field("", alias="项目类型")
    fund_use: str = Field("", alias="资金用途")
    manager: str = Field("", alias="负责人")
    manager_phone: str = Field("", alias="负责人电话")
    contact: str = Field("", alias="联系人")
    contact_phone: str = Field("", alias="联系人电话")
    start_date: str = Field("", alias="计划开始日期")
    end_date: str = Field("", alias="计划完成日期")
    overview: str = Field("", alias="项目概况")
    use: str = Field("", alias="项目用途")
    overall_goal: str = Field("", alias="项目总(中期)目标")
    goal: str = Field("", alias="年度目标")
    indicators: list[TargetIndicator] = Field(default_factory=list, alias="绩效指标")

    @field_validator("start_date", "end_date", mode="before")
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> Any:
        """A calendar day, printed as typed; an unquoted YYYY-MM-DD in YAML is a date."""
        if isinstance(value, date):
            value = value.isoformat()
        if not isinstance(value, str) or not value.strip():
            return value
        value = value.strip()
        if parse_day(value) is None:
            raise ValueError(f"应为日期（年-月-日，如 ××××-01-31 或 ××××年1月31日）：“{value}”")
        start = parse_day(info.data.get("start_date") or "")
        if info.field_name == "end_date" and start is not None and parse_day(value) < start:
            raise ValueError(f"{value} 早于计划开始日期 {info.data['start_date']}")
        return value

    @field_validator("manager_phone", "contact_phone", mode="before")
    @classmethod
    def _phone(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            if not _PHONE.match(value) or not any(ch.isdigit() for ch in value):
                raise ValueError(f"应为电话号码（如 0755-88120337）：“{value}”")
        return value

    @property
    def full_form(self) -> bool:
        return bool(
            self.project_type or self.fund_use or self.manager or self.total_amount is not None
        )


class Attachments(Strict):
    department_self_evaluation: DepartmentSelfEvaluation | None = None
    project_self_evaluations: list[ProjectSelfEvaluation] = Field(default_factory=list)
    # blank titles: the profile's document.attachment_titles
    project_self_evaluations_title: str = ""
    department_evaluations: list[DepartmentEvaluation] = Field(default_factory=list)
    department_evaluations_title: str = ""
    performance_targets: list[PerformanceTarget] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _none_is_empty(cls, data: Any) -> Any:
        return {} if data is None else data
