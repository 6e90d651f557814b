"""The optional facts 情况说明 states, each given, declared none, or missing.

"Absent is not zero": a fact nobody entered must not read as 无 or 0.  Every
optional fact a sentence template may state is named here once, with how its
state is read from the input and where a user fills it in (YAML path and
workbook sheet/block).  Templates ask ``state('政府采购')``; the missing-fact
rule warns for every fact a template asks about that is missing.  Names not
listed here are a layout's own facts in ``narrative.其他数据`` (会议费 …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.model.amounts import is_none_word
from generator.model.report import FactState, Report

SHEET_FACTS = "三公及其他"


@dataclass(frozen=True)
class Fact:
    name: str
    path: tuple[str, ...]  # YAML path under the input
    sheet: str  # the input workbook's sheet …
    block: str  # … and the block on it
    state: Callable[[Report], FactState]


def _count(value: int | None) -> FactState:
    return "missing" if value is None else "given" if value else "none"


def _text(text: str) -> FactState:
    text = (text or "").strip()
    return "missing" if not text else "none" if is_none_word(text) else "given"


def _self_evaluation(report: Report) -> FactState:
    perf = report.narrative.performance
    if report.attachments.project_self_evaluations or perf.project_summaries:
        return "given"
    return _text(perf.self_evaluation)


def _evaluation(report: Report) -> FactState:
    if report.attachments.department_evaluations:
        return "given"
    return _text(report.narrative.performance.evaluation_results)


def _budgets(report: Report) -> FactState:
    values = list(report.narrative.budgets.values())
    typed = [v for v in values if v is not None]
    return "missing" if not typed else "given" if any(typed) else "none"


def _prior(report: Report) -> FactState:
    prior = report.narrative.prior_year
    return "none" if prior.none else "given" if prior.tables else "missing"


def _sangong(attr: str) -> Callable[[Report], FactState]:
    return lambda r: _count(getattr(r.narrative.sangong, attr))


def _operating_costs(report: Report) -> FactState:
    """Typed, or (for 行政/参公 units only) the 公用经费 of the basic-expenditure table;
    a report that consolidates 事业单位 must type it: its 公用经费 is not all 机关."""
    if report.narrative.operating_costs is not None:
        return "given" if report.narrative.operating_costs else "none"
    return "missing" if report.includes_institutions else "given"


def _units(report: Report) -> FactState:
    return "given" if report.overview.units else "missing"


FACTS: dict[str, Fact] = {
    f.name: f
    for f in (
        Fact(
            "政府采购",
            ("narrative", "政府采购"),
            SHEET_FACTS,
            "政府采购",
            lambda r: r.narrative.procurement.state,
        ),
        Fact(
            "国有资产",
            ("narrative", "国有资产"),
            SHEET_FACTS,
            "国有资产",
            lambda r: r.narrative.assets.state,
        ),
        Fact(
            "项目自评",
            ("narrative", "预算绩效", "项目自评"),
            SHEET_FACTS,
            "预算绩效",
            _self_evaluation,
        ),
        Fact(
            "部门评价",
            ("narrative", "预算绩效", "部门评价结果"),
            SHEET_FACTS,
            "预算绩效",
            _evaluation,
        ),
        Fact(
            "工作开展情况",
            ("narrative", "预算绩效", "工作开展情况"),
            SHEET_FACTS,
            "预算绩效",
            lambda r: _text(r.narrative.performance.work),
        ),
        Fact(
            "公务用车保有量",
            ("narrative", "三公", "公务用车保有量"),
            SHEET_FACTS,
            "三公",
            _sangong("vehicles_owned"),
        ),
        Fact(
            "公务用车购置数",
            ("narrative", "三公", "公务用车购置数"),
            SHEET_FACTS,
            "三公",
            _sangong("vehicles_bought"),
        ),
        Fact(
            "公务接待批次",
            ("narrative", "三公", "公务接待批次"),
            SHEET_FACTS,
            "三公",
            _sangong("receptions_batches"),
        ),
        Fact(
            "因公出国团组数",
            ("narrative", "三公", "因公出国团组数"),
            SHEET_FACTS,
            "三公",
            _sangong("abroad_groups"),
        ),
        Fact("年初预算", ("narrative", "年初预算"), "年初预算", "年初预算", _budgets),
        Fact(
            "机关运行经费",
            ("narrative", "机关运行经费"),
            SHEET_FACTS,
            "机关运行经费",
            _operating_costs,
        ),
        Fact("上年", ("narrative", "上年"), "上年数", "上年数", _prior),
        Fact("单位构成", ("overview", "units"), "封面概况", "单位构成", _units),
    )
}


def extra_fact(name: str) -> Fact:
    """A layout's own fact (会议费 …) in ``narrative.其他数据``."""

    def state(report: Report) -> FactState:
        value = report.narrative.extra.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return "missing"
        return "none" if value == 0 else "given"

    return Fact(name, ("narrative", "其他数据", name), "其他数据", "其他数据", state)


def fact(name: str) -> Fact:
    return FACTS.get(name) or extra_fact(name)


def fact_state(report: Report, name: str) -> FactState:
    return fact(name).state(report)
