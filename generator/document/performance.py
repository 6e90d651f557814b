"""The 绩效 attachment tables as grids (same ``TableView`` the nine tables use).

They are forms rather than lists — label cells, merged blocks, a 总分 row —
so each builder spells out its rows; consecutive equal 一级/二级 names are
merged vertically as the published forms do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from generator.compute.performance import (
    ProjectScores,
    ScoringResult,
    task_totals,
)
from generator.document.tables import TableView, ViewCell
from generator.model.amounts import fmt_money
from generator.model.performance import (
    DepartmentSelfEvaluationTable,
    OverallIndicator,
    PerformanceTarget,
    TargetIndicator,
)
from generator.narrative.numbers import plain

T = TypeVar("T")


def _yuan(value: Decimal | None) -> ViewCell:
    """An amount in 元; a figure nobody entered is a blank cell, not 0.00."""
    if value is None:
        return ViewCell("", None, "amount")
    return ViewCell(fmt_money(value, zero="0.00"), value, "amount")


def _num(value: Decimal | None) -> ViewCell:
    return ViewCell("" if value is None else plain(value), value, "amount")


def _h(text: str, colspan: int = 1, rowspan: int = 1) -> ViewCell:
    return ViewCell(text, kind="header", colspan=colspan, rowspan=rowspan)


def _t(text: str, colspan: int = 1, rowspan: int = 1) -> ViewCell:
    return ViewCell(text, kind="text", colspan=colspan, rowspan=rowspan)


def merged_column(items: Sequence[T], name: Callable[[T], str]) -> list[ViewCell | None]:
    """One cell per run of equal names (rowspan = run length); None where merged away."""
    out: list[ViewCell | None] = []
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and name(items[j + 1]) == name(items[i]):
            j += 1
        out.append(_h(name(items[i]), rowspan=j - i + 1))
        out += [None] * (j - i)
        i = j + 1
    return out


def _view(
    view_id: str,
    title: str,
    department: str,
    body: list[list[ViewCell]],
    widths: list[float],
    unit: str = "",
) -> TableView:
    return TableView(view_id, title, None, unit, department, [], [], body, widths)


def project_table(scores: ProjectScores, department: str) -> TableView:
    p = scores.source
    body: list[list[ViewCell]] = [
        [_h("项目名称"), _t(p.name, 3), _h("项目金额", 2), _yuan(p.amount)],
        [_h("主管部门"), _t(p.department, 3), _h("实施单位", 2), _t(p.implementer)],
        [
            _h("项目资金（元）", rowspan=len(scores.funds) + 1),
            _h(""),
            _h("年初预算数"),
            _h("全年预算数"),
            _h("全年执行数"),
            _h("分值"),
            _h("执行率"),
            _h("得分"),
        ],
    ]
    body[0][-1].colspan = 2
    body[1][-1].colspan = 2
    for i, fund in enumerate(scores.funds):
        label = fund.label if i in (0,) else (("其中：" if i == 1 else "") + fund.label)
        first = i == 0
        body.append(
            [
                _h(label),
                _yuan(fund.initial),
                _yuan(fund.budget),
                _yuan(fund.executed),
                _num(p.fund_weight) if first else _h("—"),
                ViewCell(f"{fund.rate2:.2f}", fund.rate2, "amount"),
                _num(scores.fund_score) if first else _h("—"),
            ]
        )
    body += [
        [_h("年度总体目标", rowspan=2), _h("预期目标", 3), _h("实际完成情况", 4)],
        [_t(p.goal_expected, 3), _t(p.goal_actual, 4)],
        [_h("年度绩效指标", 8)],
        [
            _h("一级指标"),
            _h("二级指标"),
            _h("三级指标"),
            _h("年度指标值"),
            _h("实际完成值"),
            _h("分值"),
            _h("得分"),
            _h("偏差原因分析及改进措施"),
        ],
    ]
    l1 = merged_column(p.indicators, lambda i: i.level1)
    l2 = merged_column(p.indicators, lambda i: f"{i.level1}/{i.level2}")
    for cell in l2:
        if cell is not None:
            cell.text = cell.text.split("/", 1)[1]
    for ind, a, b in zip(p.indicators, l1, l2, strict=True):
        row = [c for c in (a, b) if c is not None]
        row += [
            _t(ind.name),
            _t(ind.target),
            _t(ind.actual),
            _num(ind.weight),
            _num(ind.score),
            _t(ind.deviation),
        ]
        body.append(row)
    body.append([_h("总分", 5), _num(scores.weight_total), _num(scores.shown_total), _h("—")])
    return _view(
        f"自评表/{p.name}",
        "项目支出绩效自评表",
        department,
        body,
        [0.9, 1.1, 2.0, 1.55, 1.55, 0.55, 0.7, 1.65],
    )


def indicator_rows(
    indicators: Sequence[OverallIndicator | TargetIndicator],
    lead: list[ViewCell | None] | None = None,
    name_span: int = 1,
) -> list[list[ViewCell]]:
    l1 = merged_column(indicators, lambda i: i.level1)
    l2 = merged_column(indicators, lambda i: f"{i.level1}/{i.level2}")
    for cell in l2:
        if cell is not None:
            cell.text = cell.text.split("/", 1)[1]
    rows = []
    for n, (ind, a, b) in enumerate(zip(indicators, l1, l2, strict=True)):
        row: list[ViewCell] = []
        if lead is not None and lead[n] is not None:
            row.append(lead[n])  # type: ignore[arg-type]
        row += [c for c in (a, b) if c is not None]
        row.append(_t(ind.name, name_span))
        row.append(_t(ind.target))
        if isinstance(ind, OverallIndicator):
            row.append(_t(ind.actual))
        rows.append(row)
    return rows


def indicators_table(indicators: list[OverallIndicator], department: str) -> TableView:
    body = [[_h("一级指标"), _h("二级指标"), _h("三级指标"), _h("年度指标值"), _h("实际完成值")]]
    body += indicator_rows(indicators)
    return _view("指标表", "", department, body, [1.0, 1.0, 2.4, 1.6, 1.6])


def department_table(table: DepartmentSelfEvaluationTable, department: str, year: int) -> TableView:
    totals = task_totals(table.tasks)
    n_tasks = len(table.tasks)
    body: list[list[ViewCell]] = [
        [_h("部门（单位）名称", 2), _t(department, 3), _h("预算年度"), _t(str(year))],
        [
            _h("年度主要任务完成情况", rowspan=n_tasks + 3),
            _h("任务名称", rowspan=2),
            _h("完成情况", rowspan=2),
            _h("预算数（元）", 2),
            _h("执行数（元）", 2),
        ],
        [_h("全额"), _h("其中：财政拨款"), _h("全额"), _h("其中：财政拨款")],
    ]
    for task in table.tasks:
        body.append(
            [
                _h(task.name),
                _t(task.completion),
                _yuan(task.budget_total),
                _yuan(task.budget_fiscal),
                _yuan(task.executed_total),
                _yuan(task.executed_fiscal),
            ]
        )
    body.append(
        [
            _h("金额合计", 2),
            _yuan(totals.budget_total),
            _yuan(totals.budget_fiscal),
            _yuan(totals.executed_total),
            _yuan(totals.executed_fiscal),
        ]
    )
    body += [
        [_h("年度总体目标完成情况", rowspan=2), _h("预期目标", 3), _h("目标实际完成情况", 3)],
        [_t(table.goal_expected, 3), _t(table.goal_actual, 3)],
    ]
    n = len(table.indicators)
    lead: list[ViewCell | None] = [_h("年度绩效指标完成情况", rowspan=n + 1)]
    body.append(
        [
            lead[0],
            _h("一级指标"),
            _h("二级指标"),
            _h("三级指标", 2),
            _h("预期指标值"),
            _h("实际完成指标值"),
        ]
    )  # type: ignore[list-item]
    body += indicator_rows(table.indicators, lead=[None] * n, name_span=2)
    return _view(
        "部门整体自评表",
        "部门（单位）整体支出绩效目标完成情况自评表",
        department,
        body,
        [0.9, 1.3, 2.0, 1.3, 1.3, 1.3, 1.3],
    )


def scoring_table(
    result: ScoringResult, department: str, default_notes: Sequence[str] = ()
) -> TableView:
    """The 评分表; 指标解释/评分标准 and 扣分原因 columns print when any row fills them."""
    src = result.source
    items = src.items
    explain = any(i.explanation for i in items) or not items
    criteria = any(i.criteria for i in items) or not items
    deduction = any(i.deduction for i in items)
    head = [_h("一级指标"), _h("二级指标"), _h("三级指标"), _h("分值")]
    widths = [1.1, 1.2, 1.5, 0.6]
    if explain:
        head.append(_h(src.explanation_header))
        widths.append(2.4)
    if criteria:
        head.append(_h(src.criteria_header))
        widths.append(3.2)
    head.append(_h("得分"))
    widths.append(0.6)
    if deduction:
        head.append(_h("扣分原因"))
        widths.append(2.6)
    body: list[list[ViewCell]] = [head]
    for level in result.levels:
        first_level = True
        level_rows = sum(len(g.items) for g in level.groups)
        for group in level.groups:
            first_group = True
            for item in group.items:
                row: list[ViewCell] = []
                if first_level:
                    row.append(_h(f"{level.name}（{plain(level.weight)}分）", rowspan=level_rows))
                    first_level = False
                if first_group:
                    row.append(
                        _h(f"{group.name}（{plain(group.weight)}分）", rowspan=len(group.items))
                    )
                    first_group = False
                row += [_t(item.name), _num(item.weight)]
                row += [_t(item.explanation)] if explain else []
                row += [_t(item.criteria)] if criteria else []
                row.append(_num(item.score))
                row += [_t(item.deduction)] if deduction else []
                body.append(row)
    shown_total = result.total
    if src.stated_total is not None and abs(src.stated_total - result.total) <= Decimal("0.01"):
        shown_total = src.stated_total
    total_row = [_h(src.total_label, 3), _num(result.weight)]
    if explain or criteria:
        total_row.append(_h("", int(explain) + int(criteria)))
    total_row.append(_num(shown_total))
    total_row += [_h("")] if deduction else []
    body.append(total_row)
    body.append([_h("评分等级", 3), _t(result.grade, len(widths) - 3)])
    notes = list(src.notes if src.notes is not None else default_notes)
    view = _view("评分表", src.title, department, body, widths)
    view.notes = notes
    return view


def _boxes(options: Sequence[str], chosen: str) -> str:
    """Check boxes as published: every option, the chosen one ticked."""
    if not options:
        return chosen
    return "　".join(f"{o}{'■' if o == chosen else '□'}" for o in options)


def _plain_yuan(value: Decimal | None) -> ViewCell:
    """元 as the full form prints them: 80418000.00 (no separators); a blank cell for a
    figure nobody entered (absent is not zero)."""
    if value is None:
        return ViewCell("", None, "amount")
    return ViewCell(f"{value:.2f}", value, "amount")


def full_target_table(
    target: PerformanceTarget,
    department: str,
    project_types: Sequence[str] = (),
    fund_uses: Sequence[str] = (),
) -> TableView:
    """The full 项目绩效目标表: every field of the form, then the indicators
    with their 目标值来源."""
    body: list[list[ViewCell]] = []
    if target.year:
        body.append([_t(f"（{target.year}年）", 5)])
    body += [
        [_t(f"实施单位：{target.implementer}", 3), _t(f"主管单位：{target.department}", 2)],
        [_h("项目名称"), _t(target.name, 4)],
        [_h("项目类型"), _t(_boxes(project_types, target.project_type), 4)],
        [_h("资金用途"), _t(_boxes(fund_uses, target.fund_use), 4)],
        [_h("负责人"), _t(target.manager, 2), _h("负责人电话"), _t(target.manager_phone)],
        [_h("联系人"), _t(target.contact, 2), _h("联系人电话"), _t(target.contact_phone)],
        [_h("计划开始日期"), _t(target.start_date, 2), _h("计划完成日期"), _t(target.end_date)],
        [
            _h("项目总金额"),
            _plain_yuan(target.total_amount),
            _h("本年度项目金额", 2),
            _plain_yuan(target.amount),
        ],
        [
            _h("财政拨款资金"),
            _plain_yuan(target.fiscal_funds),
            _h("其他资金", 2),
            _plain_yuan(target.other_funds),
        ],
    ]
    for label, text in (
        ("项目概况", target.overview),
        ("项目用途", target.use),
        ("项目总(中期)目标", target.overall_goal),
        ("年度绩效目标", target.goal),
    ):
        if text:
            body.append([_h(label), _t(text, 4)])
    body.append(
        [_h("目标内容"), _h("二级指标"), _h("绩效指标"), _h("指标目标值"), _h("目标值来源")]
    )
    rows = indicator_rows(target.indicators)
    for row, ind in zip(rows, target.indicators, strict=True):
        row.append(_t(ind.source))
    body += rows
    return _view(
        f"绩效目标表/{target.name}", "项目绩效目标表", department, body, [1.1, 1.0, 2.0, 1.2, 2.2]
    )


def target_table(
    target: PerformanceTarget,
    department: str,
    project_types: Sequence[str] = (),
    fund_uses: Sequence[str] = (),
) -> TableView:
    if target.full_form:
        return full_target_table(target, department, project_types, fund_uses)
    body: list[list[ViewCell]] = [
        [_h("项目名称"), _t(target.name, 2), _h("项目金额（元）"), _yuan(target.amount)],
        [_h("主管部门"), _t(target.department, 2), _h("实施单位"), _t(target.implementer)],
        [_h("年度目标"), _t(target.goal, 4)],
        [_h("一级指标"), _h("二级指标"), _h("三级指标", 2), _h("指标值")],
    ]
    body += indicator_rows(target.indicators, name_span=2)
    return _view(
        f"绩效目标表/{target.name}", "项目绩效目标表", department, body, [1.1, 1.2, 1.6, 1.6, 1.8]
    )
