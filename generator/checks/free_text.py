"""Figures in the user's own sentences, matched against the data.

The generated sentences cannot contradict the tables, but reasons and
descriptions are typed by people: "公务用车购置及运行费全年预算数为3.5元"
(3.5 万元 in the tables) is the classic slip.  A figure whose 万元 value is
10⁴ times or 1/10⁴ of a data value is a unit slip (error); one a few cents
off a data value is a stale figure (warning); any other figure is reported
for a second look (warning).  Attachments are long reports full of figures
that are not in the tables, so only unit slips are reported there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from generator.checks.context import CheckContext, cents
from generator.checks.findings import Finding, Severity, implements, money, rule
from generator.compute.performance import score_project
from generator.model.amounts import WAN
from generator.model.performance import Section

F001 = rule(
    "F001",
    "free text",
    Severity.ERROR,
    "文字中的金额与数据相差 10⁴ 倍（万元/元 单位错误）",
    "“全年预算数为3.5元”，表中为 3.50 万元",
)
F002 = rule(
    "F002",
    "free text",
    Severity.WARNING,
    "文字中的金额与某个数据相差几分钱（旧数或尾差）",
    "文字写 364,066.22 万元，表中为 364,066.21 万元",
)
F003 = rule(
    "F003",
    "free text",
    Severity.WARNING,
    "文字中的金额在数据中找不到",
    "“财政拨款收入支出总计0.3万元”，表中为 2,961.68 万元",
)

FIGURE = re.compile(r"(\d[\d,，]*(?:\.\d+)?)\s*(万元|亿元|元)")
UNITS = {"万元": Decimal(1), "亿元": WAN, "元": 1 / WAN}
CENT = Decimal("0.005")
NEAR = Decimal("0.05")

TextItem = tuple[tuple[str | int, ...], str, bool]  # path, text, tables-related


def _sections(base: tuple[str | int, ...], sections: list[Section]) -> Iterator[TextItem]:
    for i, sec in enumerate(sections):
        if sec.text:
            yield (*base, i, "text"), sec.text, False
        yield from _sections((*base, i, "sections"), sec.sections)


def texts(ctx: CheckContext) -> Iterator[TextItem]:
    report = ctx.report
    n = report.narrative
    for key, text in n.reasons.items():
        yield ("narrative", "原因", key), text, True
    for i, text in enumerate(n.other_matters):
        yield ("narrative", "其他事项", i), text, True
    yield ("narrative", "预算绩效", "工作开展情况"), n.performance.work, True
    yield ("narrative", "预算绩效", "部门评价结果"), n.performance.evaluation_results, True
    for name, summary in n.performance.project_summaries.items():
        for field in ("completion", "problems", "measures"):
            alias = type(summary).model_fields[field].alias
            yield (
                ("narrative", "预算绩效", "项目自评综述", name, alias),
                getattr(summary, field),
                True,
            )
    for title, text in n.published_text.items():
        yield ("narrative", "公开文本", title), text, True
    for field, info in type(n.sangong).model_fields.items():
        value = getattr(n.sangong, field)
        if isinstance(value, str):
            yield ("narrative", "三公", info.alias or field), value, True
    att = report.attachments
    if att.department_self_evaluation:
        yield from _sections(
            ("attachments", "department_self_evaluation", "sections"),
            att.department_self_evaluation.sections,
        )
    for i, ev in enumerate(att.department_evaluations):
        yield from _sections(("attachments", "department_evaluations", i, "sections"), ev.sections)


def data_values(ctx: CheckContext) -> set[Decimal]:
    """Every figure the report holds, in 万元 cents."""
    values: set[Decimal] = set()
    for computed in (ctx.computed, ctx.computed.prior):
        if computed is None:
            continue
        values.update(c.shown for c in computed.sheet.cells() if c.shown)
    n = ctx.report.narrative
    facts = [
        n.operating_costs,
        n.operating_costs_prior,
        *n.budgets.values(),
        n.procurement.goods,
        n.procurement.works,
        n.procurement.services,
        n.procurement.total,
        n.procurement.sme,
        n.procurement.small_micro,
    ]
    values.update(cents(v) for v in facts if v)
    for project in ctx.report.attachments.project_self_evaluations:
        scores = score_project(project)
        for row in scores.funds:
            values.update(cents(v / WAN) for v in (row.initial, row.budget, row.executed) if v)
    values.discard(Decimal(0))
    return values


def _parse(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def _matches(value: Decimal, values: set[Decimal]) -> bool:
    return cents(value) in values or any(
        abs(value - v) <= CENT for v in values if abs(v - value) < 1
    )


def _unit_slip(number: Decimal, unit: str, values: set[Decimal]) -> Decimal | None:
    """The data value (万元) this figure equals once its unit is corrected, if any.

    "3.5元" for 3.5 万元, or "35,000万元" for 3.5 万元.  Only figures with two
    significant digits and data values of at least 1 万元 count: a bare "5元"
    or a match with a 0.03 万元 remainder would be coincidence, not a slip.
    """
    digits = len(number.normalize().as_tuple().digits)
    if digits < 2:
        return None
    candidate = {"元": number, "万元": number / WAN}.get(unit)
    if candidate is None or candidate < 1 or candidate != cents(candidate):
        return None
    return candidate if candidate in values else None


@implements(F001, F002, F003)
def figures_in_text(ctx: CheckContext) -> Iterator[Finding]:
    values = data_values(ctx)
    for path, text, tables_related in texts(ctx):
        seen: set[str] = set()
        for match in FIGURE.finditer(text or ""):
            raw, unit = match.group(1), match.group(2)
            number = _parse(raw)
            if number is None or number == 0 or match.group(0) in seen:
                continue
            seen.add(match.group(0))
            wan = number * UNITS[unit]
            if _matches(wan, values):
                continue
            section = "情况说明" if tables_related else "附件"
            location = ctx.locate(path)
            slip = _unit_slip(number, unit, values)
            if slip is not None:
                right = "万元" if unit == "元" else "元"
                yield ctx.finding(
                    F001,
                    f"“{match.group(0)}”：数据中有 {money(slip)} 万元，单位应为“{right}”？",
                    location,
                    section,
                )
                continue
            if not tables_related:
                continue
            near = min(values, key=lambda v: abs(v - wan), default=None)
            if near is not None and abs(near - wan) <= NEAR:
                yield ctx.finding(
                    F002, f"“{match.group(0)}”与数据 {money(near)} 万元不一致", location, section
                )
            else:
                yield ctx.finding(
                    F003, f"“{match.group(0)}”在表格和数据中找不到，请核对", location, section
                )
