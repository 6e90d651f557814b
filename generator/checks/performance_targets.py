"""项目绩效目标表: the full form's check boxes, its funding figures and its blank fields.

The full form prints 项目类型 and 资金用途 as the profile's check boxes: a value that
is none of them would tick nothing, so it is an error, not a silent blank.  Its
amounts are stated, so they are checked (财政拨款资金 + 其他资金 = 本年度项目金额 ≤
项目总金额).  A field left blank prints as a blank cell, never as 0.00; a warning
says where to fill it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.checks.context import CheckContext
from generator.checks.findings import Figures, Finding, Severity, implements, rule
from generator.model.performance import PerformanceTarget

K001 = rule(
    "K001",
    "绩效目标表",
    Severity.ERROR,
    "项目类型、资金用途应为版式列出的选项之一（印为勾选框）",
    "项目类型 填“一般项目”，选项为 一般性项目支出、专项性项目支出……",
)
K002 = rule(
    "K002",
    "绩效目标表",
    Severity.ERROR,
    "财政拨款资金 + 其他资金 = 本年度项目金额，且本年度项目金额不超过项目总金额",
    "财政拨款资金 80,418,000.00 + 其他资金 0.00 ≠ 本年度项目金额 80,400,000.00",
)
K003 = rule(
    "K003",
    "绩效目标表",
    Severity.WARNING,
    "完整格式的项目绩效目标表有未填的栏（印为空白）",
    "未填 项目总金额、计划完成日期",
)

BASE = ("attachments", "performance_targets")
# the full form's fields a reader expects filled, by input key
FULL_FORM = {
    "项目类型": "project_type",
    "资金用途": "fund_use",
    "负责人": "manager",
    "负责人电话": "manager_phone",
    "联系人": "contact",
    "联系人电话": "contact_phone",
    "计划开始日期": "start_date",
    "计划完成日期": "end_date",
    "项目总金额": "total_amount",
    "项目金额": "amount",
    "财政拨款资金": "fiscal_funds",
    "其他资金": "other_funds",
}
LABELS = {"项目金额": "本年度项目金额"}


def _yuan(value: Decimal) -> str:
    return f"{value:,.2f}"


@implements(K001, K002, K003)
def target_tables(ctx: CheckContext) -> Iterator[Finding]:
    settings = ctx.profile.performance
    choices = {"项目类型": settings.target_project_types, "资金用途": settings.target_fund_uses}
    for i, target in enumerate(ctx.report.attachments.performance_targets):
        where = f"项目绩效目标表 {target.name}"
        for key, options in choices.items():
            value = getattr(target, FULL_FORM[key])
            if options and value and value not in options:
                yield ctx.finding(
                    K001,
                    f"{where} {key}“{value}”不是选项之一，应为：{'、'.join(options)}",
                    ctx.locate((*BASE, i, key)),
                    where,
                )
        yield from _funds(ctx, i, target, where)
        if target.full_form:
            blank = [k for k, attr in FULL_FORM.items() if getattr(target, attr) in (None, "")]
            if blank:
                yield ctx.finding(
                    K003,
                    f"{where}：未填 {'、'.join(LABELS.get(k, k) for k in blank)}（印为空白）",
                    ctx.locate((*BASE, i, blank[0])),
                    where,
                )


def _funds(ctx: CheckContext, i: int, target: PerformanceTarget, where: str) -> Iterator[Finding]:
    amount, fiscal, other = target.amount, target.fiscal_funds, target.other_funds
    given = amount is not None and fiscal is not None and other is not None
    if given and fiscal + other != amount:
        yield ctx.finding(
            K002,
            f"{where}：财政拨款资金 {_yuan(fiscal)} + 其他资金 {_yuan(other)} = "
            f"{_yuan(fiscal + other)}，本年度项目金额为 {_yuan(amount)}",
            ctx.locate((*BASE, i, "项目金额")),
            where,
            figures=Figures(fiscal + other, amount, unit="元"),
        )
    total = target.total_amount
    if total is not None and amount is not None and amount > total:
        yield ctx.finding(
            K002,
            f"{where}：本年度项目金额 {_yuan(amount)} 超过项目总金额 {_yuan(total)}",
            ctx.locate((*BASE, i, "项目总金额")),
            where,
            figures=Figures(total, amount, unit="元"),
        )
