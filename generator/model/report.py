"""The input model of one department's final-accounts report.

It holds leaf figures and what only people can say (reasons, descriptions).
Every subtotal and total is computed in ``generator.compute``; where an input
states one anyway (pasted exports do), it is kept here as *stated* so it can
be checked and, when it agrees within rounding, printed.

Table shapes are not hard-coded: a table's rows, lines and columns are named
by the profile, so ``TableInput`` is a generic container validated against
the profile when the report is computed.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from generator.model.amounts import Amount, Count, Integer, Number, is_none_word, parse_amount
from generator.model.evaluation import EvaluationReport, ProjectSelfEvaluationReport
from generator.model.performance import Attachments
from generator.model.provenance import Source, figures_digest
from generator.model.table_block import TableBlock


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Duty(Strict):
    """One numbered duty; ``items`` are the nested (1)(2)… points."""

    text: str
    items: list[str] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Unit(Strict):
    name: str = Field(alias="单位名称")
    note: str = Field("", alias="备注")
    kind: str = Field("", alias="单位性质")  # 行政单位 / 参照公务员法管理事业单位 / 事业单位


class Overview(Strict):
    duties_intro: str = ""
    duties: list[Duty] = Field(default_factory=list)
    organization: str = ""
    units: list[Unit] = Field(default_factory=list)

    def filled(self) -> dict[str, bool]:
        """Which of the 概况's two subtitles have something under them (printed, or
        left out and warned about: N005)."""
        return {
            "duties": bool(self.duties_intro.strip() or self.duties),
            "organization": bool(self.organization.strip() or self.units),
        }


class RowInput(BaseModel):
    """A 功能分类 row: code, optional name, and amounts by column id.

    Columns are written as plain keys next to ``code`` (as they appear in the
    printed table), e.g. ``{code: "2011301", 基本支出: 873.63}``.
    """

    model_config = ConfigDict(extra="forbid")

    code: str
    name: str | None = None
    values: dict[str, Amount] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_columns(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        known = {"code", "name", "values"}
        values = dict(data.get("values") or {})
        values.update({k: v for k, v in data.items() if k not in known})
        out = {k: v for k, v in data.items() if k in {"code", "name"}}
        out["values"] = values
        return out

    @field_validator("code", mode="before")
    @classmethod
    def _code_text(cls, value: Any) -> Any:
        # Codes pasted from Excel arrive as numbers; they are identifiers.
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            return str(int(value))
        return value.strip() if isinstance(value, str) else value


LineValue = Amount | dict[str, Amount]


class TableInput(Strict):
    """One disclosure table as typed by the user.

    ``rows`` serve the 功能分类 tables; ``lines`` the tables whose rows are
    named by the profile (balance sheets 01/04, 公开06 by economic code,
    公开07 by 预算/决算).  ``total`` is the stated 合计 row, if pasted.
    """

    rows: list[RowInput] = Field(default_factory=list)
    total: dict[str, Amount] = Field(default_factory=dict, alias="合计")
    lines: dict[str, LineValue] = Field(default_factory=dict)
    statement: str | None = None
    # Why the table's figures are not known at all (``extract`` of a PDF that does not
    # print it): absent is not zero, so no sentence states a figure of a missing table.
    missing: str | None = None

    @field_validator("lines", mode="before")
    @classmethod
    def _line_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        return value

    @field_validator("lines")
    @classmethod
    def _parse_nested(cls, value: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(item, dict):
                out[key] = {str(k): parse_amount(v) for k, v in item.items()}
            else:
                out[key] = item
        return out


class Comparison(Strict):
    """Prior-year figures, keyed like this year's tables (table → line/code → column).

    ``上年: 无`` (a department formed this year) declares there was no last year:
    no comparison is written and none is asked for.
    """

    tables: dict[str, dict[str, LineValue]] = Field(default_factory=dict)
    none: bool = Field(False, alias="无")

    @model_validator(mode="before")
    @classmethod
    def _declared_none(cls, data: Any) -> Any:
        return {"无": True} if is_none_word(data) else data


FactState = Literal["given", "none", "missing"]


def _block_none(data: Any, zeros: dict[str, Any]) -> Any:
    """A whole fact block typed as "无" declares none: it reads as the block's zeros."""
    return dict(zeros) if is_none_word(data) else data


def _state(values: list[Any]) -> FactState:
    """given: some figure is non-zero; none: figures typed and all zero; missing: none typed."""
    typed = [v for v in values if v is not None]
    if not typed:
        return "missing"
    return "given" if any(typed) else "none"


class SanGongFacts(Strict):
    """三公 facts the tables cannot hold.

    Every count is None when nobody typed it (the sentence is left out and a
    warning says where to fill it), 0 when typed as 0 or "无".
    """

    vehicles_owned: Count = Field(None, alias="公务用车保有量")
    vehicles_owned_note: str = Field("", alias="保有量说明")
    vehicles_bought: Count = Field(None, alias="公务用车购置数")
    receptions_batches: Count = Field(None, alias="公务接待批次")
    receptions_people: Count = Field(None, alias="公务接待人数")
    receptions_people_note: str = Field("", alias="接待人数说明")
    receptions_purpose: str = Field("", alias="公务接待主要用途")
    vehicle_running_purpose: str = Field("", alias="公务用车运行费主要用途")
    abroad_note: str = Field("", alias="因公出国说明")
    abroad_groups: Count = Field(None, alias="因公出国团组数")
    abroad_people: Count = Field(None, alias="因公出国人次")


class Procurement(Strict):
    """政府采购; ``政府采购: 无`` declares none (all zero)."""

    goods: Amount = Field(None, alias="货物")
    works: Amount = Field(None, alias="工程")
    services: Amount = Field(None, alias="服务")
    total: Amount = Field(None, alias="合计")
    sme: Amount = Field(None, alias="授予中小企业")
    small_micro: Amount = Field(None, alias="授予小微企业")

    @model_validator(mode="before")
    @classmethod
    def _declared_none(cls, data: Any) -> Any:
        return _block_none(data, {"合计": 0})

    @property
    def state(self) -> FactState:
        return _state([self.goods, self.works, self.services, self.total])


class Assets(Strict):
    """国有资产占用; ``国有资产: 无`` declares none (no vehicles, no large equipment)."""

    as_of: str = Field("", alias="截至日期")
    vehicles: dict[str, Count] = Field(default_factory=dict, alias="车辆")
    general_equipment_over_50: Count = Field(None, alias="单价50万元以上通用设备")
    special_equipment_over_100: Count = Field(None, alias="单价100万元以上专用设备")

    @model_validator(mode="before")
    @classmethod
    def _declared_none(cls, data: Any) -> Any:
        return _block_none(data, {"单价50万元以上通用设备": 0, "单价100万元以上专用设备": 0})

    @property
    def state(self) -> FactState:
        counts = [self.general_equipment_over_50, self.special_equipment_over_100]
        return _state(counts + list(self.vehicles.values()))


class ProjectSummary(Strict):
    """What a project's 自评 summary in 情况说明（十） needs beyond its 自评表."""

    completion: str = Field("", alias="完成情况")
    problems: str = Field("", alias="问题")
    measures: str = Field("", alias="改进措施")


class Performance(Strict):
    """预算绩效 text; "无" in 项目自评 or 部门评价结果 declares there was none."""

    work: str = Field("", alias="工作开展情况")
    project_summaries: dict[str, ProjectSummary] = Field(default_factory=dict, alias="项目自评综述")
    self_evaluation: str = Field("", alias="项目自评")
    evaluation_results: str = Field("", alias="部门评价结果")


class NarrativeInputs(Strict):
    """Everything 情况说明 needs that the nine tables do not contain."""

    prior_year: Comparison = Field(default_factory=Comparison, alias="上年")
    budgets: dict[str, Amount] = Field(default_factory=dict, alias="年初预算")
    reasons: dict[str, str] = Field(default_factory=dict, alias="原因")
    sangong: SanGongFacts = Field(default_factory=SanGongFacts, alias="三公")
    operating_costs: Amount = Field(None, alias="机关运行经费")
    operating_costs_prior: Amount = Field(None, alias="上年机关运行经费")
    # the 公用经费 of the basic-expenditure table includes 事业单位 (schools, centres …),
    # so 机关运行经费 is a part of it, not all of it
    public_funds_include_institutions: bool | None = Field(None, alias="公用经费含事业单位")
    procurement: Procurement = Field(default_factory=Procurement, alias="政府采购")
    assets: Assets = Field(default_factory=Assets, alias="国有资产")
    other_matters: list[str] = Field(default_factory=list, alias="其他事项")
    performance: Performance = Field(default_factory=Performance, alias="预算绩效")
    # Facts a layout's own sentences need that no other field holds (会议费, 非税收入 …);
    # the profile's templates read them as facts.extra['名称'].
    extra: dict[str, Number | Integer | str] = Field(default_factory=dict, alias="其他数据")
    # The 情况说明 of a published report, by section, as extract read it: never printed
    # (ours is written from the numbers), but checked, so a published text that
    # contradicts its own tables is found.
    published_text: dict[str, str] = Field(default_factory=dict, alias="公开文本")
    # Tables printed inside a 情况说明 section (the 非税收入征缴 table …), by section id.
    tables: dict[str, list[TableBlock]] = Field(default_factory=dict, alias="文中表格")

    @field_validator("budgets", mode="before")
    @classmethod
    def _budget_keys(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {str(k): v for k, v in value.items()}
        return value

    @field_validator("other_matters", mode="before")
    @classmethod
    def _matters_none(cls, value: Any) -> Any:
        return ["无。"] if is_none_word(value) else value

    @field_validator("extra", mode="before")
    @classmethod
    def _extra_none(cls, value: Any) -> Any:
        # 会议费: 无 declares none: the fact reads as 0 (the template's "无…支出" wording)
        if isinstance(value, dict):
            return {k: (0 if is_none_word(v) else v) for k, v in value.items()}
        return value


class GlossaryEntry(Strict):
    """The department's change to 名词解释: ``text`` replaces the default, ``append``
    adds to it, ``remove`` (or the text 删除) leaves the entry out."""

    term: str
    text: str | None = None
    append: str = ""
    remove: bool = False

    @model_validator(mode="before")
    @classmethod
    def _delete_word(cls, data: Any) -> Any:
        # text 删除 (what the workbook's 解释 cell can say) is remove: one model either way
        if isinstance(data, dict) and str(data.get("text") or "").strip() == "删除":
            return {**data, "text": None, "remove": True}
        return data

    @property
    def removes(self) -> bool:
        return self.remove


class Report(Strict):
    profile: str
    department: str
    year: int
    unit_kind: Literal["行政单位", "参照公务员法管理事业单位", "事业单位", "其他"] = "行政单位"
    amount_unit: Literal["万元", "元"] = "万元"
    publication_date: str | None = None
    overview: Overview = Field(default_factory=Overview)
    tables: dict[str, TableInput] = Field(default_factory=dict)
    narrative: NarrativeInputs = Field(default_factory=NarrativeInputs)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    attachments: Attachments = Field(default_factory=Attachments)
    # the body of a 绩效评价报告 / 项目支出绩效自评报告 (profiles whose parts print them)
    evaluation: EvaluationReport | None = Field(None, alias="评价报告")
    self_evaluation: ProjectSelfEvaluationReport | None = Field(None, alias="自评报告")
    # Statements instead of content, by what they replace: a part (决算表, 情况说明, 附件),
    # a table (公开08) or a 情况说明 section id (收支总体).  "无" takes the profile's
    # default wording ("本部门{{year}}年度没有…"); any other text prints as typed.
    statements: dict[str, str] = Field(default_factory=dict, alias="说明")
    # Written by ``extract``: the published PDF these figures were read from.
    source: Source | None = None

    @cached_property
    def unmodified_extract(self) -> bool:
        """Are the table figures still those ``extract`` read from the published PDF?

        Then a contradiction inside the tables is the publisher's (a build corrects it,
        ``app.build``); after any edit of a figure the input is the user's."""
        if self.source is None:
            return False
        digest = figures_digest(self.profile, self.tables)
        return digest == self.source.figures_digest

    @property
    def includes_institutions(self) -> bool:
        """Does the report consolidate 事业单位 (schools, centres) besides 行政/参公 units?"""
        if self.narrative.public_funds_include_institutions is not None:
            return self.narrative.public_funds_include_institutions
        kinds = {self.unit_kind} | {u.kind for u in self.overview.units if u.kind}
        return "事业单位" in kinds
