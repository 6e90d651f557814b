"""The two 绩效 documents published beside the 决算: an evaluation report and a self-evaluation.

A 部门整体支出绩效评价报告 (written by a third-party evaluator) and a
项目支出绩效自评报告 (written by the department about one project) are
documents of their own, not attachments.  Their prose is typed; their scores
are not: the 评价得分 comes from the 评分表, the dimension 得分 and 总分 of a
自评报告 from its score data, and a typed score is kept only to be checked.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from generator.model.amounts import Amount, Number
from generator.model.performance import ScoreItem, ScoringTable, Section


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Conclusion(Strict):
    """评价结论: the typed basis of the score; the score sentence is the profile's."""

    title: str = "（二）评价结论"
    basis: str = Field("", alias="依据")
    subject: str = Field("", alias="简称")  # 市协作办
    show_grade: bool = Field(False, alias="写明等级")
    stated_score: Number | None = Field(None, alias="评价得分")
    stated_grade: str | None = Field(None, alias="等级")
    text: str = Field("", alias="补充")  # paragraphs after the score sentence


class EvaluationReport(Strict):
    """部门整体支出绩效评价报告."""

    evaluator: str = Field("", alias="评价机构")
    date: str = Field("", alias="评价日期")
    overview_title: str = Field("一、评价概况", alias="评价概况标题")
    overview: list[Section] = Field(default_factory=list, alias="评价概况")
    conclusion: Conclusion = Field(default_factory=Conclusion, alias="评价结论")
    goals: Section | None = Field(None, alias="绩效目标")
    achievements: Section | None = Field(None, alias="主要绩效")
    problems: Section | None = Field(None, alias="存在问题")
    suggestions: Section | None = Field(None, alias="相关建议")
    scoring: ScoringTable | None = Field(None, alias="评分表")
    footnotes: list[str] = Field(default_factory=list, alias="脚注")
    # 收入/支出 figures of the year: typed here, or taken from the same department's
    # 决算 input (``决算输入``, a path next to this input) and then checked against it
    figures: dict[str, Amount] = Field(default_factory=dict, alias="数据")
    final_accounts: str | None = Field(None, alias="决算输入")


class Dimension(Strict):
    """One of 投入/过程/产出/效果: 满分, and its 得分 typed or summed from its 指标."""

    name: str = Field(alias="名称")
    full: Number = Field(alias="满分")
    stated_score: Number | None = Field(None, alias="得分")
    items: list[ScoreItem] = Field(default_factory=list, alias="指标")
    text: str = ""


class ProjectSelfEvaluationReport(Strict):
    """项目支出绩效自评报告."""

    project: str = Field(alias="项目名称")
    intro: str = Field("", alias="引言")
    subject: str = Field("本单位", alias="自称")  # 本办: how the closing sentence names us
    amount: Amount = Field(None, alias="项目金额")
    sections: list[Section] = Field(default_factory=list)  # 一、项目基本概况 … 二、评价工作情况
    analysis_title: str = Field("三、绩效分析及评价结论", alias="绩效分析标题")
    analysis: str = Field("", alias="绩效分析")
    dimensions: list[Dimension] = Field(default_factory=list, alias="评价维度")
    result_title: str = Field("评价结果和评价结论", alias="结论标题")
    result: str = Field("", alias="评价结论")  # 已完成年度绩效目标
    stated_total: Number | None = Field(None, alias="总分")
    stated_grade: str | None = Field(None, alias="等级")
