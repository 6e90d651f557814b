"""Schema rules: what the input holds that the layout cannot place or does not know.

Wrong types and syntax never get here (they make the input unusable, exit
2); these are inputs we can read but should not trust as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checks.context import CheckContext
from generator.checks.findings import Finding, Severity, implements, money, rule
from generator.compute.cells import Leaf
from generator.profiles import codes

S001 = rule(
    "S001",
    "schema",
    Severity.ERROR,
    "一个金额的位置填了多个值（或反之）",
    "公开06 lines 30101 写成了 {决算数: 189.46}",
)
S002 = rule(
    "S002",
    "schema",
    Severity.ERROR,
    "表、栏或行不在本 profile 的版式中（拼写错误？）",
    "公开03 的一行写了“基本费”而不是“基本支出”",
)
S003 = rule(
    "S003", "schema", Severity.ERROR, "功能分类科目编码应为 3、5 或 7 位数字", "科目编码 20113x"
)
S004 = rule("S004", "schema", Severity.ERROR, "同一表中科目编码重复", "2011301 出现两次")
S005 = rule(
    "S005", "schema", Severity.ERROR, "经济分类科目不在 profile 的科目表中", "公开06 写了 30299x"
)
S006 = rule(
    "S006",
    "schema",
    Severity.WARNING,
    "科目编码不在本年度功能分类科目表中",
    "已撤销的科目 20115",
)
S007 = rule(
    "S007",
    "schema",
    Severity.WARNING,
    "科目名称与科目表不一致",
    "2011301 写成“行政运行支出”，科目表为“行政运行”",
)
S008 = rule(
    "S008",
    "schema",
    Severity.ERROR,
    "金额为负数（profile 未允许）",
    "公开03 2011301 基本支出 -5.00",
)

# what the table builders found (generator/tables), and the rule that reports it
_BY_PROBLEM = {
    "shape": S001,
    "not_in_layout": S002,
    "bad_code": S003,
    "duplicate_code": S004,
    "unknown_economic": S005,
}


@implements(S001, S002, S003, S004, S005)
def placement(ctx: CheckContext) -> Iterator[Finding]:
    for problem in ctx.computed.structure.problems:
        table = str(problem.path[1]) if len(problem.path) > 1 else ""
        yield ctx.finding(
            _BY_PROBLEM[problem.what], problem.message, ctx.locate(problem.path), table
        )


@implements(S006, S007)
def catalog(ctx: CheckContext) -> Iterator[Finding]:
    profile = ctx.profile
    for table_id, data in ctx.report.tables.items():
        for i, row in enumerate(data.rows):
            if not codes.is_code(row.code):
                continue
            known = profile.code_name(row.code)
            path = ("tables", table_id, "rows", i, "code")
            if known is None:
                yield ctx.finding(
                    S006,
                    f"{table_id} 科目编码 {row.code} 不在 {profile.year} 年功能分类科目表中",
                    ctx.locate(path),
                    table_id,
                )
            elif row.name and row.name.strip() != known:
                yield ctx.finding(
                    S007,
                    f"{table_id} 科目 {row.code} 名称为“{row.name.strip()}”，科目表为“{known}”",
                    ctx.locate(("tables", table_id, "rows", i, "name")),
                    table_id,
                )


@implements(S008)
def negatives(ctx: CheckContext) -> Iterator[Finding]:
    for cell in ctx.computed.sheet.cells():
        if not isinstance(cell.formula, Leaf) or cell.computed is None or cell.computed >= 0:
            continue
        table, row, column = cell.key
        if column in ctx.profile.table(table).allow_negative:
            continue
        yield ctx.finding(
            S008,
            f"{table} {row} {column} 为负数 {money(cell.computed)}",
            ctx.locate_cell(cell.key),
            table,
        )
